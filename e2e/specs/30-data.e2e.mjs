// Every operation of the MoEngage Data node, run by n8n (published workflow, started by its
// webhook), checked from what the sandbox received: path, key family, body.
import assert from 'node:assert/strict';
import { test } from '../harness.mjs';
import { deployNodeFlow, runItems } from '../flows.mjs';
import { sandboxCredentialData } from '../../scripts/lib/sandbox.mjs';
import { executionError, keyFamily, NODE_TYPES } from '../helpers.mjs';

/** Every request was a Data API call with the Data key and MOE-APPKEY, and was accepted. */
function assertDataRequests(ctx, requests, count) {
	assert.equal(requests.length, count, `expected ${count} request(s), got ${requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
	for (const r of requests) {
		assert.equal(r.method, 'POST');
		assert.equal(keyFamily(ctx, r), 'data', `${r.path} was not sent with the Data API key`);
		assert.equal(r.headers['moe-appkey'], ctx.sandbox.workspaceId, `${r.path} has no MOE-APPKEY`);
		assert.match(String(r.headers['content-type']), /^application\/json/);
		assert.equal(r.status, 200, `${r.path} answered ${r.status}: ${JSON.stringify(r.response)}`);
	}
}

test('Data: User → Create or Update, one request per item (Batch off)', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'data user createOrUpdate', NODE_TYPES.data, {
		resource: 'user',
		operation: 'createOrUpdate',
		customerId: '={{ $json.id }}',
		attributesMode: 'fields',
		attributes: {
			attribute: [
				{ name: 'plan', value: '={{ $json.plan }}', type: 'string' },
				{ name: 'age', value: '={{ $json.age }}', type: 'number' },
			],
		},
		options: { batch: false },
	});
	const { output, requests } = await runItems(ctx, flow, [
		{ id: 'e2e-user-1', plan: 'gold', age: 31 },
		{ id: 'e2e-user-2', plan: 'silver', age: 45 },
	]);
	assert.equal(output.length, 2, 'one output item per input item');
	assertDataRequests(ctx, requests, 2);
	requests.forEach((r, i) => {
		assert.equal(r.path, `/v1/customer/${ctx.sandbox.workspaceId}`);
		assert.equal(r.body.type, 'customer');
		assert.equal(r.body.customer_id, `e2e-user-${i + 1}`);
		assert.deepEqual(r.body.attributes, i === 0 ? { plan: 'gold', age: 31 } : { plan: 'silver', age: 45 });
	});
	assert.equal(ctx.sandbox.users.get('e2e-user-1')?.attributes.plan, 'gold');
});

test('Data: User → Create or Update, items packed into one bulk request (Batch on, the default)', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'data user createOrUpdate batched', NODE_TYPES.data, {
		resource: 'user',
		operation: 'createOrUpdate',
		customerId: '={{ $json.id }}',
		attributesMode: 'json',
		attributesJson: '={{ JSON.stringify({ plan: $json.plan }) }}',
	});
	const items = ['e2e-bulk-1', 'e2e-bulk-2', 'e2e-bulk-3'].map((id) => ({ id, plan: 'bronze' }));
	const { output, requests } = await runItems(ctx, flow, items);
	assert.equal(output.length, 3, 'one output item per input item');
	assertDataRequests(ctx, requests, 1);
	const [r] = requests;
	assert.equal(r.path, `/v1/transition/${ctx.sandbox.workspaceId}`);
	assert.equal(r.body.type, 'transition');
	assert.deepEqual(
		r.body.elements.map((e) => [e.type, e.customer_id, e.attributes?.plan]),
		items.map((i) => ['customer', i.id, 'bronze']),
	);
	assert.equal(r.acceptedElements, 3);
	assert.deepEqual(r.rejectedElements ?? [], []);
});

test('Data: Event → Track, one request per item (Batch off)', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'data event track', NODE_TYPES.data, {
		resource: 'event',
		operation: 'track',
		customerId: '={{ $json.id }}',
		eventName: 'Purchase',
		attributesMode: 'fields',
		attributes: { attribute: [{ name: 'amount', value: '={{ $json.amount }}', type: 'number' }] },
		additionalFields: { platform: 'web' },
		options: { batch: false },
	});
	const { output, requests } = await runItems(ctx, flow, [
		{ id: 'e2e-user-1', amount: 12.5 },
		{ id: 'e2e-user-2', amount: 99 },
	]);
	assert.equal(output.length, 2);
	assertDataRequests(ctx, requests, 2);
	requests.forEach((r, i) => {
		assert.equal(r.path, `/v1/event/${ctx.sandbox.workspaceId}`);
		assert.equal(r.body.type, 'event');
		assert.equal(r.body.customer_id, `e2e-user-${i + 1}`);
		assert.equal(r.body.actions.length, 1);
		assert.equal(r.body.actions[0].action, 'Purchase');
		assert.deepEqual(r.body.actions[0].attributes, { amount: i === 0 ? 12.5 : 99 });
		assert.equal(r.body.actions[0].platform, 'web');
	});
	const events = ctx.sandbox.accepted().filter((a) => a.kind === 'event');
	assert.deepEqual(events.map((e) => [e.customer_id, e.action]), [['e2e-user-1', 'Purchase'], ['e2e-user-2', 'Purchase']]);
});

test('Data: Event → Track, several actions per item in one bulk request (Batch on)', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'data event track batched', NODE_TYPES.data, {
		resource: 'event',
		operation: 'track',
		customerId: '={{ $json.id }}',
		actionsInput: 'json',
		actionsJson: '={{ JSON.stringify($json.actions) }}',
	});
	const items = [
		{ id: 'e2e-user-1', actions: [{ action: 'Opened App' }, { action: 'Added to Cart', attributes: { sku: 'A1' } }] },
		{ id: 'e2e-user-2', actions: [{ action: 'Opened App' }] },
	];
	const { output, requests } = await runItems(ctx, flow, items);
	assert.equal(output.length, 2);
	assertDataRequests(ctx, requests, 1);
	const [r] = requests;
	assert.equal(r.path, `/v1/transition/${ctx.sandbox.workspaceId}`);
	assert.deepEqual(
		r.body.elements.map((e) => [e.type, e.customer_id, e.actions.map((a) => a.action)]),
		[
			['event', 'e2e-user-1', ['Opened App', 'Added to Cart']],
			['event', 'e2e-user-2', ['Opened App']],
		],
	);
	assert.equal(ctx.sandbox.accepted().filter((a) => a.kind === 'event').length, 3);
});

test('Data: Device → Create or Update (Batch off)', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'data device createOrUpdate', NODE_TYPES.data, {
		resource: 'device',
		operation: 'createOrUpdate',
		customerId: '={{ $json.id }}',
		deviceId: '={{ $json.device }}',
		platform: 'ANDROID',
		pushToken: '={{ $json.token }}',
		additionalFields: { appVersion: '5.2.0' },
		options: { batch: false },
	});
	const { output, requests } = await runItems(ctx, flow, [{ id: 'e2e-user-1', device: 'e2e-device-1', token: 'fcm-token-1' }]);
	assert.equal(output.length, 1);
	assertDataRequests(ctx, requests, 1);
	const [r] = requests;
	assert.equal(r.path, `/v1/device/${ctx.sandbox.workspaceId}`);
	assert.equal(r.body.type, 'device');
	assert.equal(r.body.customer_id, 'e2e-user-1');
	assert.equal(r.body.device_id, 'e2e-device-1');
	assert.equal(r.body.attributes.platform, 'ANDROID');
	assert.equal(r.body.attributes.push_id, 'fcm-token-1');
	assert.equal(r.body.attributes.app_version, '5.2.0');
	assert.deepEqual(ctx.sandbox.accepted().map((a) => [a.kind, a.device_id]), [['device', 'e2e-device-1']]);
});

test('Data: Bulk → Import, whole input items as elements', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'data bulk import', NODE_TYPES.data, {
		resource: 'bulk',
		operation: 'import',
		elementSource: 'inputItem',
	});
	const items = [
		{ type: 'customer', customer_id: 'e2e-bulk-4', attributes: { plan: 'gold' } },
		{ type: 'event', customer_id: 'e2e-bulk-4', actions: [{ action: 'Signed Up' }] },
		{ type: 'device', customer_id: 'e2e-bulk-4', device_id: 'e2e-device-2', attributes: { platform: 'iOS', push_id: 'apns-1' } },
	];
	const { output, requests } = await runItems(ctx, flow, items);
	assert.equal(output.length, 3);
	assertDataRequests(ctx, requests, 1);
	const [r] = requests;
	assert.equal(r.path, `/v1/transition/${ctx.sandbox.workspaceId}`);
	assert.deepEqual(r.body.elements.map((e) => [e.type, e.customer_id]), items.map((i) => [i.type, i.customer_id]));
	assert.equal(r.acceptedElements, 3);
	assert.deepEqual(ctx.sandbox.accepted().map((a) => a.kind).sort(), ['customer', 'device', 'event']);
});

test('Data: User → Get returns the stored users and names the missing ones', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'data user get', NODE_TYPES.data, {
		resource: 'user',
		operation: 'get',
		identifierType: 'customerId',
		identifiers: '={{ $json.ids }}',
	});
	const { output, requests } = await runItems(ctx, flow, [{ ids: 'e2e-user-1, e2e-nobody' }]);
	assert.equal(output.length, 1);
	assertDataRequests(ctx, requests, 1);
	const [r] = requests;
	assert.equal(r.path, '/v1/customers/export');
	assert.equal(r.query.app_id, ctx.sandbox.workspaceId);
	assert.deepEqual(
		r.body.data.identifiers.map((i) => i.identifier),
		['e2e-user-1', 'e2e-nobody'],
	);
	const text = JSON.stringify(output[0]);
	assert.match(text, /e2e-user-1/);
	assert.match(text, /gold/, 'the stored attribute plan=gold is not in the output');
	assert.match(text, /e2e-nobody/, 'the user that was not found is not named');
});

test('Data: User → Merge', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'data user merge', NODE_TYPES.data, {
		resource: 'user',
		operation: 'merge',
		merges: { pair: [{ mergedCustomerId: '={{ $json.from }}', retainedCustomerId: '={{ $json.into }}' }] },
	});
	const { output, requests } = await runItems(ctx, flow, [{ from: 'e2e-user-2', into: 'e2e-user-1' }]);
	assert.equal(output.length, 1);
	assertDataRequests(ctx, requests, 1);
	const [r] = requests;
	assert.equal(r.path, '/v1/customer/merge');
	assert.equal(r.query.app_id, ctx.sandbox.workspaceId);
	assert.deepEqual(r.body.merge_data, [{ merged_user: 'e2e-user-2', retained_user: 'e2e-user-1' }]);
	assert.deepEqual(ctx.sandbox.accepted().map((a) => [a.kind, a.merged_user, a.customer_id]), [['merge', 'e2e-user-2', 'e2e-user-1']]);
});

test('Data: User → Delete', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'data user delete', NODE_TYPES.data, {
		resource: 'user',
		operation: 'delete',
		identifierType: 'customerId',
		identifier: '={{ $json.id }}',
	});
	const { output, requests } = await runItems(ctx, flow, [{ id: 'e2e-bulk-1' }]);
	assert.equal(output.length, 1);
	assertDataRequests(ctx, requests, 1);
	const [r] = requests;
	assert.equal(r.path, '/v1/customer/delete');
	assert.equal(r.query.app_id, ctx.sandbox.workspaceId);
	assert.deepEqual(r.body, { identity_type: 'customer_id', identity_value: 'e2e-bulk-1' });
	assert.equal(ctx.sandbox.users.has('e2e-bulk-1'), false);
});

test('Data: Cohort → Add Members and Remove Members (cohort sync, members packed into one request)', async (ctx) => {
	ctx.sandbox.addUsers(['e2e-cohort-1', 'e2e-cohort-2']);
	const cohort = { cohortName: 'E2E_Cohort', cohortId: 'e2e-cohort', customerId: '={{ $json.id }}' };
	const add = await deployNodeFlow(ctx, 'data cohort addMembers', NODE_TYPES.data, {
		resource: 'cohort',
		operation: 'addMembers',
		...cohort,
		cohortDescription: 'made by the e2e run',
	});
	const added = await runItems(ctx, add, [{ id: 'e2e-cohort-1' }, { id: 'e2e-cohort-2' }, { id: 'e2e-cohort-nobody' }]);
	assert.equal(added.output.length, 3, 'one output item per input item');
	assertDataRequests(ctx, added.requests, 1);
	const [r] = added.requests;
	assert.equal(r.path, '/v1/integrations/cohortsync');
	assert.deepEqual(r.body, {
		action: 'add_members',
		partner: 'n8n',
		parameters: {
			cohort_name: 'E2E_Cohort',
			cohort_id: 'e2e-cohort',
			cohort_description: 'made by the e2e run',
			members: [{ uid: 'e2e-cohort-1' }, { uid: 'e2e-cohort-2' }, { uid: 'e2e-cohort-nobody' }],
		},
	});
	assert.deepEqual(r.ignoredMembers, ['e2e-cohort-nobody'], 'the sandbox ignores the unknown user, as MoEngage does');
	assert.deepEqual([...ctx.sandbox.cohorts.get('e2e-cohort').members].sort(), ['e2e-cohort-1', 'e2e-cohort-2']);

	const remove = await deployNodeFlow(ctx, 'data cohort removeMembers', NODE_TYPES.data, {
		resource: 'cohort',
		operation: 'removeMembers',
		...cohort,
		options: { checkMembersExist: true },
	});
	const removed = await runItems(ctx, remove, [{ id: 'e2e-cohort-2' }, { id: 'e2e-cohort-nobody' }]);
	assert.equal(removed.output.length, 2);
	// One Get User lookup (Check Members Exist), then one cohort request.
	assertDataRequests(ctx, removed.requests, 2);
	assert.equal(removed.requests[0].path, '/v1/customers/export');
	assert.equal(removed.requests[1].path, '/v1/integrations/cohortsync');
	assert.equal(removed.requests[1].body.action, 'remove_members');
	assert.match(JSON.stringify(removed.output[1]), /"unknownUsers":\["e2e-cohort-nobody"\]/);
	assert.deepEqual([...ctx.sandbox.cohorts.get('e2e-cohort').members], ['e2e-cohort-1']);
});

test('Data: a wrong Data API key fails the execution with MoEngage’s 401, and the key is nowhere in it', async (ctx) => {
	const secret = 'e2e-wrong-data-key-5f2c';
	const wrong = await ctx.client.upsertCredential({
		name: 'e2e: wrong data key (node)',
		type: 'moEngageApi',
		data: { ...sandboxCredentialData(ctx.sandbox), dataApiKey: secret },
	});
	const flow = await deployNodeFlow(
		ctx,
		'data wrong key',
		NODE_TYPES.data,
		{ resource: 'user', operation: 'createOrUpdate', customerId: '={{ $json.id }}', options: { batch: false } },
		{ credential: wrong },
	);
	ctx.sandbox.clearRequests();
	const res = await flow.run({ items: [{ id: 'e2e-user-1' }] });
	assert.notEqual(res.status, 200, 'the webhook reported success');
	const [execution] = await ctx.client.waitForExecutions(flow.workflow.id, 1);
	assert.equal(execution.status, 'error');
	const error = executionError(execution);
	assert.match(`${error?.message} ${error?.description} ${error?.httpCode}`, /401|auth/i, JSON.stringify(error));
	assert.ok(ctx.sandbox.requests.length >= 1 && ctx.sandbox.requests.every((r) => r.status === 401), 'the sandbox did not refuse the key');
	assert.ok(!JSON.stringify(execution).includes(secret), 'the key appears in the execution data');
	assert.ok(!ctx.n8n.log().includes(secret), 'the key appears in n8n’s log');
});
