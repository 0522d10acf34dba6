// Webhook-started workflows around the MoEngage action nodes, shared by the specs:
//   Webhook (POST {items: [...]}) → Split Out (one item per entry of `items`) → MoEngage node.
// The webhook answers when the last node is done, with every item that node output.
import assert from 'node:assert/strict';
import { deployWebhookFlow, executionError, moEngageStep, NODE_TYPES } from './helpers.mjs';

const SPLIT_ITEMS = {
	name: 'One Item per Entry',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
};

/**
 * Publishes Webhook → Split Out → MoEngage `type` with `parameters` (and `options.credential`), at
 * `options.typeVersion` (default 1), with n8n's `options.onError` setting when given.
 */
export async function deployNodeFlow(ctx, name, type, parameters, options = {}) {
	const { typeVersion = 1, onError, ...deployOptions } = options;
	const step = { ...moEngageStep(type, parameters), typeVersion, ...(onError ? { onError } : {}) };
	return await deployWebhookFlow(ctx, name, [SPLIT_ITEMS, step], deployOptions);
}

/**
 * Runs `items` through a flow from deployNodeFlow and checks that the execution succeeded.
 * Returns the node's output items, the execution and the sandbox requests it caused.
 */
export async function runItems(ctx, flow, items) {
	ctx.sandbox.clearRequests();
	const before = (await ctx.client.executions({ workflowId: flow.workflow.id, includeData: false })).length;
	const res = await flow.run({ items });
	const executions = await ctx.client.waitForExecutions(flow.workflow.id, before + 1);
	const execution = executions.at(-1);
	const error = executionError(execution);
	assert.equal(
		execution.status,
		'success',
		`the execution ${execution.status}: ${error?.message ?? ''} ${error?.description ?? ''} (webhook answered ${res.status} ${JSON.stringify(res.body)})`,
	);
	assert.equal(res.status, 200, `the webhook answered ${res.status}: ${JSON.stringify(res.body)}`);
	const output = Array.isArray(res.body) ? res.body : [res.body];
	return { output, execution, requests: [...ctx.sandbox.requests] };
}

/** Webhook → MoEngage Data (Event → Track, one request per item) for the customer in the body. */
export async function dataTrackFlow(ctx, name) {
	return await deployWebhookFlow(ctx, name, [
		moEngageStep(NODE_TYPES.data, {
			resource: 'event',
			operation: 'track',
			customerId: '={{ $json.body.customerId }}',
			eventName: 'Viewed Product',
			attributesMode: 'fields',
			attributes: { attribute: [{ name: 'product', value: 'Shoes', type: 'string' }] },
			options: { batch: false },
		}),
	]);
}
