import { STREAMS_EVENT_CODES, makeStreamsBatch, sampleStreamsBatch } from '../../sandbox';
import { resetDuplicateMemory } from '../../nodes/MoEngageStreamsTrigger/webhook/deduplicate';
import { callWebhook } from './webhookHarness';

beforeEach(() => resetDuplicateMemory());

describe('MoEngage Streams Trigger: delivery of good batches', () => {
	it('turns the documented sample batch into one enriched item per event, with its batch context', async () => {
		const sample = sampleStreamsBatch();
		const run = await callWebhook({}, { body: sample });

		expect(run.answer.status).toBeUndefined(); // n8n answers 200 itself (onReceived)
		expect(run.started).toBe(true);
		expect(run.rejected).toEqual([]);
		expect(run.events.map((item) => item.json.event_code)).toEqual([
			'NOTIFICATION_RECEIVED_MOE',
			'MOE_EMAIL_SENT',
			'SMS_DELIVERED',
		]);
		const [push, email, sms] = run.events.map((item) => item.json);
		// The original fields are untouched...
		expect(push).toMatchObject(sample.events[0]);
		expect(email).toMatchObject(sample.events[1]);
		expect(sms).toMatchObject(sample.events[2]);
		// ...and the item adds what users otherwise compute by hand.
		expect(push).toMatchObject({
			event_display_name: 'Notification Received Android',
			channel: 'Push',
			event_time_iso: '2020-02-06T05:37:54.000Z',
			app_name: 'App Name',
			moe_request_id: 'moengage unique request id for each request',
			source: 'MOENGAGE',
		});
		expect(email).toMatchObject({ event_display_name: 'Email Sent', channel: 'Email' });
		expect(sms).toMatchObject({ event_display_name: 'SMS Delivered', channel: 'SMS' });
		expect(email.event_time).toBe(1580967474);
	});

	it('enriches a 100-event batch covering every documented event code', async () => {
		const batch = makeStreamsBatch({ events: 100 });
		const run = await callWebhook({}, { body: batch });

		expect(run.events).toHaveLength(100);
		expect(run.rejected).toEqual([]);
		const seenCodes = new Set(run.events.map((item) => item.json.event_code));
		expect(seenCodes).toEqual(new Set(STREAMS_EVENT_CODES.map((row) => row.code)));
		for (const [index, item] of run.events.entries()) {
			const row = STREAMS_EVENT_CODES.find((entry) => entry.code === item.json.event_code)!;
			expect(item.json.event_display_name).toBe(row.name);
			expect(item.json.channel).toBe(row.channel === '-' ? null : row.channel);
			const sent = batch.events[index];
			expect(item.json.event_uuid).toBe(sent.event_uuid);
			expect(item.json.event_time_iso).toBe(new Date(sent.event_time * 1000).toISOString());
			expect(item.json.app_name).toBe(batch.app_name);
			expect(item.json.moe_request_id).toBe(batch.moe_request_id);
		}
	});

	it('gives user actions (codes outside the table) their own event_name and no channel', async () => {
		const batch = makeStreamsBatch({ codes: ['Added to Cart'], events: 2 });
		const run = await callWebhook({}, { body: batch });
		expect(run.events.map((item) => item.json)).toEqual([
			expect.objectContaining({ event_type: 'USER_ACTION_EVENT', event_display_name: 'Added to Cart', channel: null }),
			expect.objectContaining({ event_type: 'USER_ACTION_EVENT', event_display_name: 'Added to Cart', channel: null }),
		]);
	});

	it('accepts event_time as a numeric string and keeps it as sent', async () => {
		const batch = sampleStreamsBatch();
		batch.events[0].event_time = '1580967474' as unknown as number;
		const run = await callWebhook({}, { body: batch });
		expect(run.events[0].json).toMatchObject({ event_time: '1580967474', event_time_iso: '2020-02-06T05:37:54.000Z' });
	});

	it('never overwrites a field the event already has', async () => {
		const batch = sampleStreamsBatch();
		Object.assign(batch.events[0], { channel: 'mine', app_name: 'per-event app' });
		const run = await callWebhook({}, { body: batch });
		expect(run.events[0].json).toMatchObject({ channel: 'mine', app_name: 'per-event app' });
		expect(run.events[1].json).toMatchObject({ channel: 'Email', app_name: 'App Name' });
	});

	it('emits one item per batch when asked, with the filtered, enriched events', async () => {
		const batch = makeStreamsBatch({ events: 40 });
		const run = await callWebhook({ outputMode: 'perBatch', eventTypes: ['CAMPAIGN_EVENT'], channels: ['SMS'] }, { body: batch });

		expect(run.events).toHaveLength(1);
		const item = run.events[0].json;
		const expected = batch.events.filter((event) => event.event_code.startsWith('SMS_'));
		expect(item).toMatchObject({
			app_name: batch.app_name,
			source: 'MOENGAGE',
			moe_request_id: batch.moe_request_id,
			event_count: expected.length,
		});
		const events = item.events as Array<Record<string, unknown>>;
		expect(events.map((event) => event.event_uuid)).toEqual(expected.map((event) => event.event_uuid));
		expect(events[0]).toMatchObject({ channel: 'SMS', event_display_name: 'SMS Sent' });
		expect(events[0]).not.toHaveProperty('moe_request_id'); // the batch carries it once
	});

	it('accepts the body when n8n has already read it, and a JSON content type with a charset', async () => {
		const run = await callWebhook(
			{},
			{ body: sampleStreamsBatch(), bodyDelivery: 'present', contentType: 'application/json; charset=utf-8' },
		);
		expect(run.events).toHaveLength(3);
	});

	it('answers 200 and starts nothing for a batch with no events', async () => {
		const run = await callWebhook({}, { body: { app_name: 'App', source: 'MOENGAGE', moe_request_id: 'r1', events: [] } });
		expect(run.result).toEqual({});
		expect(run.started).toBe(false);
		expect(run.answer.status).toBeUndefined();
	});

	it('strips a UTF-8 byte order mark', async () => {
		const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(sampleStreamsBatch()))]);
		const run = await callWebhook({}, { body });
		expect(run.events).toHaveLength(3);
	});
});
