// MoEngage Inform → Send, run by n8n (published workflow, started by its webhook), checked from
// what the sandbox received: path, key, body, and which host (live or test) took the message.
import assert from 'node:assert/strict';
import { test } from '../harness.mjs';
import { runItems } from '../flows.mjs';
import { basicAuthOf, deployWebhookFlow, executionError, moEngageStep, NODE_TYPES } from '../helpers.mjs';
import { sandboxCredentialData } from '../../scripts/lib/sandbox.mjs';

const SPLIT_ITEMS = {
	name: 'One Item per Entry',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
};

const liveAlert = (ctx) => ctx.sandbox.informAlerts.find((a) => !a.test).alert_id;
const testAlert = (ctx) => ctx.sandbox.informAlerts.find((a) => a.test).alert_id;

/** Webhook → Split Out → MoEngage Inform with `parameters` (Alert → Send). */
async function informFlow(ctx, name, parameters, options) {
	const step = moEngageStep(NODE_TYPES.inform, { resource: 'alert', operation: 'send', ...parameters }, 'MoEngage Inform');
	return await deployWebhookFlow(ctx, name, [SPLIT_ITEMS, step], options);
}

/** Every request was an Inform send with the Inform key and MOE-APPKEY. */
function assertInformRequests(ctx, requests, path) {
	assert.ok(requests.length > 0, 'nothing was sent');
	for (const r of requests) {
		assert.equal(r.method, 'POST');
		assert.equal(r.path, path);
		const auth = basicAuthOf(r);
		assert.equal(auth?.user, ctx.sandbox.workspaceId, `${r.path} was not sent with the Workspace ID`);
		assert.equal(auth?.key, ctx.sandbox.informApiKey, `${r.path} was not sent with the Inform API key`);
		assert.equal(r.headers['moe-appkey'], ctx.sandbox.workspaceId, `${r.path} has no MOE-APPKEY`);
		assert.match(String(r.headers['content-type']), /^application\/json/);
	}
}

const SMS_FIELDS = (alertId) => ({
	alertBy: 'id',
	alertId,
	userId: '={{ $json.user }}',
	payloadsInput: 'fields',
	channels: { sms: { recipient: '={{ $json.mobile }}' } },
	attributesInput: 'fields',
	personalizedAttributes: { attribute: [{ name: 'firstname', value: '={{ $json.name }}' }] },
});

test('Inform: Send an SMS alert per item (fields); the same items again are reported already sent, not sent twice', async (ctx) => {
	ctx.sandbox.resetInform();
	const flow = await informFlow(ctx, 'inform send fields', SMS_FIELDS(liveAlert(ctx)));
	const items = [
		{ user: 'e2e-inform-1', mobile: '919876543210', name: 'Ada' },
		{ user: 'e2e-inform-2', mobile: '919876543211', name: 'Grace' },
	];
	const first = await runItems(ctx, flow, items);
	assert.equal(first.output.length, 2, 'one output item per input item');
	assertInformRequests(ctx, first.requests, '/v1.0/alerts/send');
	assert.equal(first.requests.length, 2);
	assert.deepEqual(first.requests[0].body.payloads, { SMS: { recipient: '919876543210', personalized_attributes: { firstname: 'Ada' } } });
	assert.equal(first.requests[0].body.user_id, 'e2e-inform-1');
	assert.match(first.requests[0].body.transaction_id, /^n8n-[0-9a-f]{40}$/);
	assert.deepEqual(first.output.map((o) => [o.sent, o.alreadySent, o.test]), [[true, false, false], [true, false, false]]);
	assert.equal(ctx.sandbox.informSent('live').length, 2);

	const again = await runItems(ctx, flow, items);
	assert.deepEqual(again.requests.map((r) => r.status), [409, 409]);
	assert.deepEqual(again.output.map((o) => [o.sent, o.alreadySent]), [[true, true], [true, true]]);
	assert.deepEqual(again.output.map((o) => o.transactionId), first.output.map((o) => o.transactionId));
	// clearRequests() (in runItems) empties the sent list: nothing new was taken.
	assert.equal(ctx.sandbox.informSent('live').length, 0);
});

test('Inform: Send with payloads from the item (JSON) and an own Transaction ID', async (ctx) => {
	ctx.sandbox.resetInform();
	const flow = await informFlow(ctx, 'inform send json', {
		alertBy: 'referenceName',
		alertReferenceName: 'order_shipped',
		payloadsInput: 'json',
		payloadsJson: '={{ JSON.stringify($json.payloads) }}',
		options: { transactionId: '={{ $json.order }}' },
	});
	const { output, requests } = await runItems(ctx, flow, [
		{ order: 'e2e-order-1', payloads: { EMAIL: { recipient: 'ada@example.com', personalized_attributes: { orderid: 'e2e-order-1' } } } },
	]);
	assert.equal(output.length, 1);
	assertInformRequests(ctx, requests, '/v1.0/alerts/send');
	assert.deepEqual(requests[0].body, {
		alert_reference_name: 'order_shipped',
		transaction_id: 'e2e-order-1',
		payloads: { EMAIL: { recipient: 'ada@example.com', personalized_attributes: { orderid: 'e2e-order-1' } } },
	});
	assert.equal(output[0].transactionId, 'e2e-order-1');
	assert.equal(output[0].sent, true);
});

test('Inform: Test on sends to the test host only (the credential’s Inform Test Base URL)', async (ctx) => {
	ctx.sandbox.resetInform();
	const flow = await informFlow(ctx, 'inform send test host', { ...SMS_FIELDS(testAlert(ctx)), test: true });
	const { output, requests } = await runItems(ctx, flow, [{ user: 'e2e-inform-1', mobile: '919876543210', name: 'Ada' }]);
	assertInformRequests(ctx, requests, '/inform-test/v1.0/alerts/send');
	assert.equal(output[0].test, true);
	assert.equal(ctx.sandbox.informSent('test').length, 1);
	assert.equal(ctx.sandbox.informSent('live').length, 0);
});

test('Inform: a credential without the Inform key fails the execution before any request, naming the key', async (ctx) => {
	const { informApiKey: _omitted, ...data } = sandboxCredentialData(ctx.sandbox);
	const noKey = await ctx.client.upsertCredential({ name: 'e2e: no inform key', type: 'moEngageApi', data });
	const flow = await informFlow(ctx, 'inform no key', SMS_FIELDS(liveAlert(ctx)), { credential: noKey });
	ctx.sandbox.clearRequests();
	const res = await flow.run({ items: [{ user: 'e2e-inform-1', mobile: '919876543210', name: 'Ada' }] });
	assert.notEqual(res.status, 200, 'the webhook reported success');
	const [execution] = await ctx.client.waitForExecutions(flow.workflow.id, 1);
	assert.equal(execution.status, 'error');
	const error = executionError(execution);
	assert.match(`${error?.message} ${error?.description}`, /Inform API Key/, JSON.stringify(error));
	assert.equal(ctx.sandbox.requests.length, 0, 'a request was sent without the key');
});
