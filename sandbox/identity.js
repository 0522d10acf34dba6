// @ts-check
'use strict';
/**
 * Identity Resolution (current reference §2.10): a workspace option. When it is on, Track User,
 * Track Event and Bulk Import may identify a user by an active identifier instead of customer_id:
 * users by an identifier inside `attributes`, events by `user_identifiers`. Null and blank values
 * never match, and identifier values are compared as exact strings. Merge is disabled.
 */

/**
 * The identifiers a sandbox workspace has active besides ID (which is customer_id and always
 * active). The reference names only `moe_mobile`; `email` is the name MoEngage's SDK samples use.
 */
const DEFAULT_IDENTIFIERS = Object.freeze(['moe_mobile', 'email']);

/**
 * The answer to Merge in a workspace with Identity Resolution. MoEngage documents that the API is
 * disabled there, but not its answer: this status and text are the sandbox's assumption.
 */
const MERGE_DISABLED = Object.freeze({
	status: 403,
	type: 'Forbidden',
	message: 'Merge User API is disabled for workspaces with Identity Resolution enabled.',
});

/**
 * @typedef {{ enabled: boolean, identifiers: string[] }} IdentitySettings
 * @typedef {{ type: string, message: string }} Problem
 */

/**
 * @param {Partial<IdentitySettings> | boolean | undefined} option
 * @returns {IdentitySettings}
 */
function identitySettings(option) {
	if (option === true) return { enabled: true, identifiers: [...DEFAULT_IDENTIFIERS] };
	if (!option) return { enabled: false, identifiers: [...DEFAULT_IDENTIFIERS] };
	return {
		enabled: option.enabled !== false,
		identifiers: Array.isArray(option.identifiers) ? option.identifiers.map(String) : [...DEFAULT_IDENTIFIERS],
	};
}

/**
 * An identifier value as MoEngage matches it (an exact string), or null when it never matches.
 * @param {unknown} value
 * @returns {string | null}
 */
function matchValue(value) {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' || value.trim() === '') return null;
	return value;
}

/**
 * The active identifiers of `source` that have a value that can match.
 * @param {unknown} source
 * @param {IdentitySettings} ir
 * @returns {Record<string, string>}
 */
function identifiersIn(source, ir) {
	/** @type {Record<string, string>} */
	const found = {};
	if (source === null || typeof source !== 'object' || Array.isArray(source)) return found;
	const object = /** @type {Record<string, unknown>} */ (source);
	for (const name of ir.identifiers) {
		if (!Object.prototype.hasOwnProperty.call(object, name)) continue;
		const value = matchValue(object[name]);
		if (value !== null) found[name] = value;
	}
	return found;
}

/**
 * A customer without customer_id in an Identity Resolution workspace: `attributes` must hold an
 * active identifier with a value.
 * @param {Record<string, unknown>} o
 * @param {IdentitySettings} ir
 * @returns {Problem | null}
 */
function checkCustomerIdentity(o, ir) {
	if (Object.keys(identifiersIn(o.attributes, ir)).length > 0) return null;
	return {
		type: 'MissingAttributeError',
		message: `customer_id is not found in the payload, and attributes hold no active identifier (${ir.identifiers.join(', ')}) with a value`,
	};
}

/**
 * An event without customer_id in an Identity Resolution workspace: `user_identifiers` must hold an
 * active identifier with a value.
 * @param {Record<string, unknown>} o
 * @param {IdentitySettings} ir
 * @returns {Problem | null}
 */
function checkEventIdentity(o, ir) {
	const ids = o.user_identifiers;
	if (ids === undefined) {
		return { type: 'MissingAttributeError', message: 'customer_id or user_identifiers is not found in the payload' };
	}
	if (ids === null || typeof ids !== 'object' || Array.isArray(ids)) {
		return { type: 'MissingAttributeError', message: 'user_identifiers is expected to be object' };
	}
	if (Object.keys(identifiersIn(ids, ir)).length > 0) return null;
	return {
		type: 'InvalidParams',
		message: `user_identifiers hold no active identifier (${ir.identifiers.join(', ')}) with a value`,
	};
}

module.exports = { DEFAULT_IDENTIFIERS, MERGE_DISABLED, identitySettings, identifiersIn, checkCustomerIdentity, checkEventIdentity };
