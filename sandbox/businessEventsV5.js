// @ts-check
'use strict';
/**
 * Business Events V5 (reference §3.2–3.4): `POST /v5/business-events/triggers`,
 * `GET /v5/business-events` (list, cursor paging) and `POST /v5/business-events/search`.
 */
const crypto = require('node:crypto');
const { checkBeAuth } = require('./auth');
const { contentTypeProblem, parseJson } = require('./body');
const { accept } = require('./state');
const { isPlainObject, parseTime } = require('./validation');
const { moeTimestamp, toV5Shape, V5_TYPE_OF } = require('./businessEventRegistry');

/**
 * @typedef {import('./state').Ctx} Ctx
 * @typedef {import('./responses').SandboxResponse} SandboxResponse
 * @typedef {{ code?: string, target?: string, field?: string, issue?: string, message: string }} V5Detail
 */

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 20;

/** `resp_` + 32 hex: from the caller's X-MOE-Request-Id (or `moe_request_id`) when it is a UUID. */
function responseId(/** @type {unknown} */ requestId) {
	if (typeof requestId === 'string' && UUID_RE.test(requestId)) return `resp_${requestId.replace(/-/g, '').toLowerCase()}`;
	return `resp_${crypto.randomBytes(16).toString('hex')}`;
}

/**
 * `{response_id, error: {code, message, target?, details?}}`
 * @param {number} status
 * @param {string} rid
 * @param {string} code
 * @param {string} message
 * @param {{ target?: string, details?: V5Detail[], headers?: Record<string, string> }} [extra]
 * @returns {SandboxResponse}
 */
function v5Error(status, rid, code, message, extra = {}) {
	/** @type {Record<string, unknown>} */
	const error = { code, message };
	if (extra.target) error.target = extra.target;
	if (extra.details) error.details = extra.details;
	return { status, body: { response_id: rid, error }, headers: extra.headers };
}

/**
 * A trigger validation failure (`TriggerErrorResponse`: details `{field, issue, message}`).
 * @param {string} rid
 * @param {string} message
 * @param {string} field
 * @param {string} issue
 * @param {string} [detail]
 */
function triggerInvalid(rid, message, field, issue, detail) {
	return v5Error(400, rid, 'VALIDATION_FAILED', message, { details: [{ field, issue, message: detail || message }] });
}

/**
 * A list/search validation failure (`ErrorResponseV5`: details `{code, target, message}`).
 * @param {string} rid
 * @param {string} message
 * @param {string} target
 * @param {string} code
 * @param {string} [detail]
 */
function lookupInvalid(rid, message, target, code, detail) {
	return v5Error(400, rid, 'INVALID_REQUEST', message, { target, details: [{ code, target, message: detail || message }] });
}

/**
 * @param {string} rid
 * @param {number} retryAfter seconds
 */
function rateLimited(rid, retryAfter) {
	return v5Error(429, rid, 'RATE_LIMIT_EXCEEDED', `Workspace rate limit exceeded. Retry after ${retryAfter} seconds.`, {
		headers: { 'retry-after': String(retryAfter) },
	});
}

/**
 * Whether a value fits a V5 attribute type. `datetime` takes an ISO 8601 date-time with a zone
 * (the reference's only example is `2026-08-03T09:12:00Z`).
 * @param {unknown} value
 * @param {string} type
 */
function fitsV5Type(value, type) {
	switch (type) {
		case 'string':
			return typeof value === 'string';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'datetime':
			return (
				typeof value === 'string' &&
				/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) &&
				typeof parseTime(value) === 'number'
			);
		default:
			return false;
	}
}

