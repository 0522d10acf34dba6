// After everything above, n8n is still healthy and logged no crash.
import assert from 'node:assert/strict';
import { test } from '../harness.mjs';

test('n8n is healthy at the end of the run', async (ctx) => {
	const health = await fetch(`${ctx.n8n.url}/healthz`);
	assert.equal(health.status, 200);
	assert.deepEqual(await health.json(), { status: 'ok' });
	const readiness = await fetch(`${ctx.n8n.url}/healthz/readiness`);
	assert.equal(readiness.status, 200);
	assert.equal(ctx.n8n.exited, false, 'the n8n process exited');
	assert.doesNotMatch(ctx.n8n.log(), /uncaught exception|unhandled rejection|FATAL ERROR/i);
});
