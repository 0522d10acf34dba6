import { makeStreamsBatch, sampleStreamsBatch } from '../../sandbox';
import { resetDuplicateMemory } from '../../nodes/MoEngageStreamsTrigger/webhook/deduplicate';
import { callWebhook, type FakeRequest, type WebhookRun } from './webhookHarness';

beforeEach(() => resetDuplicateMemory());

function expect400(run: WebhookRun, message: RegExp) {
	expect(run.answer.status).toBe(400);
	expect(run.answer.body).toEqual({ code: 400, message: expect.stringMatching(message) });
	expect(run.result).toEqual({ noWebhookResponse: true });
	expect(run.started).toBe(false);
}

function nested(depth: number): string {
	return `{"events":[],"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

describe('MoEngage Streams Trigger: bad bodies get a clear 400 and start nothing', () => {
	const cases: Array<[string, FakeRequest, Record<string, unknown>, RegExp]> = [
		['not JSON', { body: '{"events": [' }, {}, /not valid JSON/],
		['not JSON, already read by n8n', { body: 'hello', bodyDelivery: 'present' }, {}, /not valid JSON/],
		['a text content type', { body: sampleStreamsBatch(), contentType: 'text/plain' }, {}, /Content-Type must be application\/json \(got text\/plain\)/],
		['a form content type', { body: 'a=1', contentType: 'application/x-www-form-urlencoded' }, {}, /Content-Type must be application\/json/],
		['no content type', { body: sampleStreamsBatch(), contentType: null }, {}, /got none/],
		['an empty body', { body: '' }, {}, /body is empty/],
		['no body at all', {}, {}, /body is empty/],
		['a blank body', { body: '  \n ' }, {}, /body is empty/],
		['a JSON array', { body: [sampleStreamsBatch()] }, {}, /must be a JSON object/],
		['a JSON string', { body: '"events"' }, {}, /must be a JSON object/],
		['no events array', { body: { app_name: 'App', source: 'MOENGAGE', moe_request_id: 'r' } }, {}, /no "events" array/],
		['events not an array', { body: { app_name: 'App', events: { 0: {} } } }, {}, /"events" must be an array/],
		['events null', { body: { events: null } }, {}, /"events" must be an array/],
		['a body over the bound (Content-Length)', { body: makeStreamsBatch({ events: 10 }) }, { settings: { maxBodySizeKb: 1 } }, /larger than this node accepts \(1 KB/],
		['nesting deeper than 64 levels', { body: nested(70) }, {}, /nested more than 64 levels/],
		['nesting far deeper', { body: nested(200_000) }, {}, /nested more than 64 levels|not valid JSON/],
	];

	it.each(cases)('%s', async (_name, request, parameters, message) => {
		expect400(await callWebhook(parameters, request), message);
	});

	it('checks the size on the bytes too (chunked or compressed bodies have no Content-Length)', async () => {
		const run = await callWebhook(
			{ settings: { maxBodySizeKb: 1 } },
			{ body: makeStreamsBatch({ events: 10 }), headers: { 'Content-Length': '' } },
		);
		expect400(run, /larger than this node accepts/);
	});

	it('refuses a body that n8n itself could not read, naming n8n’s limit when it is the size', async () => {
		const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
		expect400(await callWebhook({}, { body: sampleStreamsBatch(), readError: tooLarge }), /N8N_PAYLOAD_SIZE_MAX/);
		const aborted = new Error('Request body stream was aborted');
		expect400(await callWebhook({}, { body: sampleStreamsBatch(), readError: aborted }), /could not be read \(Request body stream was aborted\)/);
	});

	it('accepts nesting up to 64 levels', async () => {
		const body = `{"events":[{"event_code":"X","event_uuid":"u","event_time":1,"event_type":"USER_ACTION_EVENT","event_attributes":{"a":${'['.repeat(59)}${']'.repeat(59)}}}]}`;
		const run = await callWebhook({}, { body });
		expect(run.events).toHaveLength(1);
	});

	it('accepts a vendor JSON type such as application/vnd.moengage+json', async () => {
		const run = await callWebhook({}, { body: sampleStreamsBatch(), contentType: 'application/vnd.moengage+json' });
		expect(run.events).toHaveLength(3);
	});
});

describe('MoEngage Streams Trigger: events that break the schema', () => {
	it('emits the good events, and each bad one on Rejected with the reason, without refusing the batch', async () => {
		const batch = makeStreamsBatch({ events: 6 }) as unknown as { events: Array<Record<string, unknown>> } & Record<string, unknown>;
		const good = batch.events.map((event) => event.event_uuid);
		batch.events.splice(1, 0, { ...batch.events[0], event_uuid: undefined });
		batch.events.splice(3, 0, 'not an event' as unknown as Record<string, unknown>);
		batch.events.push({ ...batch.events[0], event_time: 1580967474000 });
		batch.events.push({ ...batch.events[0], event_attributes: ['x'] });
		batch.events.push(null as unknown as Record<string, unknown>);

		const run = await callWebhook({}, { body: batch });

		expect(run.answer.status).toBeUndefined(); // 200 from n8n: MoEngage does not resend the good ones
		expect(run.events.map((item) => item.json.event_uuid)).toEqual(good);
		expect(run.rejected.map((item) => item.json)).toEqual([
			expect.objectContaining({ index: 1, reason: expect.stringMatching(/event_uuid .*missing/), app_name: batch.app_name, moe_request_id: batch.moe_request_id }),
			expect.objectContaining({ index: 3, reason: expect.stringMatching(/must be a JSON object \(got "not an event"\)/), event: 'not an event' }),
			expect.objectContaining({ index: 8, reason: expect.stringMatching(/event_time must be epoch seconds/) }),
			expect.objectContaining({ index: 9, reason: expect.stringMatching(/event_attributes must be a JSON object \(got an array\)/) }),
			expect.objectContaining({ index: 10, reason: expect.stringMatching(/got null/), event: null }),
		]);
		expect(run.rejected[2].json.event).toMatchObject({ event_time: 1580967474000 });
	});

	it('starts the workflow for Rejected alone when no event is good, whatever the filters', async () => {
		const run = await callWebhook(
			{ channels: ['Push'], outputMode: 'perBatch' },
			{ body: { app_name: 'App', moe_request_id: 'r', events: [{ event_code: 'X' }] } },
		);
		expect(run.started).toBe(true);
		expect(run.events).toEqual([]);
		expect(run.rejected).toHaveLength(1);
		expect(run.rejected[0].json).toMatchObject({ index: 0, app_name: 'App', moe_request_id: 'r', source: null });
	});
});

describe('MoEngage Streams Trigger: prototype-polluting keys are harmless', () => {
	afterEach(() => {
		// Clean up in case a regression did pollute, so other tests are not affected.
		delete (Object.prototype as Record<string, unknown>).polluted;
	});

	it('drops __proto__ and constructor keys at any depth and leaves Object.prototype alone', async () => {
		const event = JSON.stringify(sampleStreamsBatch().events[0]).slice(0, -1);
		const body =
			`{"__proto__":{"polluted":"batch"},"constructor":{"prototype":{"polluted":"ctor"}},"app_name":"App","events":[` +
			`${event},"__proto__":{"polluted":"event"},"user_attributes":{"__proto__":{"polluted":"deep"},"constructor":{"prototype":{"polluted":"deep"}},"plan":"pro"}}]}`;
		const run = await callWebhook({}, { body });

		expect(run.events).toHaveLength(1);
		const item = run.events[0].json;
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
		expect(Object.keys(item)).not.toContain('__proto__');
		expect(item.user_attributes).toEqual({ plan: 'pro' });
		expect((item as Record<string, unknown>).polluted).toBeUndefined();
		// Copying the item key by key (as n8n and lodash do) does not pollute either.
		const copy: Record<string, unknown> = {};
		for (const key of Object.keys(item)) copy[key] = item[key];
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
	});

	it('keeps a constructor attribute with a plain value: it is the customer\'s data', async () => {
		const [event] = sampleStreamsBatch().events;
		const body = JSON.stringify({ events: [{ ...event, user_attributes: { constructor: 'ACME Build', plan: 'pro' } }] });
		const run = await callWebhook({}, { body });
		expect(run.events[0].json.user_attributes).toEqual({ constructor: 'ACME Build', plan: 'pro' });
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('handles escaped spellings of the same keys', async () => {
		const body = '{"events":[],"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":"escaped"}}';
		const run = await callWebhook({}, { body });
		expect(run.result).toEqual({});
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
