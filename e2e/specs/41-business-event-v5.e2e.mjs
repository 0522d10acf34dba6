// Version 2 of the MoEngage Business Event node (MoEngage's V5 API), run by n8n (published
// workflow, started by its webhook), checked from what the sandbox received and what n8n output.
import assert from 'node:assert/strict';
import { test } from '../harness.mjs';
import { deployNodeFlow, runItems } from '../flows.mjs';
import { keyFamily, NODE_TYPES } from '../helpers.mjs';

const V5 = '/v5/business-events';

test('Business Event v2: Trigger through V5 says per campaign and flow what fired and what the quota skipped', async (ctx) => {
	const { sandbox } = ctx;
	sandbox.addBusinessEvent({ event_name: 'E2EMixed', event_attributes: { sku: 'string', price: 'float' }, campaign_ids: ['c1', 'c2'], flow_ids: ['f1'] });
	const limits = sandbox.rateLimits;
	sandbox.setRateLimits({ beFlowTriggerPerHour: 1 });
	try {
		const flow = await deployNodeFlow(
			ctx,
			'be v2 trigger',
			NODE_TYPES.businessEvent,
			{
				resource: 'businessEvent',
				operation: 'trigger',
				businessEvent: { __rl: true, mode: 'name', value: 'E2EMixed' },
				attributesInput: 'json',
				eventAttributesJson: '={{ JSON.stringify({ sku: $json.sku, price: $json.price }) }}',
			},
			{ typeVersion: 2 },
		);
		const { output, requests } = await runItems(ctx, flow, [
			{ sku: 'SKU-1', price: '19.5' },
			{ sku: 'SKU-2', price: 7 },
		]);
		const triggers = requests.filter((r) => r.path === `${V5}/triggers`);
		assert.equal(triggers.length, 2, 'one V5 trigger per item');
		for (const r of requests) {
			assert.ok(r.path.startsWith(V5), `${r.path} is no V5 path`);
			assert.equal(keyFamily(ctx, r), 'businessEvents', `${r.path} was not sent with the Business Events key`);
			assert.equal(r.status, 200, `${r.path} answered ${r.status}: ${JSON.stringify(r.response)}`);
		}
		assert.deepEqual(triggers[0].body, {
			event_name: 'E2EMixed',
			triggered_by: 'n8n@example.com',
			event_attributes: { sku: 'SKU-1', price: 19.5 },
		});
		assert.equal(output.length, 2);
		assert.equal(output[0].triggered_status, 'SUCCESS');
		assert.equal(output[1].triggered_status, 'PARTIAL_SUCCESS');
		assert.deepEqual(output[1].campaigns, [
			{ id: 'c1', status: 'triggered' },
			{ id: 'c2', status: 'triggered' },
		]);
		assert.deepEqual(output[1].flows, [{ id: 'f1', status: 'skipped', reason: "skipped by MoEngage's trigger quota" }]);
	} finally {
		sandbox.setRateLimits(limits);
	}
});

test('Business Event v2: Get Many with Return All and with a Limit, over V5 cursor pages', async (ctx) => {
	const { sandbox } = ctx;
	while (sandbox.businessEvents.size < 45) sandbox.addBusinessEvent({ event_name: `E2EListed_${sandbox.businessEvents.size}` });
	const all = await deployNodeFlow(ctx, 'be v2 get many all', NODE_TYPES.businessEvent, { resource: 'businessEvent', operation: 'getAll', returnAll: true }, { typeVersion: 2 });
	const everything = await runItems(ctx, all, [{}]);
	assert.equal(everything.output.length, sandbox.businessEvents.size);
	assert.deepEqual(everything.output.map((e) => e.name), [...sandbox.businessEvents.keys()]);
	assert.equal(everything.requests.length, Math.ceil(sandbox.businessEvents.size / 20), 'one request per page of 20');
	assert.ok(everything.requests.every((r) => r.method === 'GET' && r.path === V5));

	const some = await deployNodeFlow(ctx, 'be v2 get many limit', NODE_TYPES.businessEvent, { resource: 'businessEvent', operation: 'getAll', returnAll: false, limit: 25 }, { typeVersion: 2 });
	const limited = await runItems(ctx, some, [{}]);
	assert.equal(limited.output.length, 25);
	assert.deepEqual(limited.requests.map((r) => r.query.limit), ['20', '5']);
});

