import { makeStreamsBatch, sampleStreamsBatch } from '../../sandbox';
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

	it('does not remember events that the filters dropped', async () => {
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

	describe('remembers a batch only once n8n answered it with a 2xx', () => {
		/** Lets pending promise callbacks run (a request that does not wait has resolved by then). */
		const settle = async () => {
			for (let i = 0; i < 200; i++) await Promise.resolve();
		};
		const HTTP = { response: 'http' } as const;

		it('passes a batch on again after n8n answered it 500 (execution not created), not after a 200', async () => {
			const batch = makeStreamsBatch({ events: 20 });
			const first = await callWebhook(DEDUPE, { body: batch, ...HTTP });
			expect(first.events).toHaveLength(20);
			first.n8nAnswers(500);

			const resent = await callWebhook(DEDUPE, { body: batch, ...HTTP });
			expect(resent.events).toHaveLength(20);
			resent.n8nAnswers(200);

			const again = await callWebhook(DEDUPE, { body: batch, ...HTTP });
			expect(again.started).toBe(false);
		});

		it('passes it on again when the connection closed before any answer', async () => {
			const batch = makeStreamsBatch({ events: 5 });
			(await callWebhook(DEDUPE, { body: batch, ...HTTP })).connectionCut();
			expect((await callWebhook(DEDUPE, { body: batch, ...HTTP })).events).toHaveLength(5);
		});

		it('a second delivery of a batch still waiting for its answer waits, then passes on only what the first did not deliver', async () => {
			const batch = makeStreamsBatch({ events: 6 });
			const extra = makeStreamsBatch({ events: 2 }).events;
			const first = await callWebhook(DEDUPE, { body: batch, ...HTTP });

			let secondDone = false;
			const second = callWebhook(DEDUPE, { body: { ...batch, events: [...batch.events, ...extra] }, ...HTTP }).then(
				(run) => ((secondDone = true), run),
			);
			await settle();
			expect(secondDone).toBe(false);
			first.n8nAnswers(200);
			expect((await second).events.map((item) => item.json.event_uuid)).toEqual(extra.map((e) => e.event_uuid));

			const third = callWebhook(DEDUPE, { body: batch, ...HTTP });
			const fourth = callWebhook(DEDUPE, { body: batch, ...HTTP });
			expect((await third).started).toBe(false);
			expect((await fourth).started).toBe(false);
		});

		it('the waiting delivery passes the events on when the first one failed', async () => {
			const batch = makeStreamsBatch({ events: 6 });
			const first = await callWebhook(DEDUPE, { body: batch, ...HTTP });
			const second = callWebhook(DEDUPE, { body: batch, ...HTTP });
			await settle();
			first.n8nAnswers(500);
			const run = await second;
			expect(run.events).toHaveLength(6);

			// And a third delivery now waits for the second one's answer.
			const third = callWebhook(DEDUPE, { body: batch, ...HTTP });
			run.n8nAnswers(200);
			expect((await third).started).toBe(false);
		});

		it('remembers at once when there is no response to watch', async () => {
			const batch = makeStreamsBatch({ events: 3 });
			expect((await callWebhook(DEDUPE, { body: batch, response: 'missing' })).events).toHaveLength(3);
			expect((await callWebhook(DEDUPE, { body: batch, response: 'missing' })).started).toBe(false);
		});
	});

	describe('rejected events', () => {
		function batchWithInvalid(uuid: unknown) {
			const batch = makeStreamsBatch({ events: 2 });
			return { ...batch, events: [...batch.events, { ...batch.events[0], event_uuid: uuid, event_time: 'soon' }] };
		}

		it('does not emit a resent rejected event again', async () => {
			const batch = batchWithInvalid('bad-event-1');
			const first = await callWebhook(DEDUPE, { body: batch });
			expect(first.rejected.map((item) => (item.json.event as { event_uuid: string }).event_uuid)).toEqual(['bad-event-1']);
			const again = await callWebhook(DEDUPE, { body: batch });
			expect(again.started).toBe(false);
		});

		it('and, like the others, again when n8n answered the first delivery 500', async () => {
			const batch = batchWithInvalid('bad-event-1');
			(await callWebhook(DEDUPE, { body: batch, response: 'http' })).n8nAnswers(500);
			expect((await callWebhook(DEDUPE, { body: batch })).rejected).toHaveLength(1);
		});

		it('emits rejected events without a usable event_uuid every time', async () => {
			for (const uuid of [undefined, '', 42]) {
				const batch = batchWithInvalid(uuid);
				expect((await callWebhook(DEDUPE, { body: batch })).rejected).toHaveLength(1);
				expect((await callWebhook(DEDUPE, { body: batch })).rejected).toHaveLength(1);
			}
		});

		it('a rejected event never hides a valid event with the same event_uuid', async () => {
			const batch = makeStreamsBatch({ events: 1 });
			const [valid] = batch.events;
			const run = await callWebhook(DEDUPE, {
				body: { ...batch, events: [{ ...valid, event_time: 'soon' }, valid] },
			});
			expect(run.rejected).toHaveLength(1);
			expect(run.events.map((item) => item.json.event_uuid)).toEqual([valid.event_uuid]);
		});
	});
});
