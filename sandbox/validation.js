// @ts-check
'use strict';
/**
 * Validation of Data API objects (customer / event / device), shared by the single
 * endpoints and the bulk import elements.
 */

/** Values MoEngage refuses as customer_id (002_*.txt), compared case-insensitively after trim. */
const BLOCKED_CUSTOMER_IDS = new Set([
	'unknown', 'guest', 'null', '0', '1', 'true', 'false', 'user_attribute_unique_id', '(empty)', 'na', 'n/a', '',
	'dummy_seller_code', 'user_id', 'id', 'customer_id', 'uid', 'userid', 'none', '-2', '-1', '2',
]);

const TZ_OFFSET_LIMIT = 54000;

const { checkCustomerIdentity, checkEventIdentity } = require('./identity');

/**
 * @typedef {{ type: string, message: string }} Problem
 * @typedef {{ nowMs: number, clockSkewMs: number }} TimeRules
 * @typedef {import('./identity').IdentitySettings} IdentitySettings
 */

/**
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
function isPlainObject(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * @param {string} type
 * @param {string} message
 * @returns {Problem}
 */
function problem(type, message) {
	return { type, message };
}

/**
 * @param {unknown} v
 * @param {string} [field]
 * @returns {Problem | null}
 */
function checkCustomerId(v, field = 'customer_id') {
	if (v === undefined || v === null) return problem('ParamsRequired', `${field} is required`);
	if (typeof v !== 'string') return problem('MissingAttributeError', `${field} is expected to be string`);
	const norm = v.trim().toLowerCase();
	if (BLOCKED_CUSTOMER_IDS.has(norm)) {
		return problem('InvalidParams', `${field} '${v}' is not an allowed value`);
	}
	if (norm.length < 2) return problem('InvalidParams', `${field} must be a string of more than one character`);
	return null;
}

/**
 * @param {unknown} actual
 * @param {string} expected
 * @returns {Problem | null}
 */
function checkType(actual, expected) {
	if (actual === expected) return null;
	if (typeof actual === 'string' && actual.toLowerCase() === expected) {
		return problem('InvalidParams', `type is case-sensitive: expected "${expected}", got "${actual}"`);
	}
	if (actual === undefined) return problem('ParamsRequired', `type is required and must be "${expected}"`);
	return problem('InvalidParams', `type must be "${expected}", got ${JSON.stringify(actual)}`);
}

/**
 * @param {string} name
 */
function isReserved(name) {
	return name.toLowerCase().startsWith('moe_');
}

/** Device attributes the Track Device API reference documents although they start with "moe_". */
const DOCUMENTED_DEVICE_ATTRIBUTES = new Set(['moe_push_opted', 'moe_push_provisional_opted', 'moe_gaid']);

/** Standard user attributes the Track User reference documents with the prefix (current reference §9, row 11). */
const DOCUMENTED_USER_ATTRIBUTES = new Set([
	'moe_sms_subscription', 'moe_wa_subscription', 'moe_spam', 'moe_unsubscribe', 'moe_hard_bounce',
	'moe_sub_w', 'moe_email_optin_status', 'moe_em_unsub_categories', 'moe_gaid',
]);

/**
 * @param {unknown} attrs
 * @param {string} field
 * @param {Set<string>} [allowed] reserved names documented for this object
 * @returns {Problem | null}
 */
function checkAttributes(attrs, field, allowed) {
	if (attrs === undefined) return null;
	if (!isPlainObject(attrs)) return problem('MissingAttributeError', `${field} is expected to be object`);
	for (const name of Object.keys(attrs)) {
		if (isReserved(name) && !(allowed && allowed.has(name))) {
			return problem('InvalidParams', `${field}.${name}: names starting with "moe_" are reserved by MoEngage`);
		}
	}
	return null;
}

const ISO_RE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses ISO 8601 (a missing zone means UTC) or epoch seconds (number or digit string) to ms.
 * @param {unknown} v
 * @returns {number | null | 'ms'} ms since epoch; 'ms' when it looks like epoch milliseconds
 */
