// @ts-check
'use strict';
/**
 * Business Events API (`/v1.0/business_event...`): create, search, trigger.
 */
const { checkBeAuth } = require('./auth');
const { contentTypeProblem, parseJson } = require('./body');
const { be400, beError, beRateLimitBody, newId } = require('./responses');
const { accept } = require('./state');
const { isPlainObject, parseTime } = require('./validation');
const { ATTRIBUTE_TYPES, moeTimestamp, toSearchShape } = require('./businessEventRegistry');

/**
 * @typedef {import('./state').Ctx} Ctx
 * @typedef {import('./responses').SandboxResponse} SandboxResponse
 * @typedef {(ctx: Ctx, body: Record<string, unknown>, rid: string) => SandboxResponse} Handler
 */

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * @param {Record<string, unknown>} body
 * @param {string[]} allowed
 * @param {string} schemaClass
 * @param {string} rid
 * @returns {SandboxResponse | null}
 */
function extraFields(body, allowed, schemaClass, rid) {
	const extra = Object.keys(body).find((k) => !allowed.includes(k));
	if (extra === undefined) return null;
	const msg = `Additional fields are not allowed document schema for class ${schemaClass}:${extra}`;
	return be400(msg, extra, msg, 'InvalidValue', rid);
}

/**
 * @param {string} field
 * @param {string} rid
 */
function missing(field, rid) {
	return be400('Missing data for required field.', field, `${field} - Missing data for required field.`, 'MissingValue', rid);
}

/**
 * @param {unknown} value
 * @returns {string}
 */
function jsonType(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
	return typeof value;
}

/**
 * Whether `value` fits a declared attribute type. `float` accepts any finite number (JSON cannot
 * tell 4 from 4.0); `date` accepts ISO 8601 date/date-time strings and MM/DD/YYYY (as in 000_*.txt).
 * @param {unknown} value
 * @param {string} type
 */
function fitsType(value, type) {
	switch (type) {
		case 'string':
			return typeof value === 'string';
		case 'int':
			return typeof value === 'number' && Number.isInteger(value);
		case 'float':
			return typeof value === 'number' && Number.isFinite(value);
		case 'array':
			return Array.isArray(value);
		case 'date':
		case 'datetime':
			return (
				typeof value === 'string' &&
				(/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(value) || (!/^\d+(\.\d+)?$/.test(value) && typeof parseTime(value) === 'number'))
			);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		default:
			return false;
	}
}

/** @type {Handler} */
function handleTrigger(ctx, body, rid) {
	const extra = extraFields(body, ['event_name', 'event_attributes', 'triggered_by'], 'BusinessEventTriggerRequest', rid);
	if (extra) return extra;
	const { event_name: name, event_attributes: attrs, triggered_by: by } = body;
	if (typeof name !== 'string' || name === '') return missing('event_name', rid);
	if (attrs === undefined) return missing('event_attributes', rid);
	if (!isPlainObject(attrs)) {
		return be400('Not a valid mapping type.', 'event_attributes', 'event_attributes - Not a valid mapping type.', 'InvalidValue', rid);
	}
	if (by !== undefined && (typeof by !== 'string' || !EMAIL_RE.test(by))) {
		return be400('Business event does not exists', 'triggered_by', `triggered_by - Invalid email address : '${String(by)}'`, 'MissingValue', rid);
	}
	const ev = ctx.state.registry.map.get(name);
	if (!ev) return be400('Business event does not exists', 'event_name', 'Business event does not exist', 'InvalidValue', rid);
	for (const key of Object.keys(attrs)) {
		const decl = ev.event_attributes.find((a) => a.attribute_name === key);
		if (!decl) {
			const msg = 'Wrong business event attribute passed in api request';
			return be400(msg, key, msg, 'InvalidValue', rid);
		}
		if (!fitsType(attrs[key], decl.attribute_data_type)) {
			return be400(
				'Wrong business event attribute type passed in api request',
				key,
				`${key} - expected ${decl.attribute_data_type}, got ${jsonType(attrs[key])}`,
				'InvalidValue',
				rid,
			);
		}
	}
	if (!ev.hasActiveCampaign) {
		const msg = 'No active campaign found for business event name';
		return be400(msg, 'event_name', msg, 'InvalidValue', rid);
	}
	const hit = ctx.state.limits.takeTrigger(ctx.now);
	if (hit) return { status: 429, body: beRateLimitBody(), headers: { ...hit.headers, 'retry-after': String(hit.retryAfter) } };
	ev.total_trigger += 1;
	ev.last_received_time = moeTimestamp(ctx.now);
	accept(ctx, { kind: 'businessEvent', event_name: name });
	return { status: 200, body: { message: 'The business event has been triggered' } };
}

