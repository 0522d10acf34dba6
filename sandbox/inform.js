// @ts-check
'use strict';
/**
 * MoEngage Inform (current reference §4): `POST /v1.0/alerts/send` on the API host, and the same
 * path under INFORM_TEST_PREFIX standing in for MoEngage's test host (`sandbox-api-{dc}`).
 *
 * Checks, in order: route (404) → method (405) → Basic auth with the Inform key and MOE-APPKEY
 * equal to the workspace (401) → Content-Type → size → JSON object (400) → alert (one of
 * `alert_id` / `alert_reference_name`, known, and of this host: live alerts on the API host, test
 * alerts on the test host) → `transaction_id` (required, ≤ 50) → `payloads` (known channels, each
 * with a `recipient`) → rate limit (429) → duplicate `transaction_id` within the window (409) →
 * accepted: the message is recorded for its host.
 */
const { parseBasic } = require('./auth');
const { contentTypeProblem, parseJson } = require('./body');
const { newId } = require('./responses');

/** Path prefix that stands in for the Inform test host (give `<sandbox url>/inform-test` as its base URL). */
const INFORM_TEST_PREFIX = '/inform-test';

const SEND_PATH = '/v1.0/alerts/send';
const CHANNELS = ['SMS', 'RCS', 'WHATSAPP', 'EMAIL', 'PUSH'];
const MAX_TRANSACTION_ID = 50;

/**
 * @typedef {{ alert_id: string, alert_reference_name?: string, test: boolean }} InformAlert
 * @typedef {{ host: 'live' | 'test', transaction_id: string, alert_id: string,
 *   alert_reference_name?: string, user_id?: string, channels: string[], payloads: Record<string, unknown>,
 *   requestIndex: number, requestId: string, receivedAt: number }} InformMessage
 * @typedef {{ requestsPerWindow: number, windowMs: number, dedupWindowMs: number, channelResults: boolean }} InformSettings
 */

/** A live alert and its test counterpart (MoEngage gives each alert a test alert ID for the test host). */
const DEFAULT_INFORM_ALERTS = Object.freeze([
	Object.freeze({ alert_id: '636b77e6e2cf83277195fb60', alert_reference_name: 'order_shipped', test: false }),
	Object.freeze({ alert_id: '636b77e6e2cf83277195fb61', alert_reference_name: 'order_shipped_test', test: true }),
]);

const DEFAULT_INFORM_SETTINGS = Object.freeze({
	requestsPerWindow: 10000,
	windowMs: 60000,
	dedupWindowMs: 5 * 60 * 1000,
	channelResults: false,
});

/**
 * Inform's own state: alerts, settings, per-host dedup memory, counters and sent messages.
 */
class InformState {
	/**
	 * @param {{ alerts?: InformAlert[], settings?: Partial<InformSettings> }} [options]
	 */
	constructor(options = {}) {
		/** @type {InformAlert[]} */
		this.alerts = (options.alerts || DEFAULT_INFORM_ALERTS).map((a) => ({ ...a }));
		/** @type {InformSettings} */
		this.settings = { ...DEFAULT_INFORM_SETTINGS, ...(options.settings || {}) };
		/** @type {{ live: InformMessage[], test: InformMessage[] }} */
		this.sent = { live: [], test: [] };
		/** transaction_id → time it was accepted, per host */
		this.seen = { live: new Map(), test: new Map() };
		/** @type {{ windowStart: number, count: number }} */
		this.counter = { windowStart: 0, count: 0 };
	}

	/** Forgets sent messages, transaction ids and counters (not alerts and settings). */
	reset() {
		this.sent.live.length = 0;
		this.sent.test.length = 0;
		this.seen.live.clear();
		this.seen.test.clear();
		this.counter = { windowStart: 0, count: 0 };
	}

	/** @param {Partial<InformSettings>} partial */
	set(partial) {
		Object.assign(this.settings, partial);
		this.counter = { windowStart: 0, count: 0 };
	}
}

/**
 * @param {number} status
 * @param {string} message
 * @param {string} errCode
 * @param {number} statusCode
 * @returns {import('./responses').SandboxResponse}
 */
