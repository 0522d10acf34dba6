// The MoEngage Streams Trigger, published, receiving batches the way MoEngage Streams sends them
// (POSTed by the sandbox's Streams sender).
import assert from 'node:assert/strict';
import { delay } from '../../scripts/lib/project.mjs';
import { test } from '../harness.mjs';
import { basicAuthHeader, deployStreamsTrigger, outputOf, streamsAuthCredential } from '../helpers.mjs';

const TRIGGER = 'MoEngage Streams Trigger';

/** POSTs a batch like MoEngage does; retries the 404 a just-published webhook can give. */
async function sendBatch(ctx, url, batch, headers = {}) {
	const deadline = Date.now() + 5_000;
	for (;;) {
		const res = await ctx.sandbox.postStreamsBatch(url, batch, { headers });
		if (res.status !== 404 || Date.now() > deadline) return res;
		await delay(100);
	}
}

function assertItemsMatchBatch(items, batch) {
	assert.equal(items.length, batch.events.length, 'one item per event');
	items.forEach((item, i) => {
		const event = batch.events[i];
		assert.equal(item.event_uuid, event.event_uuid, `item ${i} event_uuid`);
		assert.equal(item.event_code, event.event_code, `item ${i} event_code`);
		assert.equal(item.event_name, event.event_name, `item ${i} event_name`);
		assert.equal(item.uid, event.uid, `item ${i} uid`);
		assert.deepEqual(item.event_attributes, event.event_attributes, `item ${i} event_attributes`);
		assert.equal(item.app_name, batch.app_name, `item ${i} app_name`);
		assert.equal(item.moe_request_id, batch.moe_request_id, `item ${i} moe_request_id`);
	});
}

const plain = {};

test('Streams: the documented sample batch starts one execution with one item per event', async (ctx) => {
	plain.deployed = await deployStreamsTrigger(ctx, 'streams, no auth');
	const batch = ctx.sandbox.sampleStreamsBatch();
	const res = await sendBatch(ctx, plain.deployed.url, batch);
	assert.ok(res.status >= 200 && res.status < 300, `answered ${res.status} ${res.body}`);
	const [execution] = await ctx.client.waitForExecutions(plain.deployed.workflow.id, 1);
	assert.equal(execution.status, 'success');
	assert.equal(execution.mode, 'webhook');
	assertItemsMatchBatch(outputOf(execution, TRIGGER), batch);
	ctx.streamsExecution = { workflowId: plain.deployed.workflow.id, executionId: execution.id };
});

test('Streams: a 100-event batch gives 100 items', async (ctx) => {
	const batch = ctx.sandbox.makeStreamsBatch({ events: 100 });
	assert.equal(new Set(batch.events.map((e) => e.event_uuid)).size, 100);
	const res = await sendBatch(ctx, plain.deployed.url, batch);
	assert.ok(res.status >= 200 && res.status < 300, `answered ${res.status} ${res.body}`);
	const executions = await ctx.client.waitForExecutions(plain.deployed.workflow.id, 2);
	const latest = executions.at(-1);
	assert.equal(latest.status, 'success');
	assertItemsMatchBatch(outputOf(latest, TRIGGER), batch);
});

test('Streams: Basic auth refuses a missing (401) or wrong (403) login and starts nothing', async (ctx) => {
	const credentials = await streamsAuthCredential(ctx, 'basicAuth', { user: 'moengage', password: 'streams-secret' });
	const { workflow, url } = await deployStreamsTrigger(ctx, 'streams, basic auth', { authentication: 'basicAuth' }, credentials);
	const batch = ctx.sandbox.sampleStreamsBatch();
	const missing = await sendBatch(ctx, url, batch);
	assert.equal(missing.status, 401, `no login answered ${missing.status}`);
	const wrong = await sendBatch(ctx, url, batch, { authorization: basicAuthHeader('moengage', 'guess') });
	assert.equal(wrong.status, 403, `wrong password answered ${wrong.status}`);
	const wrongUser = await sendBatch(ctx, url, batch, { authorization: basicAuthHeader('someone', 'streams-secret') });
	assert.equal(wrongUser.status, 403, `wrong user answered ${wrongUser.status}`);
	await delay(1_000);
	assert.equal((await ctx.client.executions({ workflowId: workflow.id, includeData: false })).length, 0, 'a refused call started the workflow');
	const right = await sendBatch(ctx, url, batch, { authorization: basicAuthHeader('moengage', 'streams-secret') });
	assert.ok(right.status >= 200 && right.status < 300, `the right login answered ${right.status}`);
	const [execution] = await ctx.client.waitForExecutions(workflow.id, 1);
	assertItemsMatchBatch(outputOf(execution, TRIGGER), batch);
});

