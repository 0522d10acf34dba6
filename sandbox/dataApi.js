// @ts-check
'use strict';
/**
 * Data API (`/v1/...`): auth, envelope checks (content type, size, JSON), then one handler per route.
 */
const { checkDataAuth, parseBasic } = require('./auth');
const { contentTypeProblem, parseJson } = require('./body');
const { dataFail, dataSuccess, dataRateLimitBody, newId } = require('./responses');
const { accept } = require('./state');
const v = require('./validation');
const { handleCohortSync } = require('./cohorts');
const { identifiersIn, MERGE_DISABLED } = require('./identity');

/**
 * @typedef {import('./state').Ctx} Ctx
 * @typedef {import('./responses').SandboxResponse} SandboxResponse
 * @typedef {import('./rateLimit').DataQuota | 'cohort'} Bucket
 * @typedef {{ name: string, pathAppId?: string, bucket: Bucket, bulk?: boolean, appKeyOnly?: boolean, tooLargeMessage?: string,
 *   handle: (ctx: Ctx, body: Record<string, unknown>, rid: string) => SandboxResponse }} DataRoute
 */

/**
 * @param {string} rid
 * @param {{ type: string, message: string }} p
 * @param {number} [status]
 */
function failWith(rid, p, status = 400) {
	return dataFail(status, p.type, p.message, rid);
}

/**
 * Counts the request against its endpoint's quota; the 429 to answer when it is spent.
 * @param {Ctx} ctx
 * @param {import('./rateLimit').DataQuota} quota
 * @param {{ users?: number, events?: number, lookups?: number, pairs?: number }} units
 * @returns {SandboxResponse | null}
 */
function rateLimited(ctx, quota, units) {
	const hit = ctx.state.limits.takeData(quota, units, ctx.now);
	if (!hit) return null;
	return { status: 429, body: dataRateLimitBody(), headers: { ...hit.headers, 'retry-after': String(hit.retryAfter) } };
}

/** @param {Ctx} ctx */
function timeRules(ctx) {
	return { nowMs: ctx.now, clockSkewMs: ctx.state.clockSkewMs };
}

/**
 * @param {number | undefined} elementIndex
 * @returns {{ elementIndex?: number }}
 */
function at(elementIndex) {
	return elementIndex === undefined ? {} : { elementIndex };
}

/**
 * Applies one already-validated customer object.
 * @param {Ctx} ctx
 * @param {Record<string, unknown>} o
 * @param {number} [elementIndex]
 */
function applyCustomer(ctx, o, elementIndex) {
	const existingOnly = o.update_existing_only === true;
	const attributes = /** @type {Record<string, unknown> | undefined} */ (o.attributes);
	const flag = existingOnly ? { updateExistingOnly: true } : {};
	if (o.customer_id === undefined) {
		// Identity Resolution: validation made sure the attributes hold an active identifier.
		const identifiers = identifiersIn(attributes, ctx.state.identity);
		ctx.state.users.upsertByIdentifiers(identifiers, attributes, existingOnly);
		accept(ctx, { kind: 'customer', identifiers, ...at(elementIndex), ...flag });
		return;
	}
	const id = /** @type {string} */ (o.customer_id);
	ctx.state.users.upsert(id, attributes, existingOnly);
	accept(ctx, { kind: 'customer', customer_id: id, ...at(elementIndex), ...flag });
}

/**
 * @param {Ctx} ctx
 * @param {Record<string, unknown>} o
 * @param {number} [elementIndex]
 */
function applyEvent(ctx, o, elementIndex) {
	/** @type {{ customer_id?: string, identifiers?: Record<string, string> }} */
	let who;
	if (o.customer_id === undefined) {
		const identifiers = identifiersIn(o.user_identifiers, ctx.state.identity);
		ctx.state.users.resolve(identifiers);
		who = { identifiers };
	} else {
		ctx.state.users.ensure(/** @type {string} */ (o.customer_id));
		who = { customer_id: /** @type {string} */ (o.customer_id) };
	}
	for (const a of /** @type {Array<{ action: string }>} */ (o.actions)) {
		accept(ctx, { kind: 'event', ...who, action: a.action, ...at(elementIndex) });
	}
}

