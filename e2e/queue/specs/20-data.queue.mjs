// MoEngage Data in queue mode: executions started through the webhook processor run on the
// workers (never on the main), and two executions running at once on two workers deliver every
// event exactly once. The node's pacer lives in each worker's memory: the rate a worker may use
// is its share of the workspace's limit.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from '../../harness.mjs';
import { executionError } from '../../helpers.mjs';
import { sandboxModule } from '../../../scripts/lib/sandbox.mjs';
import { countOccurrences, deployTrackFlow, items, processThatRan } from '../helpers.mjs';

/** The finished execution of `workflowId` (it must have succeeded). */
async function succeeded(ctx, workflowId) {
	const [execution] = await ctx.client.waitForExecutions(workflowId, 1, { timeoutMs: 120_000 });
	assert.equal(execution.status, 'success', `execution ${execution.id} ${execution.status}: ${JSON.stringify(executionError(execution))}`);
	return execution;
}

test('Data: an Event → Track execution started through the webhook processor runs on a worker and reaches MoEngage', async (ctx) => {
	ctx.sandbox.clearRequests();
	const flow = await deployTrackFlow(ctx, 'queue data track');
	const prefix = `q-small-${randomUUID().slice(0, 6)}`;
	const res = await flow.run({ items: items(prefix, 3) });
	assert.equal(res.status, 200, `the webhook processor answered ${res.status}: ${JSON.stringify(res.body)}`);
	const execution = await succeeded(ctx, flow.workflow.id);
	assert.equal(execution.mode, 'webhook');
	assert.match(processThatRan(ctx, execution.id), /^worker-/);
	for (const n8n of [ctx.stack.main, ...ctx.stack.webhooks]) assert.doesNotMatch(n8n.log(), /Worker started execution/, n8n.name);
	const events = ctx.sandbox.accepted().filter((a) => a.kind === 'event');
	assert.deepEqual(events.map((e) => [e.customer_id, e.action]), items(prefix, 3).map((i) => [i.id, 'Queue Test']));
	assert.ok(ctx.sandbox.requests.every((r) => r.status === 200));
});

/**
 * Starts two executions of `flow` at once with `perRun` events each, waits for both, and checks
 * that they ran on two different workers and that every event was accepted exactly once. Returns
 * the answers to MoEngage (429s among them) and how long it took.
 */
async function twoAtOnce(ctx, flow, perRun) {
	ctx.sandbox.clearRequests();
	const tag = randomUUID().slice(0, 6);
	const runs = [items(`q-a-${tag}`, perRun), items(`q-b-${tag}`, perRun)];
	const started = Date.now();
	const answers = await Promise.all(runs.map((batch) => flow.run({ items: batch })));
	const seconds = (Date.now() - started) / 1000;
	answers.forEach((res, i) => assert.equal(res.status, 200, `run ${i} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`));
	const executions = await ctx.client.waitForExecutions(flow.workflow.id, 2, { timeoutMs: 120_000 });
	for (const e of executions) assert.equal(e.status, 'success', `execution ${e.id} ${e.status}: ${JSON.stringify(executionError(e))}`);
	const workers = executions.map((e) => processThatRan(ctx, e.id));
	assert.notEqual(workers[0], workers[1], `both executions ran on ${workers[0]}`);
	assert.ok(workers.every((w) => w.startsWith('worker-')));

	const accepted = ctx.sandbox.accepted().filter((a) => a.kind === 'event');
	const sent = runs.flat().map((i) => i.id);
	const counts = countOccurrences(accepted.map((a) => a.customer_id));
	assert.equal(counts.duplicates, 0, `${counts.duplicates} events were accepted twice`);
	assert.deepEqual(accepted.map((a) => a.customer_id).sort(), sent.sort(), 'every event exactly once');
	const statuses = ctx.sandbox.requests.map((r) => r.status);
	return {
		seconds,
		requests: statuses.length,
		tooMany: statuses.filter((s) => s === 429).length,
		workers,
	};
}

const LIMIT = { dataEventsPerWindow: 2_000, dataWindowMs: 10_000 };

test('Data: two executions at once on two workers, each paced at half the workspace limit: every event exactly once (2 × 2,000 events)', async (ctx) => {
	ctx.sandbox.setRateLimits(LIMIT);
	try {
		// Each worker's pacer allows 1,000 events per 10 s: together the workspace's 2,000.
		const flow = await deployTrackFlow(ctx, 'queue data two workers, half each', { eventsPerMinute: 6_000, rateWindowSeconds: 10 });
		const result = await twoAtOnce(ctx, flow, 2_000);
		ctx.measure(
			`Data, 2 workers paced at limit/2 (1,000 events/10 s each, sandbox 2,000/10 s): 4,000 events in ${result.seconds.toFixed(1)} s, ${result.requests} requests, ${result.tooMany} answered 429, 0 duplicates (${result.workers.join(' + ')})`,
		);
		// 4,000 events at 2,000 per 10 s cannot take less than one full window.
		assert.ok(result.seconds >= 10, `4,000 events took only ${result.seconds} s: the pacing did not hold`);
	} finally {
		ctx.sandbox.setRateLimits(sandboxModule.DEFAULT_RATE_LIMITS);
	}
}, { timeoutMs: 150_000 });

test('Data: two workers each paced at the whole workspace limit are steered by MoEngage\'s rate-limit headers: every event exactly once, at most one 429 per worker per window', async (ctx) => {
	ctx.sandbox.setRateLimits(LIMIT);
	try {
		// Each worker's pacer allows the workspace's whole 2,000 per 10 s: the pacer is per process,
		// but both read what the workspace has left from the sandbox's x-ratelimit-* headers.
		const flow = await deployTrackFlow(ctx, 'queue data two workers, full limit each', { eventsPerMinute: 12_000, rateWindowSeconds: 10 });
		const result = await twoAtOnce(ctx, flow, 2_000);
		ctx.measure(
			`Data, 2 workers each paced at the full limit (2,000 events/10 s each, sandbox 2,000/10 s): 4,000 events in ${result.seconds.toFixed(1)} s, ${result.requests} requests, ${result.tooMany} answered 429, 0 duplicates`,
		);
		const windows = Math.ceil(result.seconds / 10) + 1;
		assert.ok(result.tooMany <= 2 * windows, `${result.tooMany} answers 429 in ${windows} windows: more than one per worker per window`);
	} finally {
		ctx.sandbox.setRateLimits(sandboxModule.DEFAULT_RATE_LIMITS);
	}
}, { timeoutMs: 150_000 });