/**
 * @param {Record<string, unknown>} body
 * @param {string} field
 * @param {string} rid
 * @returns {SandboxResponse | string[] | undefined}
 */
function stringList(body, field, rid) {
	const value = body[field];
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || value.some((x) => typeof x !== 'string')) {
		return be400('Not a valid list.', field, `${field} - Not a valid list.`, 'InvalidValue', rid);
	}
	return value;
}

/** @type {Handler} */
function handleSearch(ctx, body, rid) {
	const extra = extraFields(body, ['event_ids', 'event_names'], 'BusinessEventSearchRequest', rid);
	if (extra) return extra;
	const ids = stringList(body, 'event_ids', rid);
	if (ids && !Array.isArray(ids)) return ids;
	const names = stringList(body, 'event_names', rid);
	if (names && !Array.isArray(names)) return names;
	// The reference: "at least one of event_ids or event_names should be provided" (§3.1); whether
	// MoEngage lists everything for {} anyway is open (§10.4): option legacyEmptySearch.
	if (!ids && !names && ctx.state.legacyEmptySearch === 'refuse') {
		const msg = 'At least one of event_ids or event_names should be provided';
		return be400(msg, 'event_ids', msg, 'MissingValue', rid);
	}
	const hit = ctx.state.limits.takeSearch(ctx.now);
	if (hit) return { status: 429, body: beRateLimitBody(), headers: { ...hit.headers, 'retry-after': String(hit.retryAfter) } };
	const all = [...ctx.state.registry.map.values()];
	const wantIds = ids ? new Set(ids) : null;
	const wantNames = names ? new Set(names) : null;
	const data = all
		.filter((r) => (!wantIds && !wantNames) || (wantIds && wantIds.has(r.event_id)) || (wantNames && wantNames.has(r.event_name)))
		.map(toSearchShape);
	return { status: 200, body: { data } };
}

/** @type {Handler} */
function handleCreate(ctx, body, rid) {
	const extra = extraFields(body, ['event_name', 'event_attributes', 'created_by'], 'BusinessEventCreateRequest', rid);
	if (extra) return extra;
	const { event_name: name, event_attributes: attrs, created_by: by } = body;
	if (typeof name !== 'string' || name.trim() === '') return missing('event_name', rid);
	if (attrs === undefined) return missing('event_attributes', rid);
	if (!Array.isArray(attrs)) {
		return be400('Not a valid list.', 'event_attributes', 'event_attributes - Not a valid list.', 'InvalidValue', rid);
	}
	/** @type {Set<string>} */
	const seen = new Set();
	for (let i = 0; i < attrs.length; i++) {
		const a = attrs[i];
		const target = `event_attributes[${i}]`;
		if (!isPlainObject(a) || typeof a.attribute_name !== 'string' || a.attribute_name === '') {
			return be400('Missing data for required field.', target, `${target}.attribute_name - Missing data for required field.`, 'MissingValue', rid);
		}
		if (typeof a.attribute_data_type !== 'string' || !ATTRIBUTE_TYPES.includes(a.attribute_data_type)) {
			return be400(
				'Invalid attribute data type',
				a.attribute_name,
				`${a.attribute_name} - attribute_data_type must be one of: ${ATTRIBUTE_TYPES.join(', ')}`,
				'InvalidValue',
				rid,
			);
		}
		if (seen.has(a.attribute_name)) {
			return be400('Duplicate attribute name', a.attribute_name, `${a.attribute_name} - duplicate attribute name`, 'InvalidValue', rid);
		}
		seen.add(a.attribute_name);
	}
	if (by === undefined) return missing('created_by', rid);
	if (typeof by !== 'string' || !EMAIL_RE.test(by)) {
		return be400('Invalid email address', 'created_by', `created_by - Invalid email address : '${String(by)}'`, 'InvalidValue', rid);
	}
	const registry = ctx.state.registry;
	if (registry.map.has(name)) {
		return be400('Business event already exists', 'event_name', `Business event '${name}' already exists`, 'InvalidValue', rid);
	}
	if (registry.map.size >= ctx.state.maxBusinessEvents) {
		const msg = `Business event limit reached: a workspace can have at most ${ctx.state.maxBusinessEvents} business events`;
		return be400(msg, 'event_name', msg, 'InvalidValue', rid);
	}
	const record = registry.add({
		event_name: name,
		event_attributes: /** @type {import('./businessEventRegistry').BusinessEventAttribute[]} */ (attrs),
		created_by: by,
	});
	accept(ctx, { kind: 'businessEventCreate', event_name: name });
	// The reference's answer: the new event's id at the top level, not the event.
	return { status: 200, body: { message: 'The business event has been created', event_id: record.event_id } };
}