/**
 * @param {Ctx} ctx
 * @param {Record<string, unknown>} o
 * @param {number} [elementIndex]
 */
function applyDevice(ctx, o, elementIndex) {
	const id = /** @type {string} */ (o.customer_id);
	const deviceId = /** @type {string} */ (o.device_id);
	ctx.state.users.addDevice(id, deviceId, /** @type {Record<string, unknown> | undefined} */ (o.attributes));
	accept(ctx, { kind: 'device', customer_id: id, device_id: deviceId, ...at(elementIndex) });
}

/** @type {DataRoute['handle']} */
function handleCustomer(ctx, body, rid) {
	const p = v.validateCustomer(body, ctx.state.identity);
	if (p) return failWith(rid, p);
	const limited = rateLimited(ctx, 'customer', { users: 1 });
	if (limited) return limited;
	applyCustomer(ctx, body);
	return dataSuccess(rid);
}

/** @type {DataRoute['handle']} */
function handleEvent(ctx, body, rid) {
	const p = v.validateEvent(body, timeRules(ctx), ctx.state.identity);
	if (p) return failWith(rid, p);
	const limited = rateLimited(ctx, 'event', { events: /** @type {unknown[]} */ (body.actions).length });
	if (limited) return limited;
	applyEvent(ctx, body);
	return dataSuccess(rid);
}

/** @type {DataRoute['handle']} */
function handleDevice(ctx, body, rid) {
	const p = v.validateDevice(body);
	if (p) return failWith(rid, p);
	const limited = rateLimited(ctx, 'device', {});
	if (limited) return limited;
	applyDevice(ctx, body);
	return dataSuccess(rid);
}

/** @type {DataRoute['handle']} */
function handleTransition(ctx, body, rid) {
	const tp = v.checkType(body.type, 'transition');
	if (tp) return failWith(rid, tp);
	const elements = body.elements;
	if (!Array.isArray(elements)) return failWith(rid, { type: 'MissingAttributeError', message: 'elements is expected to be list' });
	if (elements.length === 0) return failWith(rid, { type: 'InvalidParams', message: 'elements must not be empty' });
	const rules = timeRules(ctx);
	/** @type {Array<{ index: number, reason: string }>} */
	const rejected = [];
	/** @type {Array<{ index: number, kind: string, el: Record<string, unknown> }>} */
	const good = [];
	let users = 0;
	let events = 0;
	for (let i = 0; i < elements.length; i++) {
		const el = elements[i];
		const t = v.isPlainObject(el) && typeof el.type === 'string' ? el.type.toLowerCase() : undefined;
		/** @type {{ type: string, message: string } | null} */
		let p;
		if (t === 'customer') p = v.validateCustomer(el, ctx.state.identity);
		else if (t === 'event') p = v.validateEvent(el, rules, ctx.state.identity);
		else if (t === 'device') p = v.validateDevice(el);
		else {
			const shown = v.isPlainObject(el) ? JSON.stringify(el.type) : 'a non-object element';
			p = { type: 'InvalidParams', message: `unknown element type ${shown} (expected "customer", "event" or "device")` };
		}
		if (p || !t || !v.isPlainObject(el)) {
			rejected.push({ index: i, reason: p ? p.message : 'invalid element' });
			continue;
		}
		good.push({ index: i, kind: t, el });
		if (t === 'customer') users += 1;
		else if (t === 'event') events += /** @type {unknown[]} */ (el.actions).length;
	}
	ctx.rec.rejectedElements = rejected;
	ctx.rec.acceptedElements = 0;
	const limited = rateLimited(ctx, 'bulk', { users, events });
	if (limited) return limited;
	for (const g of good) {
		if (g.kind === 'customer') applyCustomer(ctx, g.el, g.index);
		else if (g.kind === 'event') applyEvent(ctx, g.el, g.index);
		else applyDevice(ctx, g.el, g.index);
	}
	ctx.rec.acceptedElements = good.length;
	return dataSuccess(rid);
}