/** @param {unknown} value */
function jsonTypeName(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/**
 * @param {Ctx} ctx
 * @param {Record<string, unknown>} body
 * @param {string} rid
 * @returns {SandboxResponse}
 */
function handleTrigger(ctx, body, rid) {
	const allowed = ['event_name', 'triggered_by', 'event_attributes', 'moe_request_id'];
	const extra = Object.keys(body).find((k) => !allowed.includes(k));
	if (extra !== undefined) return triggerInvalid(rid, `Unknown field: ${extra}`, extra, 'UNKNOWN_FIELD');
	const { event_name: name, triggered_by: by, event_attributes: attrs, moe_request_id: moeRequestId } = body;
	if (typeof name !== 'string' || name === '') return triggerInvalid(rid, 'event_name is required', 'event_name', 'MISSING_VALUE');
	if (by === undefined || by === null || by === '') return triggerInvalid(rid, 'triggered_by is required', 'triggered_by', 'MISSING_VALUE');
	if (typeof by !== 'string' || !EMAIL_RE.test(by)) {
		return triggerInvalid(rid, 'triggered_by must be an email address', 'triggered_by', 'INVALID_VALUE', `Invalid email address: '${String(by)}'`);
	}
	if (attrs !== undefined && !isPlainObject(attrs)) {
		return triggerInvalid(rid, 'event_attributes must be an object', 'event_attributes', 'INVALID_TYPE');
	}
	if (moeRequestId !== undefined && (typeof moeRequestId !== 'string' || !UUID_RE.test(moeRequestId))) {
		return triggerInvalid(rid, 'moe_request_id must be a UUID', 'moe_request_id', 'INVALID_VALUE');
	}
	const ev = ctx.state.registry.map.get(name);
	if (!ev) return triggerInvalid(rid, 'Business event does not exists', 'event_name', 'INVALID_VALUE');
	const values = /** @type {Record<string, unknown>} */ (attrs || {});
	for (const key of Object.keys(values)) {
		const decl = ev.event_attributes.find((a) => a.attribute_name === key);
		if (!decl) return triggerInvalid(rid, 'Wrong business event attribute passed in api request', key, 'INVALID_VALUE');
		const type = V5_TYPE_OF[decl.attribute_data_type] || 'string';
		if (!fitsV5Type(values[key], type)) {
			return triggerInvalid(
				rid,
				'One or more fields failed validation.',
				`event_attributes.${key}`,
				'INVALID_TYPE',
				`Expected ${type}, got ${jsonTypeName(values[key])}.`,
			);
		}
	}
	// The trigger's response_id echoes moe_request_id when given (BE5 BusinessEventTriggerResponse).
	const replyId = moeRequestId === undefined ? rid : responseId(moeRequestId);
	ctx.rec.requestId = replyId;
	return reserve(ctx, ev, replyId);
}

/**
 * Reserves the event's active campaigns and flows within the quotas (§3.4) and answers 200 with
 * what was triggered and what was skipped, or 429 (`v5QuotaAnswer: '429'`) when nothing could be.
 * @param {Ctx} ctx
 * @param {import('./businessEventRegistry').BusinessEventRecord} ev
 * @param {string} rid
 * @returns {SandboxResponse}
 */
function reserve(ctx, ev, rid) {
	const { limits, v5QuotaUnit, v5QuotaAnswer } = ctx.state;
	const campaigns = ev.hasActiveCampaign ? ev.campaign_ids : [];
	const flows = ev.hasActiveCampaign ? ev.flow_ids : [];
	/** @type {number[]} */
	const waits = [];
	/**
	 * @param {string[]} ids
	 * @param {(now: number) => null | { retryAfter: number }} take
	 */
	const split = (ids, take) => {
		/** @type {string[]} */
		const triggered = [];
		/** @type {string[]} */
		const failed = [];
		if (ids.length === 0) return { triggered, failed };
		if (v5QuotaUnit === 'launch') {
			for (const id of ids) {
				const hit = take(ctx.now);
				if (hit) waits.push(hit.retryAfter);
				(hit ? failed : triggered).push(id);
			}
		} else {
			const hit = take(ctx.now);
			if (hit) waits.push(hit.retryAfter);
			(hit ? failed : triggered).push(...ids);
		}
		return { triggered, failed };
	};
	const c = split(campaigns, (now) => limits.takeCampaignTrigger(now));
	const f = split(flows, (now) => limits.takeFlowTrigger(now));
	const total = campaigns.length + flows.length;
	const triggered = c.triggered.length + f.triggered.length;
	if (total > 0 && triggered === 0 && v5QuotaAnswer === '429') return rateLimited(rid, Math.min(...waits));
	if (triggered > 0) {
		ev.total_trigger += 1;
		ev.campaign_count += c.triggered.length;
		ev.last_received_time = moeTimestamp(ctx.now);
		accept(ctx, { kind: 'businessEvent', event_name: ev.event_name, campaign_ids: c.triggered, flow_ids: f.triggered });
	}
	const status = total === 0 || triggered === 0 ? 'FAILURE' : triggered === total ? 'SUCCESS' : 'PARTIAL_SUCCESS';
	return {
		status: 200,
		body: {
			response_id: rid,
			type: 'business-event',
			data: {
				triggered_status: status,
				message: 'The business event has been triggered',
				summary: { total, triggered, failed: total - triggered },
				triggered_campaign_ids: c.triggered,
				failed_campaign_ids: c.failed,
				triggered_flow_ids: f.triggered,
				failed_flow_ids: f.failed,
			},
		},
	};
}

/**
 * The cursor is opaque to clients; here it is base64 of `{"last_id": <id of the page's last event>}`.
 * @param {string} lastId
 */
function encodeCursor(lastId) {
	return Buffer.from(JSON.stringify({ last_id: lastId }), 'utf8').toString('base64');
}

/**
 * One page of `events` after `cursor`, or an error answer.
 * @param {import('./businessEventRegistry').BusinessEventRecord[]} events
 * @param {unknown} rawLimit
 * @param {unknown} cursor
 * @param {string} rid
 * @param {string} limitTarget
 * @returns {SandboxResponse}
 */
function page(events, rawLimit, cursor, rid, limitTarget) {
	let limit = PAGE_SIZE;
	if (rawLimit !== undefined) {
		const n = typeof rawLimit === 'string' && /^\d+$/.test(rawLimit) ? Number(rawLimit) : rawLimit;
		if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > PAGE_SIZE) {
			return lookupInvalid(rid, `limit must be an integer from 1 to ${PAGE_SIZE}`, limitTarget, 'INVALID_VALUE');
		}
		limit = n;
	}
	let start = 0;
	if (cursor !== undefined) {
		let lastId;
		try {
			lastId = JSON.parse(Buffer.from(String(cursor), 'base64').toString('utf8')).last_id;
		} catch {
			lastId = undefined;
		}
		const at = events.findIndex((e) => e.event_id === lastId);
		if (typeof cursor !== 'string' || at < 0) return lookupInvalid(rid, 'Invalid cursor', 'cursor', 'INVALID_CURSOR');
		start = at + 1;
	}
	const slice = events.slice(start, start + limit);
	const hasMore = start + limit < events.length;
	/** @type {Record<string, unknown>} */
	const pagination = { has_more: hasMore };
	if (hasMore) pagination.next_cursor = encodeCursor(slice[slice.length - 1].event_id);
	return { status: 200, body: { response_id: rid, type: 'business-events', data: slice.map(toV5Shape), pagination } };
}

