// @ts-check
'use strict';
/**
 * MoEngage sandbox: a local stand-in for the Data API, Business Events and Streams, for tests,
 * the end-to-end run, benchmarks and `npm start`. node:http only, 127.0.0.1 only.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const { readBody } = require('./body');
const { createState } = require('./state');
const { handleData, matchRoute } = require('./dataApi');
const { handleBusinessEvents } = require('./businessEvents');
const { handleBusinessEventsV5, v5Error } = require('./businessEventsV5');
const { handleInform, informFaultBody, INFORM_TEST_PREFIX, DEFAULT_INFORM_ALERTS } = require('./inform');
const { handleCampaignStats, statsStateOf } = require('./campaignStats');
const { defaultFaultBody } = require('./responses');
const { DEFAULT_RATE_LIMITS } = require('./rateLimit');
const { STREAMS_EVENT_CODES, makeStreamsBatch, sampleStreamsBatch, postStreamsBatch } = require('./streams');
const { DEFAULT_IDENTIFIERS } = require('./identity');

/**
 * @typedef {import('./state').SandboxOptions} SandboxOptions
 * @typedef {import('./state').SandboxState} SandboxState
 * @typedef {import('./state').RecordedRequest} RecordedRequest
 * @typedef {import('./state').Family} Family
 * @typedef {import('./responses').SandboxResponse} SandboxResponse
 */

/** Bodies are kept up to this size; larger uploads are counted, answered 413 and not kept. */
const KEEP_BYTES_FLOOR = 1024 * 1024;

/**
 * @param {string} path
 * @returns {Family}
 */
function familyOf(path) {
	if (path.startsWith('/v1.0/alerts') || path.startsWith(`${INFORM_TEST_PREFIX}/`)) return 'inform';
	if (path.startsWith('/core-services/')) return 'campaignStats';
	if (path === '/v1.0' || path.startsWith('/v1.0/') || path === '/v5' || path.startsWith('/v5/')) return 'businessEvents';
	if (path === '/v1' || path.startsWith('/v1/')) return 'data';
	return 'unknown';
}

/**
 * @param {string} rawUrl
 */