/** @type {DataRoute['handle']} */
function handleMerge(ctx, body, rid) {
	if (ctx.state.identity.enabled) return dataFail(MERGE_DISABLED.status, MERGE_DISABLED.type, MERGE_DISABLED.message, rid);
	const pairs = body.merge_data;
	if (!Array.isArray(pairs)) return failWith(rid, { type: 'MissingAttributeError', message: 'merge_data is expected to be list' });
	if (pairs.length < 1 || pairs.length > 50) {
		return failWith(rid, { type: 'InvalidParams', message: `merge_data must hold 1 to 50 pairs (got ${pairs.length})` });
	}
	for (let i = 0; i < pairs.length; i++) {
		const pair = pairs[i];
		if (!v.isPlainObject(pair)) return failWith(rid, { type: 'MissingAttributeError', message: `merge_data[${i}] is expected to be object` });
		const p =
			v.checkCustomerId(pair.merged_user, `merge_data[${i}].merged_user`) ||
			v.checkCustomerId(pair.retained_user, `merge_data[${i}].retained_user`);
		if (p) return failWith(rid, p);
		if (pair.merged_user === pair.retained_user) {
			return failWith(rid, { type: 'InvalidParams', message: `merge_data[${i}]: merged_user and retained_user must differ` });
		}
	}
	const limited = rateLimited(ctx, 'merge', { pairs: pairs.length });
	if (limited) return limited;
	for (const pair of /** @type {Array<{ merged_user: string, retained_user: string }>} */ (pairs)) {
		ctx.state.users.merge(pair.merged_user, pair.retained_user);
		accept(ctx, { kind: 'merge', customer_id: pair.retained_user, merged_user: pair.merged_user });
	}
	return dataSuccess(rid);
}

/** @type {DataRoute['handle']} */
function handleDelete(ctx, body, rid) {
	const type = body.identity_type;
	if (type !== 'customer_id' && type !== 'moengage_id') {
		return failWith(rid, { type: 'InvalidParams', message: 'identity_type must be "customer_id" or "moengage_id"' });
	}
	const value = body.identity_value;
	const p =
		type === 'customer_id'
			? v.checkCustomerId(value, 'identity_value')
			: typeof value === 'string' && value.trim() !== ''
				? null
				: { type: 'MissingAttributeError', message: 'identity_value is expected to be a non-empty string' };
	if (p) return failWith(rid, p);
	const limited = rateLimited(ctx, 'delete', {});
	if (limited) return limited;
	const val = /** @type {string} */ (value);
	ctx.state.users.remove(type, val);
	accept(ctx, {
		kind: 'delete',
		identity_type: type,
		identity_value: val,
		...(type === 'customer_id' ? { customer_id: val } : {}),
	});
	return dataSuccess(rid);
}

/**
 * Get user in the shape of MoEngage's API reference: `{identifiers: [{identifier_type: "customer_id" | "id",
 * identifier}], user_fields_to_export?}`, answered `{status, type: "export_users", data: {users: [{user_attributes}],
 * users_not_found: [{identifier_type, identifier}]}}`.
 * @param {Ctx} ctx
 * @param {Record<string, unknown>} body
 * @param {string} rid
 * @returns {SandboxResponse}
 */
