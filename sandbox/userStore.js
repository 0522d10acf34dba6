// @ts-check
'use strict';
/**
 * Small in-memory user store fed by accepted Data API calls, read by Get user (export).
 */
const { newId } = require('./responses');

/**
 * A user known only by identifiers (Identity Resolution) has `customer_id: null` and is kept under
 * its moengage_id.
 * @typedef {{
 *   customer_id: string | null, moengage_id: string, attributes: Record<string, unknown>,
 *   devices: Record<string, Record<string, unknown>>, created_time: string, last_updated: string
 * }} StoredUser
 */

class UserStore {
	constructor() {
		/** @type {Map<string, StoredUser>} */
		this.users = new Map();
	}

	/**
	 * @param {string} id
	 * @returns {StoredUser}
	 */
	ensure(id) {
		let u = this.users.get(id);
		if (!u) {
			const now = new Date().toISOString();
			u = { customer_id: id, moengage_id: newId(), attributes: {}, devices: {}, created_time: now, last_updated: now };
			this.users.set(id, u);
		}
		return u;
	}

	/**
	 * @param {string} id
	 * @param {Record<string, unknown> | undefined} attributes
	 * @param {boolean} existingOnly
	 * @returns {boolean} whether the store changed
	 */
	upsert(id, attributes, existingOnly) {
		if (existingOnly && !this.users.has(id)) return false;
		const u = this.ensure(id);
		if (attributes) Object.assign(u.attributes, attributes);
		u.last_updated = new Date().toISOString();
		return true;
	}

	/**
	 * @param {string} id
	 * @param {string} deviceId
	 * @param {Record<string, unknown> | undefined} attributes
	 */
	addDevice(id, deviceId, attributes) {
		const u = this.ensure(id);
		u.devices[deviceId] = { ...(u.devices[deviceId] || {}), ...(attributes || {}) };
		u.last_updated = new Date().toISOString();
	}

	/**
	 * @param {string} merged
	 * @param {string} retained
	 */
	merge(merged, retained) {
		const from = this.users.get(merged);
		const to = this.ensure(retained);
		if (from) {
			to.attributes = { ...from.attributes, ...to.attributes };
			to.devices = { ...from.devices, ...to.devices };
			this.users.delete(merged);
		}
		to.last_updated = new Date().toISOString();
	}

	/**
	 * The user one of these identifiers names (exact strings), or a new one without customer_id.
	 * @param {Record<string, string>} identifiers
	 * @returns {StoredUser}
	 */
	resolve(identifiers) {
		for (const u of this.users.values()) {
			if (Object.keys(identifiers).some((name) => u.attributes[name] === identifiers[name])) return u;
		}
		const now = new Date().toISOString();
		const moengageId = newId();
		/** @type {StoredUser} */
		const u = { customer_id: null, moengage_id: moengageId, attributes: { ...identifiers }, devices: {}, created_time: now, last_updated: now };
		this.users.set(moengageId, u);
		return u;
	}

	/**
	 * A customer object without customer_id (Identity Resolution): the user its identifiers name.
	 * @param {Record<string, string>} identifiers
	 * @param {Record<string, unknown> | undefined} attributes
	 * @param {boolean} existingOnly
	 * @returns {boolean} whether the store changed
	 */
	upsertByIdentifiers(identifiers, attributes, existingOnly) {
		const known = [...this.users.values()].some((u) => Object.keys(identifiers).some((n) => u.attributes[n] === identifiers[n]));
		if (existingOnly && !known) return false;
		const u = this.resolve(identifiers);
		if (attributes) Object.assign(u.attributes, attributes);
		u.last_updated = new Date().toISOString();
		return true;
	}

	/**
	 * @param {'customer_id' | 'moengage_id'} identityType
	 * @param {string} value
	 * @returns {StoredUser | undefined}
	 */
	find(identityType, value) {
		if (identityType === 'customer_id') {
			const u = this.users.get(value);
			return u && u.customer_id === value ? u : undefined;
		}
		for (const u of this.users.values()) if (u.moengage_id === value) return u;
		return undefined;
	}

	/**
	 * @param {'customer_id' | 'moengage_id'} identityType
	 * @param {string} value
	 * @returns {boolean}
	 */
	remove(identityType, value) {
		const u = this.find(identityType, value);
		if (!u) return false;
		this.users.delete(u.customer_id ?? u.moengage_id);
		return true;
	}
}

module.exports = { UserStore };