function splitUrl(rawUrl) {
	const q = rawUrl.indexOf('?');
	const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
	/** @type {Record<string, string>} */
	const query = {};
	if (q >= 0) {
		for (const [k, val] of new URLSearchParams(rawUrl.slice(q + 1))) query[k] = val;
	}
	return { path, query };
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {SandboxResponse} r
 */
function writeResponse(res, r) {
	/** @type {Buffer} */
	let payload;
	/** @type {string} */
	let type = 'application/json';
	if (typeof r.body === 'string') {
		payload = Buffer.from(r.body, 'utf8');
		try {
			JSON.parse(r.body);
		} catch {
			type = 'text/plain; charset=utf-8';
		}
	} else if (r.body === undefined) {
		payload = Buffer.alloc(0);
	} else {
		payload = Buffer.from(JSON.stringify(r.body), 'utf8');
	}
	/** @type {Record<string, string | number>} */
	const headers = { 'content-type': type };
	for (const [k, val] of Object.entries(r.headers || {})) headers[k.toLowerCase()] = val;
	headers['content-length'] = payload.length;
	res.writeHead(r.status, headers);
	res.end(payload);
}

/**
 * The answer to a `{kind:'status'}` fault.
 * @param {import('./faults').StatusFault} fault
 * @param {Family} family
 * @param {SandboxState} state
 * @param {number} now
 * @param {string} path
 * @returns {SandboxResponse}
 */
function statusFaultResponse(fault, family, state, now, path) {
	const v5 = path === '/v5' || path.startsWith('/v5/');
	const body =
		fault.body !== undefined
			? fault.body
			: family === 'inform'
				? informFaultBody(fault.status)
				: v5
					? v5FaultBody(fault.status)
					: defaultFaultBody(fault.status, family);
	/** @type {Record<string, string>} */
	const headers = {};
	if (family !== 'unknown' && family !== 'inform') {
		const route = family === 'data' ? matchRoute(path) : null;
		Object.assign(headers, state.limits.headersFor(route ? route.bucket : family === 'data' ? 'customer' : 'search', now));
	}
	if (fault.status === 429) {
		const retryAfter = fault.retryAfter === undefined ? 1 : fault.retryAfter;
		headers['x-ratelimit-remaining'] = '0';
		if (retryAfter !== null) {
			headers['retry-after'] = String(retryAfter);
			headers['x-ratelimit-reset'] = String(Math.max(1, Math.ceil(retryAfter)));
		}
	}
	for (const [k, val] of Object.entries(fault.headers || {})) headers[k.toLowerCase()] = val;
	return { status: fault.status, body, headers };
}

/**
 * A V5 error body for a status fault on a `/v5` path (reference §3.2 codes).
 * @param {number} status
 */
function v5FaultBody(status) {
	const codes = /** @type {Record<number, [string, string]>} */ ({
		400: ['INVALID_REQUEST', 'Bad request'],
		401: ['UNAUTHORIZED', 'Missing or invalid authentication credentials.'],
		403: ['FORBIDDEN', 'This API key does not have the scope required to read business events.'],
		429: ['RATE_LIMIT_EXCEEDED', 'Exceeded rate limit for this workspace.'],
	});
	const [code, message] = codes[status] || [status >= 500 ? 'INTERNAL_ERROR' : 'ERROR', status >= 500 ? 'An unexpected error occurred while processing the request.' : 'Error'];
	return v5Error(status, `resp_${crypto.randomBytes(16).toString('hex')}`, code, message).body;
}

/**
 * Normal processing (no fault) of a request whose body has been read.
 * @param {import('./state').Ctx} ctx
 * @param {Family} family
 * @returns {SandboxResponse}
 */
function route(ctx, family) {
	if (family === 'data') return handleData(ctx);
	if (family === 'businessEvents') return ctx.path.startsWith('/v5') ? handleBusinessEventsV5(ctx) : handleBusinessEvents(ctx);
	if (family === 'inform') return handleInform(ctx);
	if (family === 'campaignStats') return handleCampaignStats(ctx);
	if (ctx.method === 'GET' && (ctx.path === '/' || ctx.path === '/health')) {
		return { status: 200, body: { status: 'ok', sandbox: 'moengage', workspaceId: ctx.state.workspaceId } };
	}
	return { status: 404, body: { status: 'fail', error: { type: 'Not Found', message: `No endpoint at ${ctx.method} ${ctx.path}` } } };
}

/**
 * Starts the sandbox on 127.0.0.1.
 * @param {SandboxOptions} [options]
 */
async function startSandbox(options = {}) {
	const state = createState(options);
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	/** @type {Set<NodeJS.Timeout>} */
	const timers = new Set();
	let closed = false;

	/**
	 * @param {RecordedRequest} rec
	 */
	const logLine = (rec) => {
		if (!state.log) return;
		const fault = rec.fault ? ` fault=${rec.fault}` : '';
		const extra = rec.rejectedElements && rec.rejectedElements.length ? ` rejected=${rec.rejectedElements.length}` : '';
		try {
			state.log(`${rec.method} ${rec.path} -> ${rec.status} ${rec.bytes}B ${Date.now() - rec.receivedAt}ms${fault}${extra}`);
		} catch {
			/* a failing logger must not break the sandbox */
		}
	};

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	const onRequest = (req, res) => {
		const receivedAt = Date.now();
		const method = req.method || 'GET';
		const { path, query } = splitUrl(req.url || '/');
		const family = familyOf(path);
		/** @type {RecordedRequest} */
		const rec = {
			method,
			path,
			query,
			headers: { ...req.headers },
			rawBody: '',
			body: undefined,
			bytes: 0,
			status: 0,
			family,
			receivedAt,
			index: state.requests.length,
			acceptedCount: 0,
		};
		state.requests.push(rec);
		const fault = state.faults.take(path);
		if (fault) rec.fault = fault.kind;
		const keep = Math.max(KEEP_BYTES_FLOOR, state.maxBodyBytes + 1);

		readBody(req, keep, ({ buf, bytes, truncated, aborted }) => {
			rec.bytes = bytes;
			if (state.recordBodies && !truncated) rec.rawBody = buf.toString('utf8');
			if (aborted || closed) return;
			const now = Date.now();

			/** @param {SandboxResponse} r */
			const answer = (r) => {
				if (res.destroyed || closed) return;
				rec.status = r.status;
				rec.response = r.body;
				rec.durationMs = Date.now() - receivedAt;
				writeResponse(res, r);
				logLine(rec);
			};
			const drop = () => {
				rec.durationMs = Date.now() - receivedAt;
				logLine(rec);
				req.socket.destroy();
			};

			if (fault && fault.kind === 'status') return answer(statusFaultResponse(fault, family, state, now, path));
			if (fault && fault.kind === 'hang') return logLine(rec);
			if (fault && fault.kind === 'reset' && !fault.afterProcessing) return drop();

			/** @type {import('./state').Ctx} */
			const ctx = { state, rec, method, path, query, headers: req.headers, buf, bytes, truncated, now };
			/** @type {SandboxResponse} */
			let r;
			try {
				r = route(ctx, family);
			} catch (err) {
				r = { status: 500, body: defaultFaultBody(500, family) };
				if (state.log) state.log(`sandbox internal error on ${method} ${path}: ${err && /** @type {Error} */ (err).message}`);
			}
			if (fault && fault.kind === 'reset') {
				rec.intendedStatus = r.status;
				rec.response = r.body;
				return drop();
			}
			if (fault && fault.kind === 'delay') {
				const t = setTimeout(() => {
					timers.delete(t);
					answer(r);
				}, fault.ms);
				timers.add(t);
				return;
			}
			answer(r);
		});
	};

	const server = http.createServer({ keepAlive: true }, onRequest);
	server.keepAliveTimeout = 30000;
	server.headersTimeout = 35000;
	server.requestTimeout = 0;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (_err, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		else socket.destroy();
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = server.address();
	const port = address && typeof address === 'object' ? address.port : 0;

	const sandbox = {
		url: `http://127.0.0.1:${port}`,
		port,
		workspaceId: state.workspaceId,
		dataApiKey: state.dataApiKey,
		businessEventsApiKey: state.businessEventsApiKey,
		informApiKey: state.informApiKey,
		/** The base URL that stands in for MoEngage's Inform test host (`sandbox-api-{dc}`). */
		informTestUrl: `http://127.0.0.1:${port}${INFORM_TEST_PREFIX}`,
		STREAMS_EVENT_CODES,
		/** @returns {RecordedRequest[]} */
		get requests() {
			return state.requests;
		},
		clearRequests() {
			state.requests.length = 0;
			state.acceptedItems.length = 0;
			state.inform.sent.live.length = 0;
			state.inform.sent.test.length = 0;
		},
		accepted() {
			return state.acceptedItems.slice();
		},
		/** @param {...import('./faults').Fault} faults */
		injectFaults(...faults) {
			state.faults.push(faults);
		},
		clearFaults() {
			state.faults.clear();
		},
		get pendingFaults() {
			return state.faults.pending;
		},
		/** @param {import('./rateLimit').RateLimitSettings} partial */
		setRateLimits(partial) {
			state.limits.set(partial);
		},
		resetRateLimits() {
			state.limits.reset();
		},
		get rateLimits() {
			return { ...state.limits.config };
		},
		get businessEvents() {
			return state.registry.map;
		},
		/** @param {import('./businessEventRegistry').BusinessEventDef} def */
		addBusinessEvent(def) {
			return state.registry.add(def);
		},
		/** What the legacy search answers to a body without `event_ids`/`event_names` (reference §3.1, §10.4). */
		get legacyEmptySearch() {
			return state.legacyEmptySearch;
		},
		set legacyEmptySearch(value) {
			state.legacyEmptySearch = value;
		},
		/** What V5 trigger quotas count: a trigger per kind (`trigger`) or each campaign/flow launched (`launch`). */
		get v5QuotaUnit() {
			return state.v5QuotaUnit;
		},
		set v5QuotaUnit(value) {
			state.v5QuotaUnit = value;
		},
		/** A V5 trigger that nothing could be reserved for by quota: 200 `FAILURE` (`skip`) or 429 (`429`). */
		get v5QuotaAnswer() {
			return state.v5QuotaAnswer;
		},
		set v5QuotaAnswer(value) {
			state.v5QuotaAnswer = value;
		},
		get users() {
			return state.users.users;
		},
		/**
		 * Makes these users known (as if MoEngage had them), e.g. before cohort sync, which only matches existing users.
		 * @param {Iterable<string>} ids
		 */
		addUsers(ids) {
			for (const id of ids) state.users.ensure(id);
		},
		/** Cohorts made by cohort sync, cohort_id -> record (members as a Set, ignored uids in arrival order). */
		get cohorts() {
			return state.cohorts.cohorts;
		},
		clearCohorts() {
			state.cohorts.clear();
		},
		/**
		 * Inform messages accepted, per host: `live` (the API host) or `test` (the test host).
		 * @param {'live' | 'test'} [host] default 'live'
		 */
		informSent(host = 'live') {
			return state.inform.sent[host].slice();
		},
		/** The alerts the sandbox knows (live and test). */
		get informAlerts() {
			return state.inform.alerts;
		},
		/** @param {Partial<import('./inform').InformSettings>} partial merges, and resets the Inform request counter */
		setInform(partial) {
			state.inform.set(partial);
		},
		/** Forgets Inform's sent messages, transaction IDs and counter. */
		resetInform() {
			state.inform.reset();
		},
		/** Identity Resolution of the workspace (a copy): `{enabled, identifiers}`. */
		get identityResolution() {
			return { enabled: state.identity.enabled, identifiers: state.identity.identifiers.slice() };
		},
		/** @param {Partial<import('./identity').IdentitySettings>} partial merges into the Identity Resolution settings */
		setIdentityResolution(partial) {
			if (partial.enabled !== undefined) state.identity.enabled = partial.enabled === true;
			if (Array.isArray(partial.identifiers)) state.identity.identifiers = partial.identifiers.map(String);
		},
		/** Live campaign-stats settings (see campaignStats.js); changing perWindow/windowMs starts a new rate window. */
		get campaignStats() {
			return statsStateOf(state).config;
		},
		makeStreamsBatch,
		sampleStreamsBatch,
		postStreamsBatch,
		/** @returns {Promise<void>} */
		close() {
			if (closed) return Promise.resolve();
			closed = true;
			for (const t of timers) clearTimeout(t);
			timers.clear();
			return new Promise((resolve) => {
				server.close(() => resolve());
				for (const s of sockets) s.destroy();
				sockets.clear();
			});
		},
	};
	return sandbox;
}

module.exports = {
	startSandbox,
	DEFAULT_RATE_LIMITS,
	DEFAULT_INFORM_ALERTS,
	DEFAULT_IDENTIFIERS,
	STREAMS_EVENT_CODES,
	makeStreamsBatch,
	sampleStreamsBatch,
	postStreamsBatch,
};