function exportByIdentifiers(ctx, body, rid) {
	const ids = body.identifiers;
	if (!Array.isArray(ids) || ids.some((x) => !v.isPlainObject(x) || typeof x.identifier !== 'string' || x.identifier === '')) {
		return failWith(rid, { type: 'MissingAttributeError', message: 'identifiers is expected to be a list of {identifier_type, identifier}' });
	}
	if (ids.length < 1 || ids.length > 20) {
		return failWith(rid, { type: 'InvalidParams', message: `between 1 and 20 users can be fetched per request (got ${ids.length})` });
	}
	const list = /** @type {Array<{ identifier_type: unknown, identifier: string }>} */ (ids);
	const badType = list.find((x) => x.identifier_type !== 'customer_id' && x.identifier_type !== 'id');
	if (badType) return failWith(rid, { type: 'InvalidParams', message: 'identifier_type must be "customer_id" or "id"' });
	const limited = rateLimited(ctx, 'export', { lookups: list.length });
	if (limited) return limited;
	const fields = Array.isArray(body.user_fields_to_export) ? body.user_fields_to_export.map(String) : undefined;
	/** @type {unknown[]} */
	const users = [];
	/** @type {unknown[]} */
	const notFound = [];
	for (const { identifier_type, identifier } of list) {
		const u = ctx.state.users.find(identifier_type === 'id' ? 'moengage_id' : 'customer_id', identifier);
		if (!u) {
			notFound.push({ identifier_type, identifier });
			continue;
		}
		/** @type {Record<string, unknown>} */
		const all = { ...u.attributes, customer_id: u.customer_id, id: u.moengage_id };
		const picked = fields ? Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]])) : all;
		users.push({ user_attributes: picked });
	}
	return {
		status: 200,
		body: { status: 'success', type: 'export_users', data: { users, users_not_found: notFound }, request_id: rid },
	};
}

/** @type {DataRoute['handle']} */
function handleExport(ctx, body, rid) {
	if (!ctx.state.exportEnabled) {
		return dataFail(403, 'Forbidden', 'Get user (export) API is not enabled for this workspace. Please contact MoEngage support to enable it.', rid);
	}
	// Current reference: the lookup sits inside `data` ("data is not found in the payload" otherwise).
	// `getUserBodyForm: 'root'` stands for a workspace still on the older, root-level form.
	if (ctx.state.getUserBodyForm === 'root') {
		if (body.identifiers === undefined && body.customer_ids === undefined && body.identity_values === undefined) {
			return failWith(rid, { type: 'MissingAttributeError', message: 'identifiers is not found in the payload' });
		}
		if (body.identifiers !== undefined) return exportByIdentifiers(ctx, body, rid);
	} else if (v.isPlainObject(body.data)) {
		if (body.data.identifiers === undefined) {
			return failWith(rid, { type: 'MissingAttributeError', message: 'identifiers is not found in the payload' });
		}
		return exportByIdentifiers(ctx, body.data, rid);
	} else if (body.identifiers !== undefined) {
		return failWith(rid, { type: 'MissingAttributeError', message: 'data is not found in the payload' });
	}
	/** @type {unknown} */
	let values;
	/** @type {unknown} */
	let type = 'customer_id';
	if (body.customer_ids !== undefined) values = body.customer_ids;
	else {
		type = body.identity_type;
		values = body.identity_values;
	}
	if (type !== 'customer_id' && type !== 'moengage_id') {
		return failWith(rid, { type: 'InvalidParams', message: 'identity_type must be "customer_id" or "moengage_id"' });
	}
	if (!Array.isArray(values) || values.some((x) => typeof x !== 'string' || x === '')) {
		return failWith(rid, {
			type: 'MissingAttributeError',
			message: 'identity_values (or customer_ids) is expected to be a list of non-empty strings',
		});
	}
	if (values.length < 1 || values.length > 20) {
		return failWith(rid, { type: 'InvalidParams', message: `between 1 and 20 users can be fetched per request (got ${values.length})` });
	}
	const limited = rateLimited(ctx, 'export', { lookups: values.length });
	if (limited) return limited;
	const fields = Array.isArray(body.user_fields_to_export) ? body.user_fields_to_export.map(String) : undefined;
	/** @type {unknown[]} */
	const users = [];
	/** @type {string[]} */
	const notFound = [];
	for (const id of /** @type {string[]} */ (values)) {
		const u = ctx.state.users.find(type, id);
		if (!u) {
			notFound.push(id);
			continue;
		}
		/** @type {Record<string, unknown>} */
		let attributes = { ...u.attributes };
		if (fields) attributes = Object.fromEntries(fields.filter((f) => f in u.attributes).map((f) => [f, u.attributes[f]]));
		users.push({
			customer_id: u.customer_id,
			moengage_id: u.moengage_id,
			created_time: u.created_time,
			last_updated: u.last_updated,
			attributes,
			devices: Object.keys(u.devices).map((id) => ({ device_id: id, ...u.devices[id] })),
		});
	}
	return { status: 200, body: { status: 'success', users, not_found: notFound, request_id: rid } };
}

