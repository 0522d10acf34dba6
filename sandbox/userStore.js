// @ts-check
'use strict';
/**
 * Small in-memory user store fed by accepted Data API calls, read by Get user (export).
 */
const { newId } = require('./responses');

/**
 * @typedef {{
 *   customer_id: string, moengage_id: string, attributes: Record<string, unknown>,
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
	 * @param {'customer_id' | 'moengage_id'} identityType
	 * @param {string} value
	 * @returns {StoredUser | undefined}
	 */
	find(identityType, value) {
		if (identityType === 'customer_id') return this.users.get(value);
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
		this.users.delete(u.customer_id);
		return true;
	}
}

module.exports = { UserStore };
