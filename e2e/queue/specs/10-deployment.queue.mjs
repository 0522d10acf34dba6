// The deployment itself: every process runs in queue mode against the shared Postgres and Redis,
// and every one of them loaded the package installed in its own user folder.
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { packageLoadErrors } from '../../../scripts/lib/n8n.mjs';
import { PACKAGE_NAME } from '../../../scripts/lib/pack.mjs';
import { test } from '../../harness.mjs';
import { NODE_TYPES } from '../../helpers.mjs';

test('main, 2 workers and a webhook processor run, each with the package in its own user folder', async (ctx) => {
	const processes = ctx.stack.processes();
	assert.deepEqual(
		processes.map((p) => `${p.name}:${p.command}`),
		['main:start', 'worker-1:worker', 'worker-2:worker', 'webhook-1:webhook'],
	);
	const runtimeRoot = dirname(ctx.runtime.n8nDir);
	for (const n8n of processes) {
		assert.ok(n8n.userFolder.endsWith(n8n.name));
		assert.deepEqual(packageLoadErrors(n8n.log(), PACKAGE_NAME, [runtimeRoot]), [], `${n8n.name} reported a problem with the package`);
		assert.doesNotMatch(n8n.log(), /Unrecognized (node|credential) type/i, n8n.name);
	}
	const names = ctx.nodeTypes.map((t) => t.name);
	for (const type of Object.values(NODE_TYPES)) assert.ok(names.includes(type), `the main does not know ${type}`);
	assert.match(ctx.stack.webhooks[0].log(), /Webhook listener waiting for requests/);
	for (const worker of ctx.stack.workers) assert.match(worker.log(), /n8n worker is now ready/, worker.name);
});

test('workers run with the concurrency the suite sets (1), so that two queued executions go to two workers', async (ctx) => {
	for (const worker of ctx.stack.workers) assert.match(worker.log(), /Concurrency: 1\b/, worker.name);
});