/**
 * `GET /v5/business-events?name=|id=&limit=&cursor=`
 * @param {Ctx} ctx
 * @param {string} rid
 * @returns {SandboxResponse}
 */
function handleList(ctx, rid) {
	const q = ctx.query;
	const unknown = Object.keys(q).find((k) => !['name', 'id', 'limit', 'cursor'].includes(k));
	if (unknown !== undefined) return lookupInvalid(rid, `Unknown query parameter: ${unknown}`, unknown, 'UNKNOWN_PARAMETER');
	if (q.name !== undefined && q.id !== undefined) {
		return lookupInvalid(rid, "Use either 'name' or 'id', not both.", 'id', 'INVALID_PARAMETER_COMBINATION', "The 'id' parameter cannot be combined with 'name'.");
	}
	const hit = ctx.state.limits.takeV5Lookup('list', ctx.now);
	if (hit) return rateLimited(rid, hit.retryAfter);
	let events = [...ctx.state.registry.map.values()];
	if (q.name !== undefined) events = events.filter((e) => e.event_name === q.name);
	if (q.id !== undefined) events = events.filter((e) => e.event_id === q.id);
	return page(events, q.limit, q.cursor, rid, 'limit');
}

/**
 * @param {Record<string, unknown>} filters
 * @param {'names' | 'ids'} key
 * @param {string} rid
 * @returns {SandboxResponse | Set<string> | undefined}
 */
function filterList(filters, key, rid) {
	const value = filters[key];
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) {
		return lookupInvalid(rid, `filters.${key} must be a non-empty list of strings`, `filters.${key}`, 'INVALID_VALUE');
	}
	return new Set(value);
}

/**
 * `POST /v5/business-events/search` with an optional body `{filters: {names} | {ids}, limit, cursor}`.
 * @param {Ctx} ctx
 * @param {Record<string, unknown>} body
 * @param {string} rid
 * @returns {SandboxResponse}
 */
