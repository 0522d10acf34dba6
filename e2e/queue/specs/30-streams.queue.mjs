// The MoEngage Streams Trigger in queue mode: the webhook processor answers MoEngage and queues
// one execution per batch, which the workers run. 200 batches, every event exactly once.
import assert from 'node:assert/strict';
import { test } from '../../harness.mjs';
import { deployStreamsTrigger } from '../../helpers.mjs';
import { countOccurrences, executionsByProcess, inParallel, itemsOf, sendBatch, settledExecutions, streamsUrlOn } from '../helpers.mjs';

const TRIGGER = 'MoEngage Streams Trigger';
const BATCHES = 200;
const EVENTS_PER_BATCH = 20;

test(`Streams: ${BATCHES} batches through the webhook processor, run by the workers, every event exactly once`, async (ctx) => {
	const { workflow, node } = await deployStreamsTrigger(ctx, 'queue streams 200 batches', {}, undefined, { typeVersion: 1.1 });
	const url = streamsUrlOn(ctx, ctx.stack.webhooks[0], node);
	const batches = Array.from({ length: BATCHES }, () => ctx.sandbox.makeStreamsBatch({ events: EVENTS_PER_BATCH }));
	const started = Date.now();
	const answers = await inParallel(batches.map((batch) => () => sendBatch(ctx, url, batch)), 8);
	const answeredIn = (Date.now() - started) / 1000;
	const refused = answers.filter((r) => r.status < 200 || r.status >= 300);
	assert.equal(refused.length, 0, `${refused.length} batches were refused, e.g. ${refused[0]?.status} ${refused[0]?.body}`);

	const executions = await settledExecutions(ctx, workflow.id, { timeoutMs: 180_000, atLeast: BATCHES });
	const doneIn = (Date.now() - started) / 1000;
	assert.equal(executions.length, BATCHES, 'one execution per batch');
	const failed = executions.filter((e) => e.status !== 'success');
	assert.equal(failed.length, 0, `${failed.length} executions did not succeed, e.g. ${failed[0]?.id} ${failed[0]?.status}`);

	const uuids = itemsOf(executions, TRIGGER).map((item) => item.event_uuid);
	const counts = countOccurrences(uuids);
	assert.equal(counts.duplicates, 0, `${counts.duplicates} events came out more than once`);
	assert.deepEqual(uuids.sort(), batches.flatMap((b) => b.events.map((e) => e.event_uuid)).sort(), 'every event exactly once');

	const ranBy = executionsByProcess(ctx);
	const perWorker = {};
	for (const e of executions) {
		const names = ranBy.get(String(e.id)) ?? [];
		assert.equal(names.length, 1, `execution ${e.id} was started by ${names.join(', ') || 'no worker'}`);
		perWorker[names[0]] = (perWorker[names[0]] ?? 0) + 1;
	}
	assert.ok(Object.keys(perWorker).every((name) => name.startsWith('worker-')), JSON.stringify(perWorker));
	ctx.measure(
		`Streams, ${BATCHES} batches × ${EVENTS_PER_BATCH} events via 1 webhook processor (8 at a time): all answered in ${answeredIn.toFixed(1)} s, all executions done in ${doneIn.toFixed(1)} s; executions per worker ${JSON.stringify(perWorker)}; 0 duplicates, 0 lost`,
	);
}, { timeoutMs: 240_000 });
