// A webhook processor without the package: n8n cannot run the Streams Trigger's webhook there,
// answers 400 "Unrecognized node type", and starts nothing. MoEngage would resend the batch 3
// times and then drop it. Hence: install the package on every webhook processor.
import assert from 'node:assert/strict';
import { delay } from '../../../scripts/lib/project.mjs';
import { test } from '../../harness.mjs';
import { deployStreamsTrigger } from '../../helpers.mjs';
import { sendBatch, streamsUrlOn } from '../helpers.mjs';

test('a webhook processor without the package answers 400 "Unrecognized node type" and starts nothing', async (ctx) => {
	const bare = await ctx.stack.startWebhookProcessor({ withPackage: false });
	try {
		const { workflow, node } = await deployStreamsTrigger(ctx, 'queue streams, processor without package', {}, undefined, { typeVersion: 1.1 });
		const batch = ctx.sandbox.makeStreamsBatch({ events: 3 });
		const res = await sendBatch(ctx, streamsUrlOn(ctx, bare, node), batch);
		assert.equal(res.status, 400, `answered ${res.status} ${res.body}`);
		assert.match(res.body, /Unrecognized node type/);
		await delay(1_000);
		assert.equal((await ctx.client.executions({ workflowId: workflow.id, includeData: false })).length, 0, 'an execution started');
		// The same workflow through a processor that has the package.
		const ok = await sendBatch(ctx, streamsUrlOn(ctx, ctx.stack.webhooks[0], node), batch);
		assert.ok(ok.status >= 200 && ok.status < 300, `the processor with the package answered ${ok.status}`);
	} finally {
		await ctx.stack.remove(bare);
	}
}, { timeoutMs: 120_000 });
