// What the queue-mode specs share: which process ran an execution (from the n8n logs), Streams
// posting through a given webhook processor, and waiting for every execution of a workflow to end.
import assert from 'node:assert/strict';
import { delay, waitFor } from '../../scripts/lib/project.mjs';
import { productionWebhookUrl } from '../../scripts/lib/workflows.mjs';
import { deployWebhookFlow, moEngageStep, nodeType, NODE_TYPES, outputOf } from '../helpers.mjs';

const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Execution id → names of the processes whose log says they started it. A worker logs
 * "Worker started execution <id> (job <job>)" (n8n 2.41, scaling/job-processor.js) for every
 * execution it runs; no other process prints that line.
 */
export function executionsByProcess(ctx) {
	const byExecution = new Map();
	for (const n8n of [...ctx.stack.processes(), ...ctx.stack.retired]) {
		for (const match of stripAnsi(n8n.log()).matchAll(/Worker started execution (\d+) \(job/g)) {
			const names = byExecution.get(match[1]) ?? [];
			names.push(n8n.name);
			byExecution.set(match[1], names);
		}
	}
	return byExecution;
}

/** The one process that ran execution `id` (fails when none or several did). */
export function processThatRan(ctx, id) {
	const names = executionsByProcess(ctx).get(String(id)) ?? [];
	assert.equal(names.length, 1, `execution ${id} was started by ${names.length ? names.join(', ') : 'no process that logged it'}`);
	return names[0];
}

/** The production URL of a Streams Trigger `node` on webhook processor `webhook`. */
export function streamsUrlOn(ctx, webhook, node) {
	return productionWebhookUrl(webhook.url, node, nodeType(ctx, NODE_TYPES.streamsTrigger));
}

/** POSTs a Streams batch like MoEngage; a just-published webhook may answer 404 for a moment. */
export async function sendBatch(ctx, url, batch) {
	const deadline = Date.now() + 5_000;
	for (;;) {
		const res = await ctx.sandbox.postStreamsBatch(url, batch, { timeoutMs: 60_000 });
		if (res.status !== 404 || Date.now() > deadline) return res;
		await delay(100);
	}
}

/** Runs `tasks` (functions returning promises) with at most `limit` at a time; results in order. */
export async function inParallel(tasks, limit) {
	const results = new Array(tasks.length);
	let next = 0;
	const lane = async () => {
		while (next < tasks.length) {
			const index = next++;
			results[index] = await tasks[index]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
	return results;
}

/**
 * Waits until every execution of `workflowId` has ended and no new one appeared for `quietMs`;
 * returns them (with their data), oldest first.
 */
export async function settledExecutions(ctx, workflowId, { timeoutMs = 60_000, quietMs = 1_500, atLeast = 0 } = {}) {
	let last = -1;
	let since = Date.now();
	await waitFor(
		async () => {
			const list = await ctx.client.executions({ workflowId, includeData: false });
			const running = list.filter((e) => !e.stoppedAt).length;
			if (list.length !== last || running > 0 || list.length < atLeast) {
				last = list.length;
				since = Date.now();
				return false;
			}
			return Date.now() - since >= quietMs;
		},
		{ timeoutMs, intervalMs: 300, what: `the executions of workflow ${workflowId} to end` },
	);
	const all = await ctx.client.executions({ workflowId, includeData: true });
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

/** The items `nodeName` output over `executions` (an execution where it did not run adds none). */
export function itemsOf(executions, nodeName) {
	return executions.flatMap((e) => (e.data?.resultData?.runData?.[nodeName] ? outputOf(e, nodeName) : []));
}

/** How often each value occurs: `{ total, distinct, duplicates }` (duplicates = total - distinct). */
export function countOccurrences(values) {
	const distinct = new Set(values).size;
	return { total: values.length, distinct, duplicates: values.length - distinct };
}

const SPLIT_ITEMS = {
	name: 'One Item per Entry',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
};

/** Webhook → Split Out → MoEngage Data Event → Track (batched), one event per item for `$json.id`. */
export async function deployTrackFlow(ctx, name, options = {}) {
	return await deployWebhookFlow(ctx, name, [
		SPLIT_ITEMS,
		moEngageStep(NODE_TYPES.data, {
			resource: 'event',
			operation: 'track',
			customerId: '={{ $json.id }}',
			eventName: 'Queue Test',
			attributesMode: 'fields',
			attributes: { attribute: [{ name: 'seq', value: '={{ $json.seq }}', type: 'number' }] },
			options,
		}),
	]);
}

/** `count` items with customer IDs unique to this call: `<prefix>-<n>`. */
export function items(prefix, count) {
	return Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, seq: i }));
}
