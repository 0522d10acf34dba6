/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test tooling, never shipped */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, STREAMS_EVENT_CODES, type Sandbox, type SandboxOptions } from '../../sandbox';

interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
	json: any;
	reusedSocket: boolean;
}

interface SendOptions {
	method?: string;
	headers?: Record<string, string | undefined>;
	body?: string | Buffer | object;
	agent?: http.Agent | false;
	timeoutMs?: number;
}

/** Raw HTTP client: full control over headers (fetch would add a Content-Type on its own). */
function send(base: string, path: string, opts: SendOptions = {}): Promise<Reply> {
	const payload =
		opts.body === undefined
			? undefined
			: Buffer.isBuffer(opts.body)
				? opts.body
				: Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
	const headers: Record<string, string | number> = {};
	for (const [k, v] of Object.entries(opts.headers || {})) if (v !== undefined) headers[k] = v;
	if (payload) headers['content-length'] = payload.length;
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${base}${path}`,
			{ method: opts.method || 'POST', headers, agent: opts.agent === undefined ? false : opts.agent },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json: any;
					try {
						json = JSON.parse(text);
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode || 0, headers: res.headers, text, json, reusedSocket: req.reusedSocket });
				});
			},
		);
		req.on('error', reject);
		if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error('client timeout')));
		req.end(payload);
	});
}

const basic = (user: string, pass: string) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function dataHeaders(sb: Sandbox, extra: Record<string, string | undefined> = {}) {
	return {
		'Content-Type': 'application/json',
		Authorization: basic(sb.workspaceId, sb.dataApiKey),
		'MOE-APPKEY': sb.workspaceId,
		...extra,
	};
}

function beHeaders(sb: Sandbox, extra: Record<string, string | undefined> = {}) {
	return { 'Content-Type': 'application/json', Authorization: basic(sb.workspaceId, sb.businessEventsApiKey), ...extra };
}

const customer = (id = 'user-001', extra: object = {}) => ({ type: 'customer', customer_id: id, attributes: { name: 'Jo' }, ...extra });

function postData(sb: Sandbox, route: string, body: unknown, extra: Record<string, string | undefined> = {}, agent?: http.Agent) {
	const path = /^(customer|event|device|transition)$/.test(route) ? `${route}/${sb.workspaceId}` : route;
	return send(sb.url, `/v1/${path}`, { headers: dataHeaders(sb, extra), body: body as object, agent });
}

function postBe(sb: Sandbox, route: string, body: unknown, extra: Record<string, string | undefined> = {}) {
	return send(sb.url, `/v1.0/business_event${route}`, { headers: beHeaders(sb, extra), body: body as object });
}

describe('MoEngage sandbox', () => {
	let sb: Sandbox;
	const open: Sandbox[] = [];
	async function start(opts?: SandboxOptions) {
		const s = await startSandbox(opts);
		open.push(s);
		return s;
	}

	beforeAll(async () => {
		sb = await start();
	});
	afterAll(async () => {
		await Promise.all(open.map((s) => s.close()));
	});
	beforeEach(() => {
		sb.clearRequests();
		sb.clearFaults();
		sb.setRateLimits({ enabled: false });
	});

	describe('startup', () => {
		it('listens on 127.0.0.1 with the default workspace and keys', () => {
			expect(sb.url).toBe(`http://127.0.0.1:${sb.port}`);
			expect(sb.port).toBeGreaterThan(0);
			expect(sb.workspaceId).toBe('SANDBOXWORKSPACE');
			expect(sb.dataApiKey).toBe('sandbox-data-key');
			expect(sb.businessEventsApiKey).toBe('sandbox-be-key');
			expect(sb.businessEvents.get('NewMovies')!.event_attributes).toEqual([
				{ attribute_name: 'MovieName', attribute_data_type: 'array' },
				{ attribute_name: 'rating', attribute_data_type: 'string' },
			]);
		});

		it('honours custom workspace, keys and log, and never logs keys', async () => {
			const lines: string[] = [];
			const s = await start({ workspaceId: 'WS1', dataApiKey: 'dk-123', businessEventsApiKey: 'bk-456', log: (l) => lines.push(l) });
			const r = await send(s.url, '/v1/customer/WS1', {
				headers: { 'Content-Type': 'application/json', Authorization: basic('WS1', 'dk-123'), 'MOE-APPKEY': 'WS1' },
				body: customer(),
			});
			expect(r.status).toBe(200);
			expect(lines.length).toBe(1);
			expect(lines[0]).toContain('/v1/customer/WS1');
			expect(lines.join('\n')).not.toMatch(/dk-123|bk-456|Basic /);
		});

		it('keeps connections alive', async () => {
			const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
			const a = await postData(sb, 'customer', customer(), {}, agent);
			const b = await postData(sb, 'customer', customer(), {}, agent);
			agent.destroy();
			expect([a.status, b.status]).toEqual([200, 200]);
			expect(b.reusedSocket).toBe(true);
		});
	});

	describe('Data API auth', () => {
		it('accepts the right key and answers the documented success body', async () => {
			const r = await postData(sb, 'customer', customer());
			expect(r.status).toBe(200);
			expect(r.json).toEqual({
				status: 'success',
				message: 'Your request has been accepted and will be processed soon.',
				request_id: expect.any(String),
			});
			const r2 = await postData(sb, 'customer', customer());
			expect(r2.json.request_id).not.toBe(r.json.request_id);
		});

		it('rejects a wrong key, the Business Events key and a missing header with 401', async () => {
			const wrong = await postData(sb, 'customer', customer(), { Authorization: basic(sb.workspaceId, 'nope') });
			expect(wrong.status).toBe(401);
			expect(wrong.json).toEqual({
				status: 'fail',
				error: {
					type: 'Authentication required',
					message: 'App Secret key mismatch. Please login to the dashboard to verify key',
					request_id: expect.any(String),
				},
			});
			const other = await postData(sb, 'customer', customer(), { Authorization: basic(sb.workspaceId, sb.businessEventsApiKey) });
			expect(other.status).toBe(401);
			const missing = await postData(sb, 'customer', customer(), { Authorization: undefined });
			expect(missing.status).toBe(401);
			expect(missing.json.error.message).toBe('Authentication Header Required');
			const wrongUser = await postData(sb, 'customer', customer(), { Authorization: basic('OTHER', sb.dataApiKey) });
			expect(wrongUser.json.error.message).toBe('Invalid APP_ID used in Authentication Header');
			const garbage = await postData(sb, 'customer', customer(), { Authorization: 'Basic %%%' });
			expect(garbage.json.error.message).toBe('Invalid identity information found');
			expect(sb.accepted()).toEqual([]);
		});

		it('answers 409 when MOE-APPKEY is missing or differs from the Basic username', async () => {
			for (const appKey of [undefined, 'OTHER']) {
				const r = await postData(sb, 'customer', customer(), { 'MOE-APPKEY': appKey });
				expect(r.status).toBe(409);
				expect(r.json.error.message).toBe('App key mismatch in params and authentication');
			}
		});

		it('checks the app_id in path and query', async () => {
			const wrongPath = await send(sb.url, '/v1/customer/OTHER', { headers: dataHeaders(sb), body: customer() });
			expect(wrongPath.status).toBe(400);
			expect(wrongPath.json.error).toMatchObject({ type: 'InvalidParams', message: 'given app_id is invalid.' });
			const noQuery = await postData(sb, 'customer/merge', { merge_data: [{ merged_user: 'aa1', retained_user: 'bb2' }] });
			expect(noQuery.status).toBe(400);
			expect(noQuery.json.error.type).toBe('ParamsRequired');
			const wrongQuery = await postData(sb, 'customer/delete?app_id=OTHER', { identity_type: 'customer_id', identity_value: 'aa1' });
			expect(wrongQuery.status).toBe(400);
		});
	});

	describe('Data API envelope', () => {
		it('requires Content-Type application/json', async () => {
			const missing = await postData(sb, 'customer', customer(), { 'Content-Type': undefined });
			expect(missing.status).toBe(400);
			expect(missing.json.error.message).toBe('The Content-Type Header is required');
			const text = await postData(sb, 'customer', customer(), { 'Content-Type': 'text/plain' });
			expect(text.status).toBe(415);
			const withCharset = await postData(sb, 'customer', customer(), { 'Content-Type': 'application/json; charset=utf-8' });
			expect(withCharset.status).toBe(200);
		});

		it('rejects empty and malformed bodies', async () => {
			const empty = await send(sb.url, `/v1/customer/${sb.workspaceId}`, { headers: dataHeaders(sb) });
			expect(empty.status).toBe(400);
			expect(empty.json.error.message).toBe('A valid JSON document is required');
			const bad = await postData(sb, 'customer', '{"type": "customer",');
			expect(bad.status).toBe(400);
			expect(bad.json.error.message).toMatch(/^Could not decode the request body/);
			const notObject = await postData(sb, 'customer', '"just a string"');
			expect(notObject.status).toBe(400);
		});

		it('limits bodies to 128 KB and bulk imports to 100 KB', async () => {
			const big = customer('user-big', { attributes: { blob: 'x'.repeat(130 * 1024) } });
			const r = await postData(sb, 'customer', big);
			expect(r.status).toBe(413);
			expect(r.json.error.message).toBe('The payload can not exceed 128KB');
			const elements = (n: number) =>
				Array.from({ length: n }, (_, i) => customer(`user-${i}`, { attributes: { pad: 'y'.repeat(1000) } }));
			const bulk110 = { type: 'transition', elements: elements(110) };
			expect(JSON.stringify(bulk110).length).toBeGreaterThan(100 * 1024);
			expect(JSON.stringify(bulk110).length).toBeLessThan(128 * 1024);
			const tooBig = await postData(sb, 'transition', bulk110);
			expect(tooBig.status).toBe(413);
			const ok = await postData(sb, 'transition', { type: 'transition', elements: elements(90) });
			expect(ok.status).toBe(200);
			expect(sb.requests[sb.requests.length - 1].acceptedElements).toBe(90);
		});
	});

	describe('Data API validation', () => {
		it('rejects blocked and too-short customer ids', async () => {
			for (const id of [' Unknown ', 'NULL', 'n/a', '-1', 'x', '', 'Customer_ID']) {
				const r = await postData(sb, 'customer', customer(id));
				expect([id, r.status]).toEqual([id, 400]);
			}
			expect((await postData(sb, 'customer', customer(12345 as unknown as string))).status).toBe(400);
			expect((await postData(sb, 'customer', { type: 'customer' })).status).toBe(400);
			expect((await postData(sb, 'customer', customer('ab'))).status).toBe(200);
		});

		it('rejects a wrong-case type on single calls and records it as rejected in bulk', async () => {
			const single = await postData(sb, 'customer', { ...customer(), type: 'Customer' });
			expect(single.status).toBe(400);
			expect(single.json.error.message).toMatch(/case-sensitive/);
			const bulk = await postData(sb, 'transition', {
				type: 'transition',
				elements: [
					{ ...customer('bulk-1'), type: 'Customer' },
					customer('bulk-2'),
					{ type: 'event', customer_id: 'bulk-2', actions: [{ action: 'Viewed' }, { action: 'Bought' }] },
					{ type: 'device', customer_id: 'bulk-2', device_id: 'dev-1', attributes: { platform: 'ANDROID' } },
					{ type: 'event', customer_id: 'guest', actions: [{ action: 'Viewed' }] },
					'not an object',
				],
			});
			expect(bulk.status).toBe(200);
			const rec = sb.requests[1];
			expect(rec.acceptedElements).toBe(3);
			expect(rec.rejectedElements!.map((e) => e.index)).toEqual([0, 4, 5]);
			expect(sb.accepted().map((a) => [a.kind, a.customer_id, a.action, a.elementIndex, a.requestIndex])).toEqual([
				['customer', 'bulk-2', undefined, 1, 1],
				['event', 'bulk-2', 'Viewed', 2, 1],
				['event', 'bulk-2', 'Bought', 2, 1],
				['device', 'bulk-2', undefined, 3, 1],
			]);
		});

		it('rejects reserved moe_ names', async () => {
			expect((await postData(sb, 'customer', customer('user-1', { attributes: { moe_x: 1 } }))).status).toBe(400);
			const ev = { type: 'event', customer_id: 'user-1', actions: [{ action: 'MOE_custom' }] };
			expect((await postData(sb, 'event', ev)).status).toBe(400);
			const attr = { type: 'event', customer_id: 'user-1', actions: [{ action: 'ok', attributes: { moe_a: 1 } }] };
			expect((await postData(sb, 'event', attr)).status).toBe(400);
		});

		it('checks event actions, times and timezone offsets', async () => {
			const nowSec = Math.floor(Date.now() / 1000);
			const ev = (action: object) => ({ type: 'event', customer_id: 'user-1', actions: [{ action: 'Viewed', ...action }] });
			const cases: Array<[object, number]> = [
				[{ user_time: nowSec - 60, current_time: new Date().toISOString(), user_timezone_offset: 19800 }, 200],
				[{ user_time: '2024-01-01T10:00:00Z' }, 200],
				[{ user_time: '2024-01-01' }, 200],
				[{ user_time: nowSec + 60 }, 200], // within the 5-minute skew
				[{ user_time: nowSec + 3600 }, 400],
				[{ user_time: Date.now() }, 400], // epoch milliseconds
				[{ user_time: 'yesterday' }, 400],
				[{ user_timezone_offset: 54001 }, 400],
				[{ user_timezone_offset: -54000 }, 200],
				[{ user_timezone_offset: '3600' }, 400],
			];
			for (const [action, status] of cases) {
				const r = await postData(sb, 'event', ev(action));
				expect([action, r.status]).toEqual([action, status]);
			}
			expect((await postData(sb, 'event', { type: 'event', customer_id: 'user-1', actions: [] })).status).toBe(400);
			expect((await postData(sb, 'event', { type: 'event', customer_id: 'user-1' })).status).toBe(400);
		});

		it('validates devices, merges and deletes', async () => {
			expect((await postData(sb, 'device', { type: 'device', customer_id: 'user-1' })).status).toBe(400);
			expect((await postData(sb, 'device', { type: 'device', customer_id: 'user-1', device_id: 'd1' })).status).toBe(200);
			const q = `?app_id=${sb.workspaceId}`;
			const pairs = (n: number) => Array.from({ length: n }, (_, i) => ({ merged_user: `old-${i}`, retained_user: `new-${i}` }));
			expect((await postData(sb, `customer/merge${q}`, { merge_data: pairs(51) })).status).toBe(400);
			expect((await postData(sb, `customer/merge${q}`, { merge_data: [] })).status).toBe(400);
			expect((await postData(sb, `customer/merge${q}`, { merge_data: pairs(50) })).status).toBe(200);
			expect((await postData(sb, `customer/delete${q}`, { identity_type: 'email', identity_value: 'a@b.c' })).status).toBe(400);
			expect((await postData(sb, `customer/delete${q}`, { identity_type: 'customer_id', identity_value: 'new-1' })).status).toBe(200);
			const kinds = sb.accepted().map((a) => a.kind);
			expect(kinds.filter((k) => k === 'merge')).toHaveLength(50);
			expect(kinds.filter((k) => k === 'delete')).toHaveLength(1);
		});

		it('wants the Get user lookup inside data, as the current reference documents', async () => {
			const q = `?app_id=${sb.workspaceId}`;
			const lookup = { identifiers: [{ identifier_type: 'customer_id', identifier: 'nobody-1' }] };
			const atRoot = await postData(sb, `customers/export${q}`, lookup);
			expect(atRoot.status).toBe(400);
			expect(atRoot.json.error.message).toBe('data is not found in the payload');
			const inData = await postData(sb, `customers/export${q}`, { data: lookup });
			expect(inData.status).toBe(200);
			expect(inData.json.data.users_not_found).toEqual(lookup.identifiers);
		});

		it('answers Get user from the users it has accepted', async () => {
			await postData(sb, 'customer', customer('export-1', { attributes: { first_name: 'Ann', plan: 'pro' } }));
			const q = `?app_id=${sb.workspaceId}`;
			const r = await postData(sb, `customers/export${q}`, { identity_type: 'customer_id', identity_values: ['export-1', 'nobody-9'] });
			expect(r.status).toBe(200);
			expect(r.json.users).toHaveLength(1);
			expect(r.json.users[0]).toMatchObject({ customer_id: 'export-1', attributes: { first_name: 'Ann', plan: 'pro' } });
			expect(r.json.not_found).toEqual(['nobody-9']);
			const alt = await postData(sb, `customers/export${q}`, { customer_ids: ['export-1'] });
			expect(alt.json.users[0].customer_id).toBe('export-1');
			const tooMany = Array.from({ length: 21 }, (_, i) => `id-${i}`);
			expect((await postData(sb, `customers/export${q}`, { customer_ids: tooMany })).status).toBe(400);

			const off = await start({ exportEnabled: false });
			const disabled = await send(off.url, `/v1/customers/export?app_id=${off.workspaceId}`, {
				headers: dataHeaders(off),
				body: { customer_ids: ['a1'] },
			});
			expect(disabled.status).toBe(403);
			expect(disabled.json.error.message).toMatch(/not enabled/);
		});
	});

	describe('Business Events', () => {
		const search = (body: object) => postBe(sb, '/search', body);

		it('authenticates with the Business Events key only', async () => {
			const ok = await search({ event_names: ['NewMovies'] });
			expect(ok.status).toBe(200);
			const wrong = await postBe(sb, '/search', {}, { Authorization: basic(sb.workspaceId, sb.dataApiKey) });
			expect(wrong.status).toBe(401);
			expect(wrong.json.error.code).toBe('401 Authentication error');
			const missing = await postBe(sb, '/search', {}, { Authorization: undefined });
			expect(missing.status).toBe(401);
			expect(missing.json).toEqual({
				error: {
					code: '401 Authentication error',
					message: 'Authentication required',
					details: [
						{
							code: 'InvalidValue',
							target: 'Authorization',
							message: {
								code: 'MissingValue',
								target: 'Authorization',
								message: 'APP_ID and APP_SECRET_KEY is missing in Authorization Header.',
							},
						},
					],
					request_id: expect.any(String),
				},
			});
		});

		it('triggers an event and counts it in total_trigger', async () => {
			const before = sb.businessEvents.get('NewMovies')!.total_trigger;
			const r = await postBe(sb, '/trigger', {
				event_name: 'NewMovies',
				event_attributes: { MovieName: ['Up'], rating: 'PG' },
				triggered_by: 'john.doe@example.com',
			});
			expect(r.status).toBe(200);
			expect(r.json).toEqual({ message: 'The business event has been triggered' });
			const s = await search({ event_names: ['NewMovies'] });
			expect(s.json.data[0].total_trigger).toBe(before + 1);
			expect(sb.accepted()).toEqual([expect.objectContaining({ kind: 'businessEvent', event_name: 'NewMovies' })]);
		});

		it('answers the documented 400s of trigger', async () => {
			const err = (message: string, code: string, target: string, detail: string) => ({
				error: { code: '400 Bad Request', message, details: [{ code, target, message: detail }], request_id: expect.any(String) },
			});
			const none = await postBe(sb, '/trigger', { event_name: 'Nope', event_attributes: {} });
			expect(none.status).toBe(400);
			expect(none.json).toEqual(err('Business event does not exists', 'InvalidValue', 'event_name', 'Business event does not exist'));
			const wrongAttr = await postBe(sb, '/trigger', { event_name: 'NewMovies', event_attributes: { rating1: 'x' } });
			const wa = 'Wrong business event attribute passed in api request';
			expect(wrongAttr.json).toEqual(err(wa, 'InvalidValue', 'rating1', wa));
			const inactive = await postBe(sb, '/trigger', { event_name: 'NoActiveCampaign', event_attributes: {} });
			const nc = 'No active campaign found for business event name';
			expect(inactive.json).toEqual(err(nc, 'InvalidValue', 'event_name', nc));
			const email = await postBe(sb, '/trigger', { event_name: 'NewMovies', event_attributes: {}, triggered_by: 'abc' });
			expect(email.json).toEqual(
				err('Business event does not exists', 'MissingValue', 'triggered_by', "triggered_by - Invalid email address : 'abc'"),
			);
			const types: Array<[object, number]> = [
				[{ stock: 1.5 }, 400],
				[{ stock: '3' }, 400],
				[{ old_price: 3 }, 200],
				[{ tags: 'a,b' }, 400],
				[{ valid_until: '2024-12-31' }, 200],
				[{ valid_until: '11/11/2023' }, 200],
				[{ valid_until: 'soon' }, 400],
				[{ product_id: 42 }, 400],
			];
			for (const [attrs, status] of types) {
				const r = await postBe(sb, '/trigger', { event_name: 'PriceDrop', event_attributes: attrs });
				expect([attrs, r.status]).toEqual([attrs, status]);
				if (status === 400) expect(r.json.error.details[0].target).toBe(Object.keys(attrs)[0]);
			}
		});

		it('searches by id, by name, or everything (an empty search only with legacyEmptySearch: all)', async () => {
			const refused = await search({});
			expect(refused.status).toBe(400);
			expect(refused.json.error.message).toBe('At least one of event_ids or event_names should be provided');
			sb.legacyEmptySearch = 'all';
			const all = await search({});
			sb.legacyEmptySearch = 'refuse';
			expect(all.json.data.map((e: any) => e.event_name)).toEqual([...sb.businessEvents.keys()]);
			const byId = await search({ event_ids: ['647597767459c85d7d6d6dfd'] });
			expect(byId.json.data).toHaveLength(1);
			expect(Object.keys(byId.json.data[0]).sort()).toEqual(
				[
					'db_name', 'event_id', 'event_name', 'event_attributes', 'created_at', 'total_trigger', 'users_in_segment',
					'usage_count', 'created_by', 'last_received_time', '_id',
				].sort(),
			);
			const byName = await search({ event_names: ['PriceDrop', 'Missing'] });
			expect(byName.json.data.map((e: any) => e.event_name)).toEqual(['PriceDrop']);
			const extra = await search({ event_name: 'x' });
			expect(extra.status).toBe(400);
			const m = 'Additional fields are not allowed document schema for class BusinessEventSearchRequest:event_name';
			expect(extra.json.error).toMatchObject({ code: '400 Bad Request', message: m, details: [{ code: 'InvalidValue', target: 'event_name', message: m }] });
		});

		it('creates events up to 50 per workspace, refusing duplicates', async () => {
			const s = await start();
			const create = (name: string) =>
				send(s.url, '/v1.0/business_event', {
					headers: beHeaders(s),
					body: {
						event_name: name,
						event_attributes: [{ attribute_name: 'price', attribute_data_type: 'float' }],
						created_by: 'ops@example.com',
					},
				});
			const first = await create('Created0');
			expect(first.status).toBe(200);
			expect(first.json).toEqual({ message: 'The business event has been created', event_id: s.businessEvents.get('Created0')!.event_id });
			expect(first.json.event_id).toMatch(/^[0-9a-f]{24}$/);
			expect(s.businessEvents.has('Created0')).toBe(true);
			expect((await create('Created0')).status).toBe(400);
			for (let i = s.businessEvents.size; i < 50; i++) expect((await create(`Created${i}`)).status).toBe(200);
			expect(s.businessEvents.size).toBe(50);
			const over = await create('OneTooMany');
			expect(over.status).toBe(400);
			expect(over.json.error.message).toMatch(/at most 50/);
			const badType = await send(s.url, '/v1.0/business_event', {
				headers: beHeaders(s),
				body: { event_name: 'X', event_attributes: [{ attribute_name: 'a', attribute_data_type: 'bool' }], created_by: 'a@b.co' },
			});
			expect(badType.status).toBe(400);
		});

		it('checks content type and JSON', async () => {
			expect((await postBe(sb, '/search', {}, { 'Content-Type': undefined })).status).toBe(400);
			expect((await postBe(sb, '/search', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
			expect((await postBe(sb, '/search', '{oops')).status).toBe(400);
		});
	});

	describe('rate limits', () => {
		it('limits users and events per window, with 429 bodies, headers and recovery', async () => {
			sb.setRateLimits({ enabled: true, dataUsersPerWindow: 2, dataEventsPerWindow: 3, dataWindowMs: 400 });
			const a = await postData(sb, 'customer', customer('u-01'));
			expect(a.headers['x-ratelimit-limit']).toBe('2');
			expect(a.headers['x-ratelimit-remaining']).toBe('1');
			expect(a.headers['x-ratelimit-reset']).toBe('1');
			expect((await postData(sb, 'customer', customer('u-02'))).status).toBe(200);
			const limited = await postData(sb, 'customer', customer('u-03'));
			expect(limited.status).toBe(429);
			expect(limited.json).toEqual({
				status: 'fail',
				error: { type: 'Rate Limit Exceeded', message: 'Rate Limits for User / Event exceeded', request_id: expect.any(String) },
			});
			expect(limited.headers['retry-after']).toBe('1');
			expect(limited.headers['x-ratelimit-remaining']).toBe('0');
			// events: a bulk request counts the actions inside its event elements, and is refused whole
			const ev = (n: number) => ({ type: 'event', customer_id: 'u-01', actions: Array.from({ length: n }, () => ({ action: 'A' })) });
			expect((await postData(sb, 'transition', { type: 'transition', elements: [ev(2)] })).status).toBe(200);
			expect((await postData(sb, 'transition', { type: 'transition', elements: [ev(2)] })).status).toBe(429);
			// each endpoint has its own quota: Track Event's window is untouched by the bulk import
			const single = await postData(sb, 'event', ev(2));
			expect(single.status).toBe(200);
			expect(single.headers['x-ratelimit-remaining']).toBe('1');
			expect((await postData(sb, 'event', ev(2))).status).toBe(429);
			expect((await postData(sb, 'event', ev(1))).status).toBe(200);
			expect(sb.accepted().filter((x) => x.kind === 'event')).toHaveLength(5);
			await sleep(450);
			expect((await postData(sb, 'customer', customer('u-03'))).status).toBe(200);
			expect((await postData(sb, 'event', ev(3))).status).toBe(200);
		});

		it('has a quota per Data API endpoint: devices, lookups, merge pairs and deletes', async () => {
			sb.setRateLimits({ enabled: true, deviceDevicesPerWindow: 1, exportUsersPerWindow: 2, mergePairsPerWindow: 1, deleteRequestsPerWindow: 1, dataWindowMs: 400 });
			const device = { type: 'device', customer_id: 'u-01', device_id: 'd-1', attributes: {} };
			expect((await postData(sb, 'device', device)).status).toBe(200);
			expect((await postData(sb, 'device', device)).status).toBe(429);
			const post = (path: string, body: object) =>
				send(sb.url, `${path}?app_id=${sb.workspaceId}`, { headers: dataHeaders(sb), body });
			const merge = await post('/v1/customer/merge', { merge_data: [{ merged_user: 'u-01', retained_user: 'u-02' }] });
			expect(merge.status).toBe(200);
			expect(merge.headers['x-ratelimit-limit']).toBe('1');
			expect((await post('/v1/customer/merge', { merge_data: [{ merged_user: 'u-03', retained_user: 'u-04' }] })).status).toBe(429);
			const lookup = (ids: string[]) => post('/v1/customers/export', { data: { identifiers: ids.map((identifier) => ({ identifier_type: 'customer_id', identifier })) } });
			expect((await lookup(['u-02', 'u-04', 'u-05'])).status).toBe(429);
			expect((await lookup(['u-02', 'u-04'])).status).toBe(200);
			expect((await post('/v1/customer/delete', { identity_type: 'customer_id', identity_value: 'u-02' })).status).toBe(200);
			expect((await post('/v1/customer/delete', { identity_type: 'customer_id', identity_value: 'u-04' })).status).toBe(429);
		});

		it('says when a window resets to the precision asked (a time-scaled sandbox)', async () => {
			sb.setRateLimits({ enabled: true, customerUsersPerWindow: 5, dataWindowMs: 600, resetPrecisionMs: 100 });
			const first = await postData(sb, 'customer', customer('u-01'));
			expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThan(0.4);
			expect(Number(first.headers['x-ratelimit-reset'])).toBeLessThanOrEqual(0.6);
			expect(String(first.headers['x-ratelimit-reset'])).toMatch(/^0\.\d$/);
		});

		it('limits Business Event triggers per hour/day and searches per window', async () => {
			sb.setRateLimits({ enabled: true, beTriggerPerHour: 2, beTriggerHourWindowMs: 300, beTriggerPerDay: 3, beTriggerDayWindowMs: 1200, beSearchPerWindow: 1, beSearchWindowMs: 300 });
			const trigger = () => postBe(sb, '/trigger', { event_name: 'NewMovies', event_attributes: { rating: 'R' } });
			expect((await trigger()).status).toBe(200);
			const second = await trigger();
			expect(second.status).toBe(200);
			expect(second.headers['x-ratelimit-remaining']).toBe('0');
			const limited = await trigger();
			expect(limited.status).toBe(429);
			expect(limited.json).toEqual({
				status: 'error',
				data: { code: 429, title: 'rate limiter exception', description: 'Exceeded rate limit for this app' },
			});
			expect(limited.headers['retry-after']).toBeDefined();
			await sleep(350);
			expect((await trigger()).status).toBe(200); // 3rd of the day
			await sleep(350);
			expect((await trigger()).status).toBe(429); // the day window is exhausted
			expect((await postBe(sb, '/search', { event_names: ['NewMovies'] })).status).toBe(200);
			expect((await postBe(sb, '/search', { event_names: ['NewMovies'] })).status).toBe(429);
			sb.resetRateLimits();
			expect((await postBe(sb, '/search', { event_names: ['NewMovies'] })).status).toBe(200);
			expect((await trigger()).status).toBe(200);
		});

		it('uses the documented quotas by default', async () => {
			const s = await start();
			expect(s.rateLimits).toEqual({
				customerUsersPerWindow: 10000, eventEventsPerWindow: 30000, deviceDevicesPerWindow: 10000, bulkUsersPerWindow: 60000,
				bulkEventsPerWindow: 60000, exportUsersPerWindow: 1000, mergePairsPerWindow: 1000, deleteRequestsPerWindow: 5000,
				dataWindowMs: 60000, resetPrecisionMs: 1000, beTriggerPerHour: 50, beTriggerPerDay: 200,
				beTriggerHourWindowMs: 3600000, beTriggerDayWindowMs: 86400000, beSearchPerWindow: 100, beSearchWindowMs: 60000,
				cohortRequestsPerWindow: 300, cohortWindowMs: 60000, beTriggerPer5Min: 10, beTrigger5MinWindowMs: 300000,
				beFlowTriggerPerHour: 3, beFlowTriggerPerDay: 10, beV5ListPerMinute: 60, beV5ListPerHour: 1000,
				beV5SearchPerMinute: 30, beV5SearchPerHour: 500, beV5MinuteWindowMs: 60000, beV5HourWindowMs: 3600000, enabled: true,
			});
		});
	});

	describe('faults', () => {
		it('answers status faults with default bodies, FIFO, filtered by path prefix', async () => {
			sb.injectFaults(
				{ kind: 'status', status: 503, pathPrefix: '/v1.0/' },
				{ kind: 'status', status: 500 },
				{ kind: 'status', status: 429 },
				{ kind: 'status', status: 502, body: 'bad gateway', headers: { 'X-Extra': 'yes' } },
			);
			const first = await postData(sb, 'customer', customer()); // the 503 is for /v1.0 only
			expect(first.status).toBe(500);
			expect(first.json).toEqual({
				title: 'Internal Server Error',
				message: 'An unexpected error was encountered while processing this request. Please contact MoEngage Team',
			});
			const second = await postData(sb, 'customer', customer());
			expect(second.status).toBe(429);
			expect(second.json.error.type).toBe('Rate Limit Exceeded');
			expect(second.headers['retry-after']).toBe('1');
			const third = await postData(sb, 'customer', customer());
			expect(third.status).toBe(502);
			expect(third.text).toBe('bad gateway');
			expect(third.headers['x-extra']).toBe('yes');
			const be = await postBe(sb, '/search', {});
			expect(be.status).toBe(503);
			expect(be.json.title).toBe('Service Unavailable');
			expect((await postData(sb, 'customer', customer())).status).toBe(200);
			expect(sb.requests.map((r) => r.fault)).toEqual(['status', 'status', 'status', 'status', undefined]);
			expect(sb.accepted()).toHaveLength(1);
			sb.injectFaults({ kind: 'status', status: 429, pathPrefix: '/v1.0/', retryAfter: null });
			const beLimited = await postBe(sb, '/search', {});
			expect(beLimited.json.status).toBe('error');
			expect(beLimited.headers['retry-after']).toBeUndefined();
		});

		it('resets the connection without processing', async () => {
			sb.injectFaults({ kind: 'reset' });
			await expect(postData(sb, 'customer', customer('reset-1'))).rejects.toThrow();
			expect(sb.requests[0]).toMatchObject({ status: 0, fault: 'reset', acceptedCount: 0 });
			expect(sb.requests[0].body).toBeUndefined();
			expect(sb.requests[0].rawBody).toContain('reset-1');
			expect(sb.accepted()).toEqual([]);
		});

		it('resets after processing: accepted, but the answer is lost', async () => {
			sb.injectFaults({ kind: 'reset', afterProcessing: true });
			await expect(postData(sb, 'customer', customer('lost-1'))).rejects.toThrow();
			expect(sb.requests[0]).toMatchObject({ status: 0, fault: 'reset', intendedStatus: 200, acceptedCount: 1 });
			expect(sb.accepted()).toEqual([expect.objectContaining({ kind: 'customer', customer_id: 'lost-1', requestIndex: 0 })]);
		});

		it('delays the answer, still counting the request', async () => {
			sb.setRateLimits({ enabled: true, dataUsersPerWindow: 1, dataWindowMs: 5000 });
			sb.injectFaults({ kind: 'delay', ms: 250 });
			const t0 = Date.now();
			const r = await postData(sb, 'customer', customer());
			expect(r.status).toBe(200);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
			expect(sb.requests[0]).toMatchObject({ fault: 'delay', status: 200 });
			expect((await postData(sb, 'customer', customer())).status).toBe(429);
		});

		it('hangs until the client gives up or the sandbox closes', async () => {
			sb.injectFaults({ kind: 'hang' });
			await expect(send(sb.url, `/v1/customer/${sb.workspaceId}`, { headers: dataHeaders(sb), body: customer(), timeoutMs: 200 })).rejects.toThrow(
				'client timeout',
			);
			expect(sb.requests[0]).toMatchObject({ status: 0, fault: 'hang' });

			const s = await start();
			s.injectFaults({ kind: 'hang' });
			const pending = send(s.url, '/v1.0/business_event/search', { headers: beHeaders(s), body: {} });
			await sleep(100);
			await s.close();
			await expect(pending).rejects.toThrow();
		});

		it('rejects malformed faults', () => {
			expect(() => sb.injectFaults({ kind: 'boom' } as never)).toThrow(TypeError);
			expect(() => sb.injectFaults({ kind: 'status' } as never)).toThrow(TypeError);
		});
	});

	describe('recording', () => {
		it('records method, path, query, headers, bodies, status and family', async () => {
			const body = customer('rec-1');
			await postData(sb, 'customer', body);
			await send(sb.url, '/v1/customer/merge?app_id=SANDBOXWORKSPACE&x=1', { headers: dataHeaders(sb), body: { merge_data: [] } });
			await postBe(sb, '/search', { event_names: ['NewMovies'] });
			await send(sb.url, '/elsewhere', { method: 'GET' });
			const [a, b, c, d] = sb.requests;
			expect(a).toMatchObject({
				method: 'POST',
				path: `/v1/customer/${sb.workspaceId}`,
				query: {},
				rawBody: JSON.stringify(body),
				body,
				bytes: Buffer.byteLength(JSON.stringify(body)),
				status: 200,
				family: 'data',
				route: 'customer',
			});
			expect(a.headers.authorization).toBe(basic(sb.workspaceId, sb.dataApiKey));
			expect(a.headers['moe-appkey']).toBe(sb.workspaceId);
			expect(Math.abs(a.receivedAt - Date.now())).toBeLessThan(5000);
			expect(b).toMatchObject({ path: '/v1/customer/merge', query: { app_id: 'SANDBOXWORKSPACE', x: '1' }, status: 400, route: 'merge' });
			expect(c).toMatchObject({ family: 'businessEvents', status: 200, route: 'businessEventSearch' });
			expect(d).toMatchObject({ family: 'unknown', status: 404, method: 'GET' });
			sb.clearRequests();
			expect(sb.requests).toHaveLength(0);
			expect(sb.accepted()).toHaveLength(0);
		});

		it('can skip keeping bodies (for benchmarks)', async () => {
			const s = await start({ recordBodies: false });
			await send(s.url, `/v1/customer/${s.workspaceId}`, { headers: dataHeaders(s), body: customer() });
			expect(s.requests[0]).toMatchObject({ rawBody: '', body: undefined, status: 200 });
			expect(s.requests[0].bytes).toBeGreaterThan(0);
			expect(s.accepted()).toHaveLength(1);
		});
	});

	describe('Streams helpers', () => {
		it('has the documented event table', () => {
			expect(STREAMS_EVENT_CODES).toHaveLength(33);
			expect(sb.STREAMS_EVENT_CODES).toBe(STREAMS_EVENT_CODES);
			expect(STREAMS_EVENT_CODES).toContainEqual({ code: 'n_i_s', name: 'Notification Sent iOS', channel: 'Push' });
			expect(STREAMS_EVENT_CODES).toContainEqual({ code: 'MOE_EMAIL_DROP', name: 'Email Dropped', channel: 'Email' });
			expect(new Set(STREAMS_EVENT_CODES.map((e) => e.code)).size).toBe(33);
		});

		it('builds realistic batches covering every code', () => {
			const batch = sb.makeStreamsBatch();
			expect(batch).toMatchObject({ app_name: expect.any(String), source: 'MOENGAGE', moe_request_id: expect.any(String) });
			expect(new Set(batch.events.map((e) => e.event_code))).toEqual(new Set(STREAMS_EVENT_CODES.map((e) => e.code)));
			expect(new Set(batch.events.map((e) => e.event_uuid)).size).toBe(batch.events.length);
			const nowSec = Date.now() / 1000;
			for (const e of batch.events) {
				expect(Number.isInteger(e.event_time) && e.event_time <= nowSec && e.event_time > nowSec - 3600).toBe(true);
				const channel = STREAMS_EVENT_CODES.find((c) => c.code === e.event_code)!.channel;
				expect(e.event_type).toBe('CAMPAIGN_EVENT');
				expect(Boolean(e.push_id)).toBe(channel === 'Push');
				expect(Boolean(e.email_id)).toBe(channel === 'Email');
				expect(Boolean(e.mobile_number)).toBe(channel === 'SMS');
				expect(e.event_attributes).toMatchObject({ campaign_id: expect.any(String), campaign_name: expect.any(String) });
			}
			const custom = sb.makeStreamsBatch({ events: 5, codes: ['SMS_SENT', 'Added To Cart'], appName: 'Shop' });
			expect(custom.app_name).toBe('Shop');
			expect(custom.events.map((e) => e.event_type)).toEqual(['CAMPAIGN_EVENT', 'USER_ACTION_EVENT', 'CAMPAIGN_EVENT', 'USER_ACTION_EVENT', 'CAMPAIGN_EVENT']);
		});

		it('returns the documented sample verbatim and POSTs batches', async () => {
			const sample = sb.sampleStreamsBatch();
			expect(sample.events.map((e) => e.event_code)).toEqual(['NOTIFICATION_RECEIVED_MOE', 'MOE_EMAIL_SENT', 'SMS_DELIVERED']);
			expect(sample.events[0].push_id).toBe('recipient device’s push token');
			expect(sample.events[1].event_attributes.campaign_type).toBe('General');

			const got: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
			const receiver = http.createServer((req, res) => {
				let body = '';
				req.on('data', (c) => (body += c));
				req.on('end', () => {
					got.push({ headers: req.headers, body });
					res.writeHead(202, { 'content-type': 'text/plain' }).end('thanks');
				});
			});
			await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
			const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
			try {
				const r = await sb.postStreamsBatch(url, sample, { headers: { Authorization: basic('moe', 'secret'), 'X-Token': 't1' } });
				expect(r).toMatchObject({ status: 202, body: 'thanks' });
				expect(got[0].headers['content-type']).toBe('application/json');
				expect(got[0].headers['x-token']).toBe('t1');
				expect(JSON.parse(got[0].body)).toEqual(sample);
				const raw = await sb.postStreamsBatch(url, 'not json', { contentType: 'text/plain' });
				expect(raw.status).toBe(202);
				expect(got[1]).toMatchObject({ body: 'not json', headers: expect.objectContaining({ 'content-type': 'text/plain' }) });
			} finally {
				await new Promise((r) => receiver.close(r));
			}
		});
	});
});

describe('MoEngage sandbox: Test Connection (read-only Data key check)', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(async () => sb.close());

	const path = '/v1/integrations/authentication';
	const body = () => ({ app_id: sb.workspaceId, app_secret: sb.dataApiKey, source: 'n8n', region: '01' });
	const headers = (extra: Record<string, string | undefined> = {}) => ({
		'content-type': 'application/json',
		authorization: basic(sb.workspaceId, sb.dataApiKey),
		'moe-appkey': sb.workspaceId,
		...extra,
	});

	test('answers the workspace name for the right key, and records no user or event', async () => {
		const reply = await send(sb.url, path, { headers: headers(), body: body() });
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ status: 'success', app_name: expect.stringContaining(sb.workspaceId) });
		expect(sb.users.size).toBe(0);
	});

	test('requires MOE-APPKEY, every body field, and the right key', async () => {
		expect((await send(sb.url, path, { headers: headers({ 'moe-appkey': undefined }), body: body() })).json.error.message).toBe(
			'MOE-APPKEY is missing in Header',
		);
		expect((await send(sb.url, path, { headers: headers(), body: { ...body(), region: '' } })).status).toBe(400);
		const wrongSecret = await send(sb.url, path, { headers: headers(), body: { ...body(), app_secret: 'nope' } });
		expect(wrongSecret.status).toBe(401);
		const wrongKey = await send(sb.url, path, { headers: headers({ authorization: basic(sb.workspaceId, 'nope') }), body: body() });
		expect(wrongKey.status).toBe(401);
	});
});

