// What happens to a paced MoEngage Data run when its worker gets SIGTERM (a deployment stopping
// or scaling down a worker). n8n 2.41's worker stops taking jobs and waits for its running ones,
// for at most N8N_GRACEFUL_SHUTDOWN_TIMEOUT (10 s here; n8n's default is 30 s). It does not tell a
// running node anything: the execution's cancel signal is not aborted. Past the timeout the process
// exits and the execution's record keeps nothing of what the node sent.
// These cases stop both workers, so they run last.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { delay, waitFor } from '../../../scripts/lib/project.mjs';
import { test } from '../../harness.mjs';
import { executionError } from '../../helpers.mjs';
import { deployTrackFlow, executionsByProcess, items } from '../helpers.mjs';

const GRACEFUL_SHUTDOWN_S = 10;
/** 40 events per 2 s window: the node sends a slice, then waits. */
const PACED = { eventsPerMinute: 1_200, rateWindowSeconds: 2 };

/**
 * Starts `count` events through a paced flow without waiting for the answer; once a worker has
 * started the execution and the first request reached the sandbox, SIGTERMs that worker (its main
 * process only, as a container runtime does). Returns what the spec needs to look at.
 */
async function runAndTerminate(ctx, name, count) {
	ctx.sandbox.clearRequests();
	const flow = await deployTrackFlow(ctx, name, PACED);
	const known = new Set(executionsByProcess(ctx).keys());
	const abort = new AbortController();
	const body = JSON.stringify({ items: items(`q-term-${randomUUID().slice(0, 6)}`, count) });
	// Not awaited: the webhook answers when the run ends. A just-published webhook may answer 404
	// for a moment (then nothing started): post again.
	const answer = (async () => {
		const deadline = Date.now() + 5_000;
		for (;;) {
			const res = await fetch(flow.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: abort.signal });
			const text = await res.text();
			if (res.status !== 404 || Date.now() > deadline) return { status: res.status, body: text };
			await delay(100);
		}
	})().catch((error) => ({ status: 0, body: String(error) }));
	const executionId = await waitFor(() => [...executionsByProcess(ctx).keys()].find((id) => !known.has(id)), {
		timeoutMs: 30_000,
		what: 'a worker to start the execution',
	});
	const worker = ctx.stack.workers.find((w) => w.name === executionsByProcess(ctx).get(executionId)[0]);
	await waitFor(() => ctx.sandbox.requests.length > 0, { timeoutMs: 30_000, what: 'the first request to MoEngage' });
	const sigtermAt = Date.now();
	process.kill(worker.pid, 'SIGTERM');
	return { flow, executionId, worker, sigtermAt, answer, abort };
}

test(`SIGTERM during a paced run that ends within N8N_GRACEFUL_SHUTDOWN_TIMEOUT: the worker finishes it, then exits`, async (ctx) => {
	// 100 events at 40 per 2 s: about 4 s.
	const run = await runAndTerminate(ctx, 'queue sigterm, short run', 100);
	const res = await run.answer;
	await run.worker.exitPromise;
	const exitedAfter = (Date.now() - run.sigtermAt) / 1000;
	assert.equal(res.status, 200, `the webhook answered ${res.status}: ${res.body.slice(0, 300)}`);
	const execution = await ctx.client.api('GET', `/executions/${run.executionId}?includeData=true`);
	assert.equal(execution.status, 'success', JSON.stringify(executionError(execution)));
	const accepted = ctx.sandbox.accepted().filter((a) => a.kind === 'event');
	assert.equal(new Set(accepted.map((a) => a.customer_id)).size, 100, 'every event once');
	assert.equal(accepted.length, 100);
	assert.equal(run.worker.exitCode, 0, `the worker exited with ${run.worker.exitCode ?? run.worker.exitSignal}`);
	assert.match(run.worker.log(), /Received SIGTERM\. Shutting down/);
	ctx.measure(`SIGTERM, short paced run (100 events, ~4 s): finished with success; the worker exited (code 0) ${exitedAfter.toFixed(1)} s after SIGTERM`);
	await ctx.stack.remove(run.worker);
}, { timeoutMs: 90_000 });

test(`SIGTERM during a paced run longer than N8N_GRACEFUL_SHUTDOWN_TIMEOUT: the node is not told, the worker exits after the timeout, the execution keeps no record of what was sent`, async (ctx) => {
	// 1,000 events at 40 per 2 s: about 50 s, far beyond the 10 s the worker waits.
	const run = await runAndTerminate(ctx, 'queue sigterm, long run', 1_000);
	await Promise.race([run.worker.exitPromise, delay((GRACEFUL_SHUTDOWN_S + 15) * 1000)]);
	const exitedAfter = (Date.now() - run.sigtermAt) / 1000;
	assert.ok(run.worker.exited, `the worker still runs ${exitedAfter.toFixed(0)} s after SIGTERM`);
	assert.equal(run.worker.exitCode, 1, `exit ${run.worker.exitCode ?? run.worker.exitSignal}`);
	assert.ok(exitedAfter >= GRACEFUL_SHUTDOWN_S, `exited after ${exitedAfter} s, before the graceful shutdown timeout`);
	assert.match(run.worker.log(), new RegExp(`Shutdown timed out after ${GRACEFUL_SHUTDOWN_S} seconds`));

	// The node kept sending during the shutdown window: nothing aborted its cancel signal (a
	// cancelled execution sends nothing more, see the README's Reliability section).
	const exitAt = run.sigtermAt + exitedAfter * 1000;
	const duringShutdown = ctx.sandbox.requests.filter((r) => r.receivedAt > run.sigtermAt + 1_000 && r.receivedAt <= exitAt);
	assert.ok(duringShutdown.length > 0, 'no request reached MoEngage after SIGTERM: was the node cancelled?');
	const accepted = ctx.sandbox.accepted().filter((a) => a.kind === 'event').length;
	assert.ok(accepted > 0 && accepted < 1_000, `${accepted} events accepted`);

	// What n8n recorded: the execution is left "running", without any output of the Data node.
	const execution = await ctx.client.api('GET', `/executions/${run.executionId}?includeData=true`);
	assert.equal(execution.status, 'running');
	assert.equal(execution.stoppedAt ?? null, null);
	assert.equal(execution.data?.resultData?.runData?.['MoEngage Data'], undefined, 'the record has output of the Data node');
	ctx.measure(
		`SIGTERM, long paced run (1,000 events, ~50 s): the node kept sending for ${((duringShutdown.at(-1).receivedAt - run.sigtermAt) / 1000).toFixed(1)} s after SIGTERM (${duringShutdown.length} requests); the worker exited (code 1) ${exitedAfter.toFixed(1)} s after SIGTERM; ${accepted} of 1,000 events had reached MoEngage; the execution was left "${execution.status}" with no output of the node`,
	);
	run.abort.abort();
	await ctx.stack.remove(run.worker);
}, { timeoutMs: 90_000 });