/** @type {Record<string, Handler>} */
const ROUTES = {
	'/v1.0/business_event': handleCreate,
	'/v1.0/business_event/trigger': handleTrigger,
	'/v1.0/business_event/search': handleSearch,
};

const ROUTE_NAMES = /** @type {Record<string, string>} */ ({
	'/v1.0/business_event': 'businessEventCreate',
	'/v1.0/business_event/trigger': 'businessEventTrigger',
	'/v1.0/business_event/search': 'businessEventSearch',
});

/**
 * @param {Ctx} ctx
 * @returns {SandboxResponse}
 */
function handleBusinessEvents(ctx) {
	const rid = newId();
	const path = ctx.path.length > 1 && ctx.path.endsWith('/') ? ctx.path.slice(0, -1) : ctx.path;
	const res = dispatch(ctx, path, rid);
	ctx.rec.requestId = rid;
	const bucket = path === '/v1.0/business_event/trigger' ? 'trigger' : 'search';
	res.headers = { ...ctx.state.limits.headersFor(bucket, ctx.now), ...(res.headers || {}) };
	return res;
}

/**
 * @param {Ctx} ctx
 * @param {string} path
 * @param {string} rid
 * @returns {SandboxResponse}
 */
function dispatch(ctx, path, rid) {
	const { state, headers } = ctx;
	const handler = ROUTES[path];
	if (!handler) {
		return beError(404, 'Not Found', [{ code: 'InvalidValue', target: 'path', message: `No Business Events endpoint at ${ctx.path}` }], rid);
	}
	ctx.rec.route = ROUTE_NAMES[path];
	if (ctx.method !== 'POST') {
		return beError(405, 'Method Not Allowed', [{ code: 'InvalidValue', target: 'method', message: `Use POST for ${ctx.path}` }], rid);
	}
	const authProblem = checkBeAuth(headers.authorization, state.workspaceId, state.businessEventsApiKey);
	if (authProblem) {
		return beError(401, 'Authentication required', [{ code: 'InvalidValue', target: 'Authorization', message: authProblem }], rid);
	}
	const ct = contentTypeProblem(headers['content-type']);
	if (ct === 'missing') {
		return be400('The Content-Type Header is required', 'Content-Type', 'Content-Type - must be application/json', 'MissingValue', rid);
	}
	if (ct === 'unsupported') {
		return beError(415, 'Unsupported Media Type', [{ code: 'InvalidValue', target: 'Content-Type', message: 'Content-Type - must be application/json' }], rid);
	}
	if (ctx.bytes > state.maxBodyBytes) {
		const msg = `The payload can not exceed ${Math.floor(state.maxBodyBytes / 1024)}KB`;
		return beError(413, msg, [{ code: 'InvalidValue', target: 'body', message: msg }], rid);
	}
	const parsed = parseJson(ctx.buf);
	if (!parsed.ok && parsed.reason === 'empty') return be400('A valid JSON document is required', 'body', undefined, 'MissingValue', rid);
	if (!parsed.ok) {
		return be400('Could not decode the request body. The JSON was incorrect or not encoded as UTF-8.', 'body', undefined, 'InvalidValue', rid);
	}
	if (state.recordBodies) ctx.rec.body = parsed.value;
	if (!isPlainObject(parsed.value)) return be400('A valid JSON document is required.', 'body', undefined, 'InvalidValue', rid);
	return handler(ctx, parsed.value, rid);
}

module.exports = { handleBusinessEvents, fitsType };