function informFail(status, message, errCode, statusCode) {
	return { status, body: { message, err_code: errCode, status_code: statusCode } };
}

/** @param {string} message */
const badRequest = (message) => informFail(400, message, 'BAD_REQUEST', 120002);
const unauthorized = () => informFail(401, 'Invalid App Key or Basic Auth', 'UNAUTHORIZED', 120001);
const duplicate = () => informFail(409, 'Duplicate Transaction ID', 'DUPLICATE_REQUEST_RECEIVED', 120105);
const tooMany = () => informFail(429, 'Too many requests', 'Rate Limit', 140110);

/**
 * The documented Inform body of a `{kind:'status'}` fault without a body.
 * @param {number} status
 * @returns {unknown}
 */
function informFaultBody(status) {
	if (status === 400) return badRequest('Invalid Alert ID').body;
	if (status === 401) return unauthorized().body;
	if (status === 409) return duplicate().body;
	if (status === 429) return tooMany().body;
	if (status >= 500) return informFail(status, 'Unexpected error occurred', 'Internal Server Error', 140109).body;
	return informFail(status, `HTTP ${status}`, 'ERROR', status).body;
}

/** @param {unknown} v */
function isPlainObject(v) {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** @param {unknown} v */
const nonEmptyString = (v) => typeof v === 'string' && v.trim() !== '';

/**
 * @param {Record<string, unknown>} body
 * @param {InformState} inform
 * @param {'live' | 'test'} host
 * @returns {{ ok: true, alert: InformAlert } | { ok: false, message: string }}
 */
function checkAlert(body, inform, host) {
	const { alert_id: id, alert_reference_name: ref } = body;
	if (id === undefined && ref === undefined) return { ok: false, message: 'alert_id or alert_reference_name is required' };
	if (id !== undefined && !nonEmptyString(id)) return { ok: false, message: 'Invalid Alert ID' };
	if (ref !== undefined && !nonEmptyString(ref)) return { ok: false, message: 'Invalid Alert Reference Name' };
	const byId = id === undefined ? undefined : inform.alerts.find((a) => a.alert_id === id);
	const byRef = ref === undefined ? undefined : inform.alerts.find((a) => a.alert_reference_name === ref);
	if (id !== undefined && !byId) return { ok: false, message: 'Invalid Alert ID' };
	if (ref !== undefined && !byRef) return { ok: false, message: 'Invalid Alert Reference Name' };
	if (byId && byRef && byId !== byRef) return { ok: false, message: 'alert_id and alert_reference_name name different alerts' };
	const alert = /** @type {InformAlert} */ (byId || byRef);
	// A live alert ID on the test host is refused, and a test alert ID on the live host.
	if (alert.test !== (host === 'test')) return { ok: false, message: id !== undefined ? 'Invalid Alert ID' : 'Invalid Alert Reference Name' };
	return { ok: true, alert };
}

/**
 * @param {unknown} payloads
 * @returns {string | null} what is wrong, or null
 */
function checkPayloads(payloads) {
	if (!isPlainObject(payloads)) return 'payloads is required and must be an object';
	const channels = Object.keys(/** @type {object} */ (payloads));
	if (channels.length === 0) return 'payloads must name at least one channel';
	for (const channel of channels) {
		if (!CHANNELS.includes(channel)) return `Invalid channel ${channel} in payloads: use ${CHANNELS.join(', ')}`;
		const entry = /** @type {Record<string, unknown>} */ (payloads)[channel];
		if (!isPlainObject(entry)) return `payloads.${channel} must be an object`;
		const e = /** @type {Record<string, unknown>} */ (entry);
		if (!nonEmptyString(e.recipient)) return `payloads.${channel}.recipient is required`;
		if (e.personalized_attributes !== undefined && !isPlainObject(e.personalized_attributes)) {
			return `payloads.${channel}.personalized_attributes must be an object`;
		}
		if (
			e.sender_attributes !== undefined &&
			!(Array.isArray(e.sender_attributes) && e.sender_attributes.every((s) => typeof s === 'string'))
		) {
			return `payloads.${channel}.sender_attributes must be a list of strings`;
		}
	}
	return null;
}

/**
 * @param {import('./state').Ctx} ctx
 * @returns {import('./responses').SandboxResponse}
 */
function handleInform(ctx) {
	const { state, headers } = ctx;
	const inform = state.inform;
	const host = ctx.path.startsWith(`${INFORM_TEST_PREFIX}/`) ? 'test' : 'live';
	const path = host === 'test' ? ctx.path.slice(INFORM_TEST_PREFIX.length) : ctx.path;
	const rid = newId();
	ctx.rec.requestId = rid;
	if (path !== SEND_PATH) return informFail(404, `No endpoint at ${ctx.method} ${ctx.path}`, 'NOT_FOUND', 404);
	ctx.rec.route = host === 'test' ? 'informSendTest' : 'informSend';
	if (ctx.method !== 'POST') return informFail(405, 'Method Not Allowed', 'METHOD_NOT_ALLOWED', 405);

	const auth = parseBasic(typeof headers.authorization === 'string' ? headers.authorization : undefined);
	if (!auth.ok || auth.user !== state.workspaceId || auth.pass !== state.informApiKey || headers['moe-appkey'] !== state.workspaceId) {
		return unauthorized();
	}
	const ct = contentTypeProblem(headers['content-type']);
	if (ct) return badRequest('The Content-Type Header must be application/json');
	if (ctx.bytes > state.maxBodyBytes) return informFail(413, 'Payload too large', 'PAYLOAD_TOO_LARGE', 413);
	const parsed = parseJson(ctx.buf);
	if (!parsed.ok) return badRequest('Invalid JSON');
	if (state.recordBodies) ctx.rec.body = parsed.value;
	if (!isPlainObject(parsed.value)) return badRequest('Invalid JSON');
	const body = /** @type {Record<string, unknown>} */ (parsed.value);

	const alert = checkAlert(body, inform, host);
	if (!alert.ok) return badRequest(alert.message);
	const tx = body.transaction_id;
	if (!nonEmptyString(tx)) return badRequest('transaction_id is required');
	const transactionId = /** @type {string} */ (tx);
	if (transactionId.length > MAX_TRANSACTION_ID) return badRequest(`transaction_id can be at most ${MAX_TRANSACTION_ID} characters`);
	if (body.user_id !== undefined && typeof body.user_id !== 'string') return badRequest('user_id must be a string');
	const payloadProblem = checkPayloads(body.payloads);
	if (payloadProblem) return badRequest(payloadProblem);

	const now = ctx.now;
	const { settings, counter } = inform;
	if (now - counter.windowStart >= settings.windowMs) {
		counter.windowStart = now;
		counter.count = 0;
	}
	if (counter.count >= settings.requestsPerWindow) {
		const response = tooMany();
		const seconds = Math.max(1, Math.ceil((counter.windowStart + settings.windowMs - now) / 1000));
		response.headers = { 'retry-after': String(seconds) };
		return response;
	}
	counter.count += 1;

	const seen = inform.seen[host];
	const at = seen.get(transactionId);
	if (at !== undefined && now - at < settings.dedupWindowMs) return duplicate();
	seen.set(transactionId, now);

	const payloads = /** @type {Record<string, unknown>} */ (body.payloads);
	const channels = Object.keys(payloads);
	inform.sent[host].push({
		host,
		transaction_id: transactionId,
		alert_id: alert.alert.alert_id,
		...(alert.alert.alert_reference_name ? { alert_reference_name: alert.alert.alert_reference_name } : {}),
		...(typeof body.user_id === 'string' ? { user_id: body.user_id } : {}),
		channels,
		payloads,
		requestIndex: ctx.rec.index,
		requestId: rid,
		receivedAt: now,
	});
	ctx.rec.acceptedCount += 1;
	/** @type {Record<string, unknown>} */
	const answer = { message: 'Successfully Received', request_id: rid };
	if (settings.channelResults) {
		for (const channel of channels) answer[channel] = { message: 'Successfully Received', err_code: null, status_code: 200 };
	}
	return { status: 200, body: answer };
}

module.exports = {
	handleInform,
	informFaultBody,
	InformState,
	INFORM_TEST_PREFIX,
	DEFAULT_INFORM_ALERTS,
	DEFAULT_INFORM_SETTINGS,
};