function handleSearch(ctx, body, rid) {
	const extra = Object.keys(body).find((k) => !['filters', 'limit', 'cursor'].includes(k));
	if (extra !== undefined) return lookupInvalid(rid, `Unknown field: ${extra}`, extra, 'UNKNOWN_FIELD');
	const filters = body.filters === undefined ? {} : body.filters;
	if (!isPlainObject(filters)) return lookupInvalid(rid, 'filters must be an object', 'filters', 'INVALID_VALUE');
	const f = /** @type {Record<string, unknown>} */ (filters);
	const unknownFilter = Object.keys(f).find((k) => k !== 'names' && k !== 'ids');
	if (unknownFilter !== undefined) return lookupInvalid(rid, `Unknown filter: ${unknownFilter}`, `filters.${unknownFilter}`, 'UNKNOWN_FIELD');
	if (f.names !== undefined && f.ids !== undefined) {
		return lookupInvalid(rid, "Use either 'names' or 'ids', not both.", 'filters.ids', 'INVALID_PARAMETER_COMBINATION', "The 'ids' filter cannot be combined with 'names'.");
	}
	const names = filterList(f, 'names', rid);
	if (names && !(names instanceof Set)) return names;
	const ids = filterList(f, 'ids', rid);
	if (ids && !(ids instanceof Set)) return ids;
	const hit = ctx.state.limits.takeV5Lookup('search', ctx.now);
	if (hit) return rateLimited(rid, hit.retryAfter);
	let events = [...ctx.state.registry.map.values()];
	if (names) events = events.filter((e) => names.has(e.event_name));
	if (ids) events = events.filter((e) => ids.has(e.event_id));
	return page(events, body.limit, body.cursor, rid, 'limit');
}

const ROUTE_NAMES = /** @type {Record<string, string>} */ ({
	'/v5/business-events': 'businessEventListV5',
	'/v5/business-events/search': 'businessEventSearchV5',
	'/v5/business-events/triggers': 'businessEventTriggerV5',
});

/**
 * Any `/v5/...` request. Checks in order: path (404) → method (405) → Basic auth with the
 * Business Events key (401) → Content-Type and JSON body (POST) → the route's own checks → limits.
 * @param {Ctx} ctx
 * @returns {SandboxResponse}
 */
function handleBusinessEventsV5(ctx) {
	const requestHeader = ctx.headers['x-moe-request-id'];
	const rid = responseId(Array.isArray(requestHeader) ? requestHeader[0] : requestHeader);
	ctx.rec.requestId = rid;
	const res = dispatch(ctx, rid);
	res.headers = { ...(res.headers || {}), 'x-moe-request-id': typeof requestHeader === 'string' ? requestHeader : rid.slice(5) };
	return res;
}

/**
 * @param {Ctx} ctx
 * @param {string} rid
 * @returns {SandboxResponse}
 */
function dispatch(ctx, rid) {
	const path = ctx.path.length > 1 && ctx.path.endsWith('/') ? ctx.path.slice(0, -1) : ctx.path;
	const route = ROUTE_NAMES[path];
	if (!route) return v5Error(404, rid, 'NOT_FOUND', `No endpoint at ${ctx.path}`);
	ctx.rec.route = route;
	const method = path === '/v5/business-events' ? 'GET' : 'POST';
	if (ctx.method !== method) return v5Error(405, rid, 'METHOD_NOT_ALLOWED', `Use ${method} for ${path}`);
	if (checkBeAuth(ctx.headers.authorization, ctx.state.workspaceId, ctx.state.businessEventsApiKey)) {
		return route === 'businessEventTriggerV5'
			? v5Error(401, rid, 'AUTHENTICATION_REQUIRED', 'Workspace ID and API key are missing from the Authorization header.')
			: v5Error(401, rid, 'UNAUTHORIZED', 'Missing or invalid authentication credentials.', { target: 'Authorization' });
	}
	if (method === 'GET') return handleList(ctx, rid);
	const empty = ctx.buf.toString('utf8').trim() === '';
	if (empty && route === 'businessEventSearchV5') return handleSearch(ctx, {}, rid);
	const ct = contentTypeProblem(ctx.headers['content-type']);
	if (ct) return v5Error(ct === 'missing' ? 400 : 415, rid, 'INVALID_REQUEST', 'Content-Type must be application/json', { target: 'Content-Type' });
	if (ctx.bytes > ctx.state.maxBodyBytes) return v5Error(413, rid, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
	const parsed = parseJson(ctx.buf);
	if (!parsed.ok || !isPlainObject(parsed.value)) return v5Error(400, rid, 'INVALID_REQUEST', 'The body must be a JSON object');
	if (ctx.state.recordBodies) ctx.rec.body = parsed.value;
	const body = /** @type {Record<string, unknown>} */ (parsed.value);
	return route === 'businessEventSearchV5' ? handleSearch(ctx, body, rid) : handleTrigger(ctx, body, rid);
}

module.exports = { handleBusinessEventsV5, fitsV5Type, v5Error };