/**
 * Test Connection: the read-only check of the Data key (current reference 2.9). MOE-APPKEY is
 * required; every body field is required; it answers the workspace's name.
 * @param {Ctx} ctx
 * @param {Record<string, unknown>} body
 * @param {string} rid
 * @returns {SandboxResponse}
 */
function handleTestConnection(ctx, body, rid) {
	const { state } = ctx;
	for (const field of ['app_id', 'app_secret', 'source', 'region']) {
		if (typeof body[field] !== 'string' || body[field] === '') {
			return dataFail(400, 'MissingAttributeError', `${field} is required`, rid);
		}
	}
	if (body.app_id !== state.workspaceId || body.app_secret !== state.dataApiKey) {
		return dataFail(401, 'Authentication required', 'App Secret key mismatch. Please login to the dashboard to verify key', rid);
	}
	return { status: 200, body: { status: 'success', app_name: `Sandbox workspace ${state.workspaceId}` } };
}

/** @type {Record<string, Omit<DataRoute, 'pathAppId'>>} */
const ROUTES = {
	authentication: { name: 'testConnection', bucket: 'customer', handle: handleTestConnection, appKeyOnly: true },
	// Cohort sync (reference §5): the Data key plus MOE-APPKEY, 300 requests a minute, 128 KB.
	cohortsync: {
		name: 'cohortSync',
		bucket: 'cohort',
		handle: handleCohortSync,
		appKeyOnly: true,
		tooLargeMessage: 'Payload can not exceed 128KB',
	},
	customer: { name: 'customer', bucket: 'customer', handle: handleCustomer },
	event: { name: 'event', bucket: 'event', handle: handleEvent },
	device: { name: 'device', bucket: 'device', handle: handleDevice },
	transition: { name: 'transition', bucket: 'bulk', bulk: true, handle: handleTransition },
	merge: { name: 'merge', bucket: 'merge', handle: handleMerge },
	delete: { name: 'delete', bucket: 'delete', handle: handleDelete },
	export: { name: 'export', bucket: 'export', handle: handleExport },
};

const SINGLE_RE = /^\/v1\/(customer|event|device|transition)\/([^/]+)\/?$/;

/**
 * @param {string} path
 * @returns {DataRoute | null}
 */
function matchRoute(path) {
	const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
	if (p === '/v1/customer/merge') return ROUTES.merge;
	if (p === '/v1/customer/delete') return ROUTES.delete;
	if (p === '/v1/customers/export') return ROUTES.export;
	if (p === '/v1/integrations/authentication') return ROUTES.authentication;
	if (p === '/v1/integrations/cohortsync') return ROUTES.cohortsync;
	const m = SINGLE_RE.exec(path);
	if (!m) return null;
	let appId = m[2];
	try {
		appId = decodeURIComponent(appId);
	} catch {
		/* keep raw */
	}
	return { ...ROUTES[m[1]], pathAppId: appId };
}

/**
 * @param {Ctx} ctx
 * @returns {SandboxResponse}
 */
