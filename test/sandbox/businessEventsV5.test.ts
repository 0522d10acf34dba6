/* eslint-disable @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test tooling, never shipped */
import { DEFAULT_RATE_LIMITS, startSandbox, type Sandbox } from '../../sandbox';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.close());
beforeEach(() => {
	sb.clearRequests();
	sb.clearFaults();
	sb.setRateLimits(DEFAULT_RATE_LIMITS);
	sb.v5QuotaUnit = 'trigger';
	sb.v5QuotaAnswer = 'skip';
});

function auth(key = sb.businessEventsApiKey): string {
	return `Basic ${Buffer.from(`${sb.workspaceId}:${key}`).toString('base64')}`;
}

async function call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
	const res = await fetch(`${sb.url}${path}`, {
		method,
		headers: { authorization: auth(), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, headers: res.headers, json: (await res.json()) as any };
}

const trigger = (body: object) => call('POST', '/v5/business-events/triggers', body);

function addEvents(count: number, prefix: string): void {
	for (let i = 1; i <= count; i++) sb.addBusinessEvent({ event_name: `${prefix}${String(i).padStart(2, '0')}`, event_attributes: { n: 'number' } });
}

describe('V5 list and search', () => {
	test('the list pages 20 at a time with an opaque cursor, in the V5 shape', async () => {
		addEvents(42, 'ListPage');
		const total = sb.businessEvents.size;
		const names: string[] = [];
		let cursor: string | undefined;
		let pages = 0;
		do {
			const r = await call('GET', `/v5/business-events${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({ type: 'business-events', response_id: expect.stringMatching(/^resp_[0-9a-f]{32}$/) });
			expect(r.json.data.length).toBeLessThanOrEqual(20);
			names.push(...r.json.data.map((e: any) => e.name));
			cursor = r.json.pagination.has_more ? r.json.pagination.next_cursor : undefined;
			if (!r.json.pagination.has_more) expect(r.json.pagination.next_cursor).toBeUndefined();
			pages++;
		} while (cursor);
		expect(names).toEqual([...sb.businessEvents.keys()]);
		expect(pages).toBe(Math.ceil(total / 20));
		const price = (await call('GET', '/v5/business-events?name=PriceDrop')).json.data[0];
		expect(price.attributes).toEqual([
			{ name: 'product_id', data_type: 'string' },
			{ name: 'old_price', data_type: 'number' },
			{ name: 'new_price', data_type: 'number' },
			{ name: 'stock', data_type: 'number' },
			{ name: 'valid_until', data_type: 'datetime' },
			{ name: 'tags', data_type: 'string' },
		]);
		expect(Object.keys(price).sort()).toEqual(
			['id', 'name', 'attributes', 'campaign_count', 'trigger_count', 'created_by', 'last_triggered_at', 'created_at'].sort(),
		);
	});

	test('name and id are exclusive; limit is at most 20; a bad cursor is refused', async () => {
		const both = await call('GET', '/v5/business-events?name=PriceDrop&id=647597767459c85d7d6d6dfd');
		expect(both.status).toBe(400);
		expect(both.json.error).toMatchObject({ code: 'INVALID_REQUEST', details: [{ code: 'INVALID_PARAMETER_COMBINATION', target: 'id' }] });
		expect((await call('GET', '/v5/business-events?limit=21')).status).toBe(400);
		expect((await call('GET', '/v5/business-events?cursor=nonsense')).status).toBe(400);
		expect((await call('GET', '/v5/business-events?id=647597767459c85d7d6d6dfd')).json.data.map((e: any) => e.name)).toEqual(['NewMovies']);
	});

	test('search by names or by IDs (not both); no body lists everything', async () => {
		const byNames = await call('POST', '/v5/business-events/search', { filters: { names: ['PriceDrop', 'Nope'] } });
		expect(byNames.json.data.map((e: any) => e.name)).toEqual(['PriceDrop']);
		const byIds = await call('POST', '/v5/business-events/search', { filters: { ids: ['647597767459c85d7d6d6dfd'] } });
		expect(byIds.json.data.map((e: any) => e.name)).toEqual(['NewMovies']);
		const both = await call('POST', '/v5/business-events/search', { filters: { names: ['a'], ids: ['b'] } });
		expect(both.status).toBe(400);
		expect(both.json.error.details[0]).toMatchObject({ code: 'INVALID_PARAMETER_COMBINATION', target: 'filters.ids' });
		const res = await fetch(`${sb.url}/v5/business-events/search`, { method: 'POST', headers: { authorization: auth() } });
		expect(res.status).toBe(200);
	});

	test('the Data key is refused; list 60 per minute, search 30 per minute, 429 with Retry-After', async () => {
		const wrong = await call('GET', '/v5/business-events', undefined, { authorization: auth(sb.dataApiKey) });
		expect(wrong.status).toBe(401);
		expect(wrong.json.error.code).toBe('UNAUTHORIZED');
		sb.setRateLimits({ beV5ListPerMinute: 2, beV5SearchPerMinute: 1, beV5MinuteWindowMs: 300 });
		expect((await call('GET', '/v5/business-events')).status).toBe(200);
		expect((await call('GET', '/v5/business-events')).status).toBe(200);
		const limited = await call('GET', '/v5/business-events');
		expect(limited.status).toBe(429);
		expect(limited.json.error.code).toBe('RATE_LIMIT_EXCEEDED');
		expect(limited.headers.get('retry-after')).toBe('1');
		expect((await call('POST', '/v5/business-events/search', {})).status).toBe(200);
		expect((await call('POST', '/v5/business-events/search', {})).status).toBe(429);
		await sleep(350);
		expect((await call('GET', '/v5/business-events')).status).toBe(200);
	});
});

describe('V5 trigger', () => {
	test('checks triggered_by (required, an email), the event, the attributes and their V5 types', async () => {
		expect((await trigger({ event_name: 'PriceDrop' })).json.error).toMatchObject({
			code: 'VALIDATION_FAILED',
			details: [{ field: 'triggered_by', issue: 'MISSING_VALUE' }],
		});
		expect((await trigger({ event_name: 'PriceDrop', triggered_by: 'n8n' })).status).toBe(400);
		const missing = await trigger({ event_name: 'Nope', triggered_by: 'ops@example.com' });
		expect(missing.json.error).toMatchObject({ message: 'Business event does not exists', details: [{ field: 'event_name' }] });
		const unknown = await trigger({ event_name: 'PriceDrop', triggered_by: 'ops@example.com', event_attributes: { colour: 'red' } });
		expect(unknown.json.error.message).toBe('Wrong business event attribute passed in api request');
		const wrongType = await trigger({ event_name: 'PriceDrop', triggered_by: 'ops@example.com', event_attributes: { new_price: '3' } });
		expect(wrongType.json.error.details).toEqual([
			{ field: 'event_attributes.new_price', issue: 'INVALID_TYPE', message: 'Expected number, got string.' },
		]);
		const slash = await trigger({ event_name: 'PriceDrop', triggered_by: 'ops@example.com', event_attributes: { valid_until: '01/02/2024' } });
		expect(slash.status).toBe(400);
		expect(sb.accepted()).toEqual([]);
	});

	test('reports per campaign and flow what was triggered and what the quota skipped', async () => {
		sb.addBusinessEvent({ event_name: 'Mixed', campaign_ids: ['c1', 'c2'], flow_ids: ['f1'] });
		sb.setRateLimits({ beFlowTriggerPerHour: 1 });
		const first = await trigger({ event_name: 'Mixed', triggered_by: 'ops@example.com', moe_request_id: '550e8400-e29b-41d4-a716-446655440000' });
		expect(first.json).toEqual({
			response_id: 'resp_550e8400e29b41d4a716446655440000',
			type: 'business-event',
			data: {
				triggered_status: 'SUCCESS',
				message: 'The business event has been triggered',
				summary: { total: 3, triggered: 3, failed: 0 },
				triggered_campaign_ids: ['c1', 'c2'],
				failed_campaign_ids: [],
				triggered_flow_ids: ['f1'],
				failed_flow_ids: [],
			},
		});
		const second = await trigger({ event_name: 'Mixed', triggered_by: 'ops@example.com' });
		expect(second.json.data).toMatchObject({
			triggered_status: 'PARTIAL_SUCCESS',
			summary: { total: 3, triggered: 2, failed: 1 },
			failed_flow_ids: ['f1'],
		});
		expect(sb.accepted().map((a) => a.flow_ids)).toEqual([['f1'], []]);
	});

	test('campaign triggers: 10 per 5 minutes (scaled), then FAILURE; 429 instead with v5QuotaAnswer', async () => {
		sb.setRateLimits({ beTriggerPer5Min: 2, beTrigger5MinWindowMs: 400 });
		const fire = () => trigger({ event_name: 'NewMovies', triggered_by: 'ops@example.com' });
		expect((await fire()).json.data.triggered_status).toBe('SUCCESS');
		expect((await fire()).json.data.triggered_status).toBe('SUCCESS');
		const third = await fire();
		expect(third.status).toBe(200);
		expect(third.json.data).toMatchObject({ triggered_status: 'FAILURE', summary: { total: 1, triggered: 0, failed: 1 } });
		sb.v5QuotaAnswer = '429';
		const refused = await fire();
		expect(refused.status).toBe(429);
		expect(refused.json.error.code).toBe('RATE_LIMIT_EXCEEDED');
		expect(refused.headers.get('retry-after')).toBe('1');
		await sleep(450);
		expect((await fire()).json.data.triggered_status).toBe('SUCCESS');
		expect(sb.accepted()).toHaveLength(3);
	});

	test('an event without an active campaign or flow: 200 FAILURE with total 0', async () => {
		const r = await trigger({ event_name: 'NoActiveCampaign', triggered_by: 'ops@example.com', event_attributes: { note: 'x' } });
		expect(r.json.data).toMatchObject({ triggered_status: 'FAILURE', summary: { total: 0, triggered: 0, failed: 0 } });
	});

	test('v5QuotaUnit launch: each campaign counts, so one trigger can be partly skipped', async () => {
		sb.v5QuotaUnit = 'launch';
		sb.addBusinessEvent({ event_name: 'ThreeCampaigns', campaign_ids: ['a', 'b', 'c'] });
		sb.setRateLimits({ beTriggerPer5Min: 2 });
		const r = await trigger({ event_name: 'ThreeCampaigns', triggered_by: 'ops@example.com' });
		expect(r.json.data).toMatchObject({ triggered_status: 'PARTIAL_SUCCESS', triggered_campaign_ids: ['a', 'b'], failed_campaign_ids: ['c'] });
	});

	test('a status fault on a V5 path answers in the V5 error shape', async () => {
		sb.injectFaults({ kind: 'status', status: 500, pathPrefix: '/v5/' });
		const r = await trigger({ event_name: 'NewMovies', triggered_by: 'ops@example.com' });
		expect(r.status).toBe(500);
		expect(r.json.error.code).toBe('INTERNAL_ERROR');
	});
});
