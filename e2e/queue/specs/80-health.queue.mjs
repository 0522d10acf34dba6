// After everything above, every n8n process is still up and none logged a crash.
import assert from 'node:assert/strict';
import { test } from '../../harness.mjs';

test('every n8n process is healthy and logged no crash', async (ctx) => {
	for (const n8n of ctx.stack.processes()) {
		assert.equal(n8n.exited, false, `${n8n.name} exited (${n8n.exitCode ?? n8n.exitSignal})`);
		const url = n8n.command === 'worker' ? `http://127.0.0.1:${n8n.port}/healthz/readiness` : `${n8n.url}/healthz/readiness`;
		const res = await fetch(url);
		assert.equal(res.status, 200, `${n8n.name}: ${url} answered ${res.status}`);
		assert.doesNotMatch(n8n.log(), /uncaught exception|unhandled rejection|FATAL ERROR/i, n8n.name);
	}
});