test('Streams: Header auth refuses a missing (401) or wrong (403) header and starts nothing', async (ctx) => {
	const credentials = await streamsAuthCredential(ctx, 'headerAuth', { name: 'X-Streams-Token', value: 'token-123' });
	const { workflow, url } = await deployStreamsTrigger(ctx, 'streams, header auth', { authentication: 'headerAuth' }, credentials);
	const batch = ctx.sandbox.makeStreamsBatch({ events: 3 });
	const missing = await sendBatch(ctx, url, batch);
	assert.equal(missing.status, 401, `no header answered ${missing.status}`);
	const wrong = await sendBatch(ctx, url, batch, { 'x-streams-token': 'token-124' });
	assert.equal(wrong.status, 403, `wrong header answered ${wrong.status}`);
	await delay(1_000);
	assert.equal((await ctx.client.executions({ workflowId: workflow.id, includeData: false })).length, 0, 'a refused call started the workflow');
	const right = await sendBatch(ctx, url, batch, { 'x-streams-token': 'token-123' });
	assert.ok(right.status >= 200 && right.status < 300, `the right header answered ${right.status}`);
	const [execution] = await ctx.client.waitForExecutions(workflow.id, 1);
	assertItemsMatchBatch(outputOf(execution, TRIGGER), batch);
});

test('Streams: with "Drop Duplicate Events" a retried batch passes each event on once', async (ctx) => {
	const { workflow, url } = await deployStreamsTrigger(ctx, 'streams, dedupe', { settings: { deduplicate: true } });
	const first = ctx.sandbox.makeStreamsBatch({ events: 10 });
	const res1 = await sendBatch(ctx, url, first);
	assert.ok(res1.status >= 200 && res1.status < 300, `first POST answered ${res1.status}`);
	await ctx.client.waitForExecutions(workflow.id, 1);
	// MoEngage resends the same batch when it got no 2xx answer.
	const retry = await sendBatch(ctx, url, first);
	assert.ok(retry.status >= 200 && retry.status < 300, `the retry answered ${retry.status}: MoEngage would retry again`);
	// A later batch that repeats 5 of the events and brings 5 new ones.
	const fresh = ctx.sandbox.makeStreamsBatch({ events: 5 });
	const mixed = { ...fresh, events: [...first.events.slice(0, 5), ...fresh.events] };
	const res3 = await sendBatch(ctx, url, mixed);
	assert.ok(res3.status >= 200 && res3.status < 300, `third POST answered ${res3.status}`);
	await ctx.client.waitForExecutions(workflow.id, 2);
	await delay(1_000);
	const executions = await ctx.client.waitForExecutions(workflow.id, 2);
	const uuids = executions.flatMap((e) => (e.data?.resultData?.runData?.[TRIGGER] ? outputOf(e, TRIGGER) : [])).map((i) => i.event_uuid);
	assert.deepEqual(uuids.sort(), [...first.events, ...fresh.events].map((e) => e.event_uuid).sort(), 'each event exactly once');
});

test('Streams v1.1: n8n parses the JSON, the items are the same as version 1 gives', async (ctx) => {
	const v11 = await deployStreamsTrigger(ctx, 'streams v1.1, no auth', {}, undefined, { typeVersion: 1.1 });
	const v1Before = (await ctx.client.executions({ workflowId: plain.deployed.workflow.id, includeData: false })).length;
	const batch = ctx.sandbox.makeStreamsBatch({ events: 25 });
	for (const deployed of [v11, plain.deployed]) {
		const res = await sendBatch(ctx, deployed.url, batch);
		assert.ok(res.status >= 200 && res.status < 300, `answered ${res.status} ${res.body}`);
	}
	const [v11Run] = await ctx.client.waitForExecutions(v11.workflow.id, 1);
	assert.equal(v11Run.status, 'success');
	const v11Items = outputOf(v11Run, TRIGGER);
	assertItemsMatchBatch(v11Items, batch);
	const v1Runs = await ctx.client.waitForExecutions(plain.deployed.workflow.id, v1Before + 1);
	assert.deepEqual(v11Items, outputOf(v1Runs.at(-1), TRIGGER));
});

test('Streams v1.2 (the version new nodes get): a control-group event takes its channel from campaign_channel', async (ctx) => {
	const v12 = await deployStreamsTrigger(ctx, 'streams v1.2, no auth', {}, undefined, { typeVersion: 1.2 });
	const batch = ctx.sandbox.makeStreamsBatch({ events: 2 });
	batch.events[0] = {
		...batch.events[0],
		event_code: 'MOE_CAMPAIGN_CONTROL_GROUP',
		event_name: 'Campaign Control Group',
		event_type: 'CAMPAIGN_EVENT',
		event_attributes: { ...(batch.events[0].event_attributes ?? {}), campaign_channel: 'PUSH' },
	};
	const res = await sendBatch(ctx, v12.url, batch);
	assert.ok(res.status >= 200 && res.status < 300, `answered ${res.status} ${res.body}`);
	const [run] = await ctx.client.waitForExecutions(v12.workflow.id, 1);
	const items = outputOf(run, TRIGGER);
	assert.equal(items.length, 2);
	assert.equal(items.find((i) => i.event_code === 'MOE_CAMPAIGN_CONTROL_GROUP')?.channel, 'Push');
});