test('Business Event: the event picker lists through V5 and matches part of a name, in every version, where an empty search is refused', async (ctx) => {
	const { sandbox } = ctx;
	sandbox.addBusinessEvent({ event_name: 'E2EPickerAlpha', event_attributes: { sku: 'string' } });
	sandbox.addBusinessEvent({ event_name: 'E2EPickerBeta' });
	for (const version of [1, 2]) {
		sandbox.clearRequests();
		const found = await ctx.client.rest('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
			path: 'parameters.businessEvent',
			nodeTypeAndVersion: { name: NODE_TYPES.businessEvent, version },
			methodName: 'searchBusinessEvents',
			filter: 'pickeral',
			currentNodeParameters: { resource: 'businessEvent', operation: 'trigger' },
			credentials: { moEngageApi: { id: ctx.credential.id, name: ctx.credential.name } },
		});
		assert.deepEqual(found.results.map((r) => r.name), ['E2EPickerAlpha'], `version ${version}`);
		assert.equal(found.results[0].description, 'Attributes: sku');
		assert.ok(sandbox.requests.length > 0 && sandbox.requests.every((r) => r.method === 'GET' && r.path === V5 && r.status === 200), `version ${version} did not list through V5: ${JSON.stringify(sandbox.requests.map((r) => [r.method, r.path, r.status]))}`);
	}
	// The sandbox refuses the empty legacy search the picker used to send.
	sandbox.clearRequests();
	const legacy = await fetch(`${sandbox.url}/v1.0/business_event/search`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${sandbox.workspaceId}:${sandbox.businessEventsApiKey}`).toString('base64')}` },
		body: '{}',
	});
	assert.equal(legacy.status, 400);
});

test('Business Event v2: the trigger quotas (5 minutes, hour, day) fail the items over them before sending, saying when the next trigger fits', async (ctx) => {
	const { sandbox } = ctx;
	sandbox.addBusinessEvent({ event_name: 'E2EQuota', campaign_ids: ['cq1'] });
	const limits = sandbox.rateLimits;
	// The workspace itself has room: what fails is the node's own count of this execution.
	sandbox.setRateLimits({ beTriggerPer5Min: 1000, beTriggerPerHour: 1000, beTriggerPerDay: 1000 });
	const deploy = async (name, options) =>
		await deployNodeFlow(
			ctx,
			name,
			NODE_TYPES.businessEvent,
			{
				resource: 'businessEvent',
				operation: 'trigger',
				businessEvent: { __rl: true, mode: 'name', value: 'E2EQuota' },
				attributesInput: 'json',
				eventAttributesJson: '{}',
				options,
			},
			{ typeVersion: 2, onError: 'continueRegularOutput' },
		);
	const cases = [
		{ name: '5 minutes', items: 12, options: {}, passed: 10, quota: /within the last 5 minutes \(quota: 10 per 5 minutes\); the next trigger is possible at \S+ \(in \d+ min\)/ },
		{ name: 'hour', items: 4, options: { quotaPer5Minutes: 0, quotaPerHour: 3 }, passed: 3, quota: /within the last hour \(quota: 3 per hour\); the next trigger is possible at \S+/ },
		{ name: 'day', items: 3, options: { quotaPer5Minutes: 0, quotaPerHour: 0, quotaPerDay: 2 }, passed: 2, quota: /within the last day \(quota: 2 per day\); the next trigger is possible at \S+ \(in 24 h\)/ },
	];
	try {
		for (const c of cases) {
			const flow = await deploy(`be v2 quota ${c.name}`, c.options);
			const { output, requests } = await runItems(ctx, flow, Array.from({ length: c.items }, (_, i) => ({ n: i })));
			assert.equal(requests.filter((r) => r.path === `${V5}/triggers`).length, c.passed, `${c.name}: triggers sent`);
			assert.equal(output.length, c.items, `${c.name}: one output item per input item`);
			output.slice(0, c.passed).forEach((o) => assert.equal(o.triggered_status, 'SUCCESS', `${c.name}: ${JSON.stringify(o)}`));
			output.slice(c.passed).forEach((o, i) => {
				assert.match(String(o.error), c.quota, `${c.name}`);
				assert.match(String(o.error), new RegExp(`\\[item ${c.passed + i}\\]`));
			});
		}
	} finally {
		sandbox.setRateLimits(limits);
	}
});
