import { makeStreamsBatch, sampleStreamsBatch } from '../sandbox';
import { duplicateChecker, resetDuplicateMemory } from '../../nodes/MoEngageStreamsTrigger/webhook/deduplicate';
import { callWebhook } from './webhookHarness';

beforeEach(() => resetDuplicateMemory());

const DEDUPE = { settings: { deduplicate: true } };

describe('MoEngage Streams Trigger: duplicates (MoEngage resends whole batches)', () => {
	it('passes a resent batch on again when de-duplication is off (the default)', async () => {
		const batch = makeStreamsBatch({ events: 20 });
		const first = await callWebhook({}, { body: batch });
		const again = await callWebhook({}, { body: batch });
		expect(first.events).toHaveLength(20);
		expect(again.events).toHaveLength(20);
	});

	it('drops the resent events when it is on, and starts nothing for a fully repeated batch', async () => {
		const batch = makeStreamsBatch({ events: 20 });
		const first = await callWebhook(DEDUPE, { body: batch });
		expect(first.events).toHaveLength(20);

		const again = await callWebhook(DEDUPE, { body: batch });
		expect(again.result).toEqual({});
		expect(again.started).toBe(false);

		// A batch mixing 5 old and 3 new events passes on the new ones only.
		const mixed = { ...batch, events: [...batch.events.slice(0, 5), ...makeStreamsBatch({ events: 3 }).events] };
		const third = await callWebhook(DEDUPE, { body: mixed });
		expect(third.events.map((item) => item.json.event_uuid)).toEqual(mixed.events.slice(5).map((event) => event.event_uuid));
	});

	it('drops repeats inside one batch (the documented sample shares one event_uuid)', async () => {
		const run = await callWebhook(DEDUPE, { body: sampleStreamsBatch() });
		expect(run.events.map((item) => item.json.event_code)).toEqual(['NOTIFICATION_RECEIVED_MOE']);
	});

	it('keeps the memory per node, and apart for test runs', async () => {
		const batch = makeStreamsBatch({ events: 4 });
		await callWebhook(DEDUPE, { body: batch, nodeId: 'node-a' });
		expect((await callWebhook(DEDUPE, { body: batch, nodeId: 'node-b' })).events).toHaveLength(4);
		expect((await callWebhook(DEDUPE, { body: batch, nodeId: 'node-a', mode: 'manual' })).events).toHaveLength(4);
		expect((await callWebhook(DEDUPE, { body: batch, nodeId: 'node-a' })).events).toHaveLength(0);
	});

	it('does not remember events that the filters dropped or the schema rejected', async () => {
		const batch = makeStreamsBatch({ codes: ['SMS_SENT', 'MOE_CARD_SENT'], events: 4 });
		const filtered = await callWebhook({ ...DEDUPE, channels: ['SMS'] }, { body: batch });
		expect(filtered.events).toHaveLength(2);
		const all = await callWebhook(DEDUPE, { body: batch });
		expect(all.events.map((item) => item.json.event_code)).toEqual(['MOE_CARD_SENT', 'MOE_CARD_SENT']);
	});

	it('forgets IDs after the window, and the oldest first past the memory bound', () => {
		const start = 1_000_000;
		const windowMs = 10 * 60_000;
		const config = { windowMs, maxEntries: 3 };
		const check = duplicateChecker('scope', config, start);
		expect(['a', 'b', 'c', 'a'].map(check)).toEqual([false, false, false, true]);
		// A fourth ID evicts the oldest ('a').
		expect(check('d')).toBe(false);
		const later = duplicateChecker('scope', config, start + 1000);
		expect(['b', 'c', 'd', 'a'].map(later)).toEqual([true, true, true, false]);
		// After the window, everything seen at `start` is forgotten; 'a' (seen at start + 1000) too after its own window.
		const afterWindow = duplicateChecker('scope', config, start + windowMs + 1);
		expect(['b', 'a'].map(afterWindow)).toEqual([false, true]);
		const muchLater = duplicateChecker('scope', config, start + 1000 + windowMs + 1);
		expect(muchLater('a')).toBe(false);
	});

	it('keeps each node’s memory for that node’s own window, whatever other nodes use', () => {
		const start = 5_000_000;
		const long = { windowMs: 60 * 60_000, maxEntries: 10 };
		const short = { windowMs: 60_000, maxEntries: 10 };
		duplicateChecker('long', long, start)('x');
		duplicateChecker('short', short, start + 30 * 60_000)('y');
		expect(duplicateChecker('long', long, start + 40 * 60_000)('x')).toBe(true);
	});
});