function parseTime(v) {
	if (typeof v === 'number' || (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v))) {
		const n = Number(v);
		if (!Number.isFinite(n) || n < 0) return null;
		if (n >= 1e11) return 'ms';
		return n * 1000;
	}
	if (typeof v !== 'string') return null;
	const m = ISO_RE.exec(v);
	if (!m) return null;
	const [, date, time, frac, zone] = m;
	let zoneNorm = zone || 'Z';
	if (zoneNorm !== 'Z' && zoneNorm.length === 3) zoneNorm += ':00';
	else if (zoneNorm !== 'Z' && zoneNorm.length === 5) zoneNorm = `${zoneNorm.slice(0, 3)}:${zoneNorm.slice(3)}`;
	const iso = time
		? `${date}T${time.length === 5 ? `${time}:00` : time}${frac ? `.${frac.slice(0, 3).padEnd(3, '0')}` : ''}${zoneNorm}`
		: `${date}T00:00:00Z`;
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? null : ms;
}

/**
 * @param {unknown} v
 * @param {string} field
 * @param {TimeRules} rules
 * @returns {Problem | null}
 */
function checkTime(v, field, rules) {
	if (v === undefined) return null;
	const ms = parseTime(v);
	if (ms === 'ms') {
		return problem('InvalidParams', `${field} looks like epoch milliseconds; epoch seconds or ISO 8601 expected`);
	}
	if (ms === null) return problem('InvalidParams', `${field} must be ISO 8601 or epoch seconds`);
	if (ms > rules.nowMs + rules.clockSkewMs) return problem('InvalidParams', `${field} is in the future`);
	return null;
}

/**
 * @param {unknown} a
 * @param {string} field
 * @param {TimeRules} rules
 * @returns {Problem | null}
 */
function checkAction(a, field, rules) {
	if (!isPlainObject(a)) return problem('MissingAttributeError', `${field} is expected to be object`);
	if (typeof a.action !== 'string' || a.action.trim() === '') {
		return problem('MissingAttributeError', `${field}.action is expected to be a non-empty string`);
	}
	if (isReserved(a.action)) {
		return problem('InvalidParams', `${field}.action: names starting with "moe_" are reserved by MoEngage`);
	}
	const attrs = checkAttributes(a.attributes, `${field}.attributes`);
	if (attrs) return attrs;
	for (const key of ['platform', 'app_version']) {
		if (a[key] !== undefined && typeof a[key] !== 'string') {
			return problem('MissingAttributeError', `${field}.${key} is expected to be string`);
		}
	}
	const t1 = checkTime(a.user_time, `${field}.user_time`, rules) || checkTime(a.current_time, `${field}.current_time`, rules);
	if (t1) return t1;
	const off = a.user_timezone_offset;
	if (off !== undefined) {
		if (typeof off !== 'number' || !Number.isInteger(off)) {
			return problem('MissingAttributeError', `${field}.user_timezone_offset is expected to be int`);
		}
		if (off < -TZ_OFFSET_LIMIT || off > TZ_OFFSET_LIMIT) {
			return problem('InvalidParams', `${field}.user_timezone_offset must be within -54000..54000 seconds`);
		}
	}
	return null;
}

/** The platforms a user's `platforms` attribute may list (Track User reference). */
const USER_PLATFORMS = new Set(['ANDROID', 'iOS', 'web']);

/**
 * `attributes.platforms`: `[{platform: "ANDROID"|"iOS"|"web", active: "true"|"false"}]`, strings.
 * @param {unknown} platforms
 * @returns {Problem | null}
 */