describe('MoEngage sandbox: cohort sync (reference §5)', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ rateLimits: { cohortRequestsPerWindow: 3, cohortWindowMs: 60_000 } });
		sb.addUsers(['u-1001', 'u-1002']);
	});
	afterAll(async () => sb.close());
	beforeEach(() => {
		sb.resetRateLimits();
		sb.clearCohorts();
	});

	const path = '/v1/integrations/cohortsync';
	const headers = (extra: Record<string, string | undefined> = {}) => ({
		'content-type': 'application/json',
		authorization: basic(sb.workspaceId, sb.dataApiKey),
		'moe-appkey': sb.workspaceId,
		...extra,
	});
	const body = (action = 'add_members', parameters: Record<string, unknown> = {}) => ({
		action,
		partner: 'n8n',
		parameters: { cohort_name: 'VIP_Buyers', cohort_id: 'vip-2026', members: [{ uid: 'u-1001' }, { uid: 'u-1002' }, { uid: 'ghost' }], ...parameters },
	});

	test('adds and removes known members, ignores unknown ones with a 200 and records them', async () => {
		const added = await send(sb.url, path, { headers: headers(), body: body() });
		expect(added.status).toBe(200);
		expect(added.json).toMatchObject({ status: 'success', message: 'Your request has been accepted and will be processed soon.' });
		expect([...sb.cohorts.get('vip-2026')!.members]).toEqual(['u-1001', 'u-1002']);
		expect(sb.requests.at(-1)!.ignoredMembers).toEqual(['ghost']);
		expect(sb.cohorts.get('vip-2026')!.ignored).toEqual(['ghost']);
		const removed = await send(sb.url, path, { headers: headers(), body: body('remove_members', { members: [{ uid: 'u-1002' }] }) });
		expect(removed.status).toBe(200);
		expect([...sb.cohorts.get('vip-2026')!.members]).toEqual(['u-1001']);
	});

	test('requires MOE-APPKEY and the Data key', async () => {
		expect((await send(sb.url, path, { headers: headers({ 'moe-appkey': undefined }), body: body() })).status).toBe(401);
		expect((await send(sb.url, path, { headers: headers({ authorization: basic(sb.workspaceId, 'nope') }), body: body() })).status).toBe(401);
	});

	test('refuses missing fields, bad actions, bad names and bad members with 400', async () => {
		const noAction: Record<string, unknown> = body();
		delete noAction.action;
		const missing = await send(sb.url, path, { headers: headers(), body: noAction });
		expect(missing.status).toBe(400);
		expect(missing.json.error).toMatchObject({ type: 'MissingAttributeError', message: 'action is not found in the payload' });
		expect((await send(sb.url, path, { headers: headers(), body: body('add') })).status).toBe(400);
		for (const name of ['a|b', 'a*b', 'a?b', 'a\\b', 'a:b', 'a<b', 'a>b', 'a=b', 'a$b', 'a"b', '.lead']) {
			expect((await send(sb.url, path, { headers: headers(), body: body('add_members', { cohort_name: name }) })).status).toBe(400);
		}
		expect((await send(sb.url, path, { headers: headers(), body: body('add_members', { members: ['u-1001'] }) })).status).toBe(400);
		expect((await send(sb.url, path, { headers: headers(), body: body('add_members', { cohort_id: undefined }) })).status).toBe(400);
		expect(sb.cohorts.size).toBe(0);
	});

	test('answers 413 over 128 KB and 429 past the requests a window allows', async () => {
		const big = body('add_members', { members: Array.from({ length: 6000 }, (_, i) => ({ uid: `user-${i}-padding-pad` })) });
		const tooBig = await send(sb.url, path, { headers: headers(), body: big });
		expect(tooBig.status).toBe(413);
		expect(tooBig.json.error.message).toBe('Payload can not exceed 128KB');
		for (let i = 0; i < 3; i++) expect((await send(sb.url, path, { headers: headers(), body: body() })).status).toBe(200);
		const limited = await send(sb.url, path, { headers: headers(), body: body() });
		expect(limited.status).toBe(429);
		expect(limited.json.error.message).toBe('Rate limits for customers exceeded. Please Try After Some Time');
		expect(limited.headers['retry-after']).toBeDefined();
	});
});