function handleData(ctx) {
	const rid = newId();
	const route = matchRoute(ctx.path);
	/** @type {Bucket} */
	const bucket = route ? route.bucket : 'customer';
	const res = dispatch(ctx, route, rid);
	ctx.rec.requestId = rid;
	res.headers = { ...ctx.state.limits.headersFor(bucket, ctx.now), ...(res.headers || {}) };
	return res;
}

/**
 * @param {Ctx} ctx
 * @param {DataRoute | null} route
 * @param {string} rid
 * @returns {SandboxResponse}
 */
function dispatch(ctx, route, rid) {
	const { state, headers } = ctx;
	if (!route) return dataFail(404, 'Not Found', `No Data API endpoint at ${ctx.method} ${ctx.path}`, rid);
	ctx.rec.route = route.name;
	if (ctx.method !== 'POST') return dataFail(405, 'Method Not Allowed', `Use POST for ${ctx.path}`, rid);

	const authProblem = checkDataAuth(headers.authorization, state.workspaceId, state.dataApiKey);
	if (authProblem) return dataFail(401, authProblem.type, authProblem.message, rid);

	if (route.appKeyOnly) {
		const appKey = headers['moe-appkey'];
		if (appKey === undefined || appKey === '') return dataFail(401, 'Authentication required', 'MOE-APPKEY is missing in Header', rid);
		if (appKey !== state.workspaceId) {
			return dataFail(401, 'Authentication required', "MOE_APPKEY doesn't match the Username (APP_KEY) used in Basic Auth authorization.", rid);
		}
		return parsedBody(ctx, route, rid);
	}

	const queryAppId = ctx.query.app_id;
	const appId = route.pathAppId !== undefined ? route.pathAppId : queryAppId;
	if (appId === undefined || appId === '') {
		return dataFail(400, 'ParamsRequired', 'app_id is required in path/query params.', rid);
	}
	if (appId !== state.workspaceId || (queryAppId !== undefined && queryAppId !== state.workspaceId)) {
		return dataFail(400, 'InvalidParams', 'given app_id is invalid.', rid);
	}
	const auth = parseBasic(headers.authorization);
	const appKey = headers['moe-appkey'];
	if (!auth.ok || appKey !== auth.user) {
		return dataFail(409, 'Authentication Mismatch', 'App key mismatch in params and authentication', rid);
	}

	return parsedBody(ctx, route, rid);
}

/**
 * Content type, size and JSON checks, then the route's handler.
 * @param {Ctx} ctx
 * @param {DataRoute} route
 * @param {string} rid
 * @returns {SandboxResponse}
 */
function parsedBody(ctx, route, rid) {
	const { state, headers } = ctx;
	const ct = contentTypeProblem(headers['content-type']);
	if (ct === 'missing') return dataFail(400, 'Missing header value', 'The Content-Type Header is required', rid);
	if (ct === 'unsupported') return dataFail(415, 'Unsupported Media Type', 'Unsupported Media Type', rid);

	if (ctx.bytes > state.maxBodyBytes) {
		const message = route.tooLargeMessage || `The payload can not exceed ${Math.floor(state.maxBodyBytes / 1024)}KB`;
		return dataFail(413, 'Payload too large', message, rid);
	}
	if (route.bulk && ctx.bytes > state.maxBulkBytes) {
		return dataFail(413, 'Payload too large', `The payload can not exceed ${Math.floor(state.maxBulkBytes / 1024)}KB`, rid);
	}

	const parsed = parseJson(ctx.buf);
	if (!parsed.ok && parsed.reason === 'empty') return dataFail(400, 'Empty request body', 'A valid JSON document is required', rid);
	if (!parsed.ok) {
		return dataFail(400, 'Malformed JSON', 'Could not decode the request body. The JSON was incorrect or not encoded as UTF-8.', rid);
	}
	if (state.recordBodies) ctx.rec.body = parsed.value;
	if (!v.isPlainObject(parsed.value)) return dataFail(400, 'Body type is not JSON', 'A valid JSON document is required.', rid);
	return route.handle(ctx, parsed.value, rid);
}

module.exports = { handleData, matchRoute };
