// Hostile requests to the published MoEngage Streams Trigger in a real n8n: each gets the documented
// status, none starts an execution, and a good batch afterwards still goes through.
import assert from 'node:assert/strict';
import { delay } from '../../scripts/lib/project.mjs';
import { test } from '../harness.mjs';
import { deployStreamsTrigger } from '../helpers.mjs';

function nested(depth) {
	let value = { leaf: true };
	for (let i = 0; i < depth; i++) value = { child: value };
	return value;
}

async function post(url, body, contentType = 'application/json') {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
	return { status: res.status, text: await res.text() };
}

// [what, body, content type, expected status by node version]. From version 1.1 n8n parses JSON
// bodies itself and answers malformed JSON with its own 422; everything else is the node's 400.
const HOSTILE = [
	['malformed JSON', () => '{"app_name": "x", "events": [', undefined, { 1: 400, 1.1: 422 }],
	['an empty body', () => '', undefined, { 1: 400, 1.1: 400 }],
	['wrong content type', (sb) => JSON.stringify(sb.sampleStreamsBatch()), 'text/plain', { 1: 400, 1.1: 400 }],
	['events of the wrong type', () => JSON.stringify({ app_name: 'x', moe_request_id: 'r', events: 'nope' }), undefined, { 1: 400, 1.1: 400 }],
	['no events array', () => JSON.stringify({ app_name: 'x', moe_request_id: 'r' }), undefined, { 1: 400, 1.1: 400 }],
	['nesting 200 levels deep', () => JSON.stringify({ app_name: 'x', events: [nested(200)] }), undefined, { 1: 400, 1.1: 400 }],
	[
		'a body over the 10 MB bound',
		() => JSON.stringify({ app_name: 'x', events: [{ pad: 'x'.repeat(11 * 1024 * 1024) }] }),
		undefined,
		{ 1: 400, 1.1: 400 },
	],
];

for (const typeVersion of [1, 1.1]) {
	test(`Streams v${typeVersion}, hostile requests: each gets its status and starts no execution; n8n stays healthy`, async (ctx) => {
		const deployed = await deployStreamsTrigger(ctx, `streams v${typeVersion}, hostile requests`, {}, undefined, { typeVersion });
		const url = deployed.url;
		// A just-published webhook can answer 404 for a moment.
		for (let i = 0; i < 50 && (await post(url, 'x')).status === 404; i++) await delay(100);

		for (const [what, body, contentType, expected] of HOSTILE) {
			const res = await post(url, body(ctx.sandbox), contentType);
			assert.equal(res.status, expected[typeVersion], `${what}: answered ${res.status} ${res.text.slice(0, 200)}`);
		}
		await delay(1_000);
		const none = await ctx.client.executions({ workflowId: deployed.workflow.id, includeData: false });
		assert.equal(none.length, 0, `hostile requests started ${none.length} execution(s)`);

		const health = await fetch(`${ctx.n8n.url}/healthz`);
		assert.equal(health.status, 200);
		const good = await ctx.sandbox.postStreamsBatch(url, ctx.sandbox.sampleStreamsBatch());
		assert.equal(good.status, 200, 'a good batch after the hostile ones');
		const [execution] = await ctx.client.waitForExecutions(deployed.workflow.id, 1);
		assert.equal(execution.status, 'success');
	});
}
