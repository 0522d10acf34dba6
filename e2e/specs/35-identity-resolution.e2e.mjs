// Identity Resolution (MoEngage Data, Identify By: Identifiers), run by n8n against the sandbox with
// its Identity Resolution workspace option on: users and events named by identifiers without a
// customer ID, and Merge refused with the explanation.
import assert from 'node:assert/strict';
import { test } from '../harness.mjs';
import { deployNodeFlow, runItems } from '../flows.mjs';
import { keyFamily, NODE_TYPES } from '../helpers.mjs';


/** Runs `fn` with Identity Resolution on in the sandbox workspace, and turns it off afterwards. */
async function withIdentityResolution(ctx, fn) {
	ctx.sandbox.setIdentityResolution({ enabled: true, identifiers: ['moe_mobile', 'email'] });
	try {
		await fn();
	} finally {
		ctx.sandbox.setIdentityResolution({ enabled: false });
	}
}

function assertAccepted(ctx, requests, path) {
	assert.equal(requests.length, 1, `expected 1 request, got ${requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
	const [r] = requests;
	assert.equal(r.path, path);
	assert.equal(keyFamily(ctx, r), 'data');
	assert.equal(r.status, 200, `${r.path} answered ${r.status}: ${JSON.stringify(r.response)}`);
	return r;
}

test('Identity Resolution: User → Create or Update by identifiers, without a customer ID', async (ctx) => {
	await withIdentityResolution(ctx, async () => {
		const flow = await deployNodeFlow(ctx, 'ir user createOrUpdate', NODE_TYPES.data, {
			resource: 'user',
			operation: 'createOrUpdate',
			identifyBy: 'identifiers',
			userIdentifiers: {
				identifier: [
					{ name: 'moe_mobile', value: '={{ $json.mobile }}' },
					{ name: 'email', value: '={{ $json.email }}' },
				],
			},
			attributesMode: 'fields',
			attributes: { attribute: [{ name: 'first_name', value: '={{ $json.name }}', type: 'string' }] },
			options: { batch: false },
		});
		const { output, requests } = await runItems(ctx, flow, [{ mobile: ' +15550900 ', email: '', name: 'Ada' }]);
		assert.equal(output.length, 1);
		assert.equal(output[0].status, 'success');
		const r = assertAccepted(ctx, requests, `/v1/customer/${ctx.sandbox.workspaceId}`);
		assert.deepEqual(r.body, { type: 'customer', attributes: { first_name: 'Ada', moe_mobile: '+15550900' } });
		const stored = [...ctx.sandbox.users.values()].find((u) => u.attributes.moe_mobile === '+15550900');
		assert.ok(stored, 'the sandbox knows the user by its identifier');
		assert.equal(stored.customer_id, null);
		assert.equal(stored.attributes.first_name, 'Ada');
	});
});

test('Identity Resolution: Event → Track with user_identifiers, without a customer ID', async (ctx) => {
	await withIdentityResolution(ctx, async () => {
		const flow = await deployNodeFlow(ctx, 'ir event track', NODE_TYPES.data, {
			resource: 'event',
			operation: 'track',
			identifyBy: 'identifiers',
			userIdentifiers: { identifier: [{ name: 'moe_mobile', value: '={{ $json.mobile }}' }] },
			eventName: 'AddToCart',
			attributesMode: 'fields',
			attributes: { attribute: [{ name: 'product', value: 'MacBook Air', type: 'string' }] },
		});
		const { output, requests } = await runItems(ctx, flow, [{ mobile: '+15550900' }, { mobile: '+15550901' }]);
		assert.deepEqual(
			output.map((o) => [o.status, o.customer_id]),
			[
				['success', undefined],
				['success', undefined],
			],
		);
		const r = assertAccepted(ctx, requests, `/v1/transition/${ctx.sandbox.workspaceId}`);
		assert.deepEqual(
			r.body.elements.map((e) => [e.type, e.customer_id, e.user_identifiers]),
			[
				['event', undefined, { moe_mobile: '+15550900' }],
				['event', undefined, { moe_mobile: '+15550901' }],
			],
		);
		assert.deepEqual(r.rejectedElements ?? [], []);
		assert.deepEqual(
			ctx.sandbox.accepted().map((a) => [a.kind, a.action, a.identifiers?.moe_mobile]),
			[
				['event', 'AddToCart', '+15550900'],
				['event', 'AddToCart', '+15550901'],
			],
		);
	});
});

test('Identity Resolution: User → Merge is refused, and the item says why', async (ctx) => {
	await withIdentityResolution(ctx, async () => {
		const flow = await deployNodeFlow(
			ctx,
			'ir user merge',
			NODE_TYPES.data,
			{
				resource: 'user',
				operation: 'merge',
				merges: { pair: [{ mergedCustomerId: '={{ $json.from }}', retainedCustomerId: '={{ $json.into }}' }] },
			},
			{ onError: 'continueRegularOutput' },
		);
		const { output, requests } = await runItems(ctx, flow, [{ from: 'e2e-ir-old', into: 'e2e-ir-new' }]);
		assert.equal(requests.length, 1);
		assert.equal(requests[0].status, 403);
		assert.equal(output.length, 1);
		assert.match(String(output[0].details), /Merge is disabled in workspaces with Identity Resolution: MoEngage merges users sharing an identifier itself/);
	});
});
