/**
 * MoEngage's refusals per item under Continue On Fail, NodeApiErrors with the item index
 * otherwise, and a credential without the Data API key.
 */
import { startSandbox } from '../../sandbox';
import type { DataRun } from './helpers';
import { output, runData, useSandbox } from './helpers';

const sb = useSandbox();

const REFUSAL = {
	kind: 'status' as const,
	status: 400,
	pathPrefix: '/v1/customer',
	body: {
		status: 'fail',
		error: { type: 'InvalidParams', message: 'attribute plan is invalid', request_id: 'req-400' },
	},
};

function usersOneByOne(continueOnFail: boolean): DataRun {
	return {
		resource: 'user',
		operation: 'createOrUpdate',
		parameters: { customerId: '={{ $json.id }}', attributesMode: 'fields' },
		options: { batch: false },
		items: [{ id: 'u-1' }, { id: 'u-2' }, { id: 'u-3' }],
		continueOnFail,
	};
}

test('Continue On Fail: the refused item becomes an error item, the others succeed', async () => {
	sb.injectFaults(REFUSAL);
	const items = output(await runData(sb, usersOneByOne(true)));
	expect(items).toHaveLength(3);
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].json).toEqual({
		error: 'MoEngage: attribute plan is invalid',
		details: expect.stringContaining('MoEngage request ID: req-400'),
	});
	expect(items[0].json.details).toContain('Request 0 carried this item alone.');
	expect(items.slice(1).map((i) => [i.json.status, i.json.customer_id, i.json.requestIndex])).toEqual([
		['success', 'u-2', 1],
		['success', 'u-3', 2],
	]);
	expect(sb.accepted().map((a) => a.customer_id)).toEqual(['u-2', 'u-3']);
});

test('without Continue On Fail: a NodeApiError with the item index and HTTP code, and nothing more is sent', async () => {
	// The first request goes through (a 1 ms delay), the second is refused.
	sb.injectFaults({ kind: 'delay', ms: 1 }, REFUSAL);
	const run = usersOneByOne(false);
	const result = await runData(sb, run);
	expect(result.error?.name).toBe('NodeApiError');
	expect(result.error?.message).toBe('MoEngage: attribute plan is invalid');
	expect(result.error?.httpCode).toBe('400');
	expect(result.error?.context?.itemIndex).toBe(1);
	expect(result.error?.description).toContain('1 item(s) sent in earlier requests were accepted');
	expect(sb.requests).toHaveLength(2);
});

test('a 2xx answer that says "fail" is a failure too', async () => {
	sb.injectFaults({
		kind: 'status',
		status: 200,
		pathPrefix: '/v1/transition',
		body: { status: 'fail', error: { type: 'TypeError', message: 'expected string' } },
	});
	const items = output(
		await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: { customerId: 'u-9', attributesMode: 'fields' },
			continueOnFail: true,
		}),
	);
	expect(items[0].json.error).toBe('MoEngage: expected string');
});

test('a missing Data API key fails before any request, naming the key and where to find it', async () => {
	for (const run of [
		{ resource: 'user', operation: 'createOrUpdate', parameters: { customerId: 'u-1' } },
		{ resource: 'bulk', operation: 'import', items: [{ type: 'customer', customer_id: 'u-1' }] },
	]) {
		const result = await runData(sb, { ...run, credentials: { dataApiKey: '' } });
		expect(result.error?.message).toBe('The MoEngage credential has no Data API Key');
		expect(result.error?.description).toContain('Settings → Account → APIs → API keys → "Data" tile');
	}
	expect(sb.requests).toHaveLength(0);
});

test("Get User when MoEngage has not enabled it: the item fails with MoEngage's reason", async () => {
	const disabled = await startSandbox({ exportEnabled: false });
	try {
		const items = output(
			await runData(disabled, {
				resource: 'user',
				operation: 'get',
				parameters: { identifierType: 'customerId', identifiers: 'u-1' },
				continueOnFail: true,
			}),
		);
		expect(items[0].json.error).toMatch(/not enabled/);
		expect(disabled.requests[0].status).toBe(403);
	} finally {
		await disabled.close();
	}
});

test("a wrong key: MoEngage's 401 is reported without the key in any output", async () => {
	const wrongKey = `${sb.dataApiKey}-but-wrong`;
	const items = output(
		await runData(sb, {
			resource: 'user',
			operation: 'delete',
			parameters: { identifierType: 'customerId', identifier: 'u-1' },
			credentials: { dataApiKey: wrongKey },
			continueOnFail: true,
		}),
	);
	expect(items[0].json.error).toMatch(/^MoEngage: /);
	expect(items[0].json.details).toContain('MoEngage did not accept the Data API Key with this Workspace ID');
	expect(JSON.stringify(items)).not.toContain(wrongKey);
	expect(sb.requests[0].status).toBe(401);
});