function checkPlatforms(platforms) {
	if (platforms === undefined) return null;
	const bad = (/** @type {string} */ why) => problem('InvalidParams', `attributes.platforms: ${why}`);
	if (!Array.isArray(platforms)) return bad('is expected to be a list of {platform, active}');
	for (const entry of platforms) {
		if (!isPlainObject(entry)) return bad('each entry is expected to be an object');
		if (typeof entry.platform !== 'string' || !USER_PLATFORMS.has(entry.platform)) return bad(`${JSON.stringify(entry.platform)} is not a valid platform`);
		if (entry.active !== 'true' && entry.active !== 'false') return bad('active is expected to be "true" or "false"');
		if (Object.keys(entry).some((k) => k !== 'platform' && k !== 'active')) return bad('unknown key in a platform entry');
	}
	return null;
}

/**
 * Identity Resolution workspaces may leave customer_id out when the object names the user by an
 * active identifier (`check`); otherwise customer_id is required as usual.
 * @param {Record<string, unknown>} o
 * @param {IdentitySettings | undefined} ir
 * @param {(o: Record<string, unknown>, ir: IdentitySettings) => Problem | null} check
 * @returns {Problem | null}
 */
function checkIdentity(o, ir, check) {
	if (ir && ir.enabled && o.customer_id === undefined) return check(o, ir);
	return checkCustomerId(o.customer_id);
}

/**
 * @param {IdentitySettings | undefined} ir
 * @returns {Set<string>}
 */
function userAttributesAllowed(ir) {
	if (!ir || !ir.enabled) return DOCUMENTED_USER_ATTRIBUTES;
	return new Set([...DOCUMENTED_USER_ATTRIBUTES, ...ir.identifiers]);
}

/**
 * @param {unknown} o
 * @param {IdentitySettings} [ir]
 * @returns {Problem | null}
 */
function validateCustomer(o, ir) {
	if (!isPlainObject(o)) return problem('MissingAttributeError', 'a customer is expected to be an object');
	const p =
		checkType(o.type, 'customer') ||
		checkIdentity(o, ir, checkCustomerIdentity) ||
		checkAttributes(o.attributes, 'attributes', userAttributesAllowed(ir)) ||
		(isPlainObject(o.attributes) ? checkPlatforms(o.attributes.platforms) : null);
	if (p) return p;
	if (o.update_existing_only !== undefined && typeof o.update_existing_only !== 'boolean') {
		return problem('MissingAttributeError', 'update_existing_only is expected to be bool');
	}
	return null;
}

/**
 * @param {unknown} o
 * @param {TimeRules} rules
 * @param {IdentitySettings} [ir]
 * @returns {Problem | null}
 */
function validateEvent(o, rules, ir) {
	if (!isPlainObject(o)) return problem('MissingAttributeError', 'an event is expected to be an object');
	const p = checkType(o.type, 'event') || checkIdentity(o, ir, checkEventIdentity);
	if (p) return p;
	if (o.device_id !== undefined && typeof o.device_id !== 'string') {
		return problem('MissingAttributeError', 'device_id is expected to be string');
	}
	if (!Array.isArray(o.actions)) return problem('MissingAttributeError', 'actions is expected to be list');
	if (o.actions.length === 0) return problem('InvalidParams', 'actions must not be empty');
	for (let i = 0; i < o.actions.length; i++) {
		const ap = checkAction(o.actions[i], `actions[${i}]`, rules);
		if (ap) return ap;
	}
	return null;
}

/**
 * @param {unknown} o
 * @returns {Problem | null}
 */
function validateDevice(o) {
	if (!isPlainObject(o)) return problem('MissingAttributeError', 'a device is expected to be an object');
	const p = checkType(o.type, 'device') || checkCustomerId(o.customer_id);
	if (p) return p;
	if (typeof o.device_id !== 'string' || o.device_id.trim() === '') {
		return problem('MissingAttributeError', 'device_id is expected to be a non-empty string');
	}
	return checkAttributes(o.attributes, 'attributes', DOCUMENTED_DEVICE_ATTRIBUTES);
}

module.exports = {
	BLOCKED_CUSTOMER_IDS,
	isPlainObject,
	checkCustomerId,
	checkType,
	checkAttributes,
	parseTime,
	checkTime,
	validateCustomer,
	validateEvent,
	validateDevice,
};
