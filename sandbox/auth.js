// @ts-check
'use strict';
/**
 * Basic-auth checks for the two key families (Data API and Business Events).
 */

/**
 * @typedef {{ ok: true, user: string, pass: string }
 *   | { ok: false, reason: 'missing' | 'empty' | 'undecodable' | 'noUser' | 'noPass' }} ParsedAuth
 */

/**
 * Parses an `Authorization: Basic base64(user:pass)` header.
 * @param {string | undefined} header
 * @returns {ParsedAuth}
 */
function parseBasic(header) {
	if (header === undefined) return { ok: false, reason: 'missing' };
	const trimmed = header.trim();
	if (trimmed === '' || /^basic$/i.test(trimmed)) return { ok: false, reason: 'empty' };
	const m = /^basic\s+(\S+)$/i.exec(trimmed);
	if (!m || !/^[A-Za-z0-9+/]+={0,2}$/.test(m[1])) return { ok: false, reason: 'undecodable' };
	const decoded = Buffer.from(m[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return { ok: false, reason: 'undecodable' };
	const user = decoded.slice(0, colon);
	const pass = decoded.slice(colon + 1);
	if (user === '') return { ok: false, reason: 'noUser' };
	if (pass === '') return { ok: false, reason: 'noPass' };
	return { ok: true, user, pass };
}

/**
 * Data API check. Returns null when the credentials are right, else the documented 401 type/message.
 * @param {string | undefined} header
 * @param {string} workspaceId
 * @param {string} key
 * @returns {null | { type: string, message: string }}
 */
function checkDataAuth(header, workspaceId, key) {
	const p = parseBasic(header);
	if (!p.ok) {
		switch (p.reason) {
			case 'missing':
				return { type: 'Authentication Required', message: 'Authentication Header Required' };
			case 'empty':
				return { type: 'Authentication required', message: 'No identity information found' };
			case 'undecodable':
				return { type: 'Authentication required', message: 'Invalid identity information found' };
			case 'noUser':
				return { type: 'Authentication required', message: 'APP_KEY missing in the authentication header' };
			default:
				return { type: 'Authentication required', message: 'APP_SECRET missing in the authentication header' };
		}
	}
	if (p.user !== workspaceId) {
		return { type: 'Authentication required', message: 'Invalid APP_ID used in Authentication Header' };
	}
	if (p.pass !== key) {
		return {
			type: 'Authentication required',
			message: 'App Secret key mismatch. Please login to the dashboard to verify key',
		};
	}
	return null;
}

/**
 * Business Events check. Returns null when right, else the inner detail of the documented 401.
 * @param {string | undefined} header
 * @param {string} workspaceId
 * @param {string} key
 * @returns {null | { code: string, target: string, message: string }}
 */
function checkBeAuth(header, workspaceId, key) {
	const p = parseBasic(header);
	if (!p.ok && (p.reason === 'missing' || p.reason === 'empty')) {
		return {
			code: 'MissingValue',
			target: 'Authorization',
			message: 'APP_ID and APP_SECRET_KEY is missing in Authorization Header.',
		};
	}
	if (!p.ok || p.user !== workspaceId || p.pass !== key) {
		return {
			code: 'InvalidValue',
			target: 'Authorization',
			message: 'Invalid APP_ID or APP_SECRET_KEY in Authorization Header.',
		};
	}
	return null;
}

/**
 * @param {string} user
 * @param {string} pass
 * @returns {string} the `Authorization` header value
 */
function basicHeader(user, pass) {
	return 'Basic ' + Buffer.from(`${user}:${pass}`, 'utf8').toString('base64');
}

module.exports = { parseBasic, checkDataAuth, checkBeAuth, basicHeader };
