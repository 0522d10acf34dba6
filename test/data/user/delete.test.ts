/**
 * User → Delete (nodes/MoEngageData/actions/user/delete.operation.ts), run through n8n-core
 * against the sandbox over HTTP: the request path, headers and body it sends, and the output item
 * it returns.
 */
import { deleteSchema } from '../../../nodes/MoEngageData/schemas/dataApi';
import { expectDataHeaders, output, runData, useSandbox, WS } from '../helpers';

const sb = useSandbox();

describe('User → Delete', () => {
	test('by customer ID and by MoEngage ID, one request per item', async () => {
		const byCustomer = await runData(sb, {
			resource: 'user',
			operation: 'delete',
			parameters: { identifierType: 'customerId', identifier: 'u-600' },
		});
		const byMoEngage = await runData(sb, {
			resource: 'user',
			operation: 'delete',
			parameters: { identifierType: 'moengageId', identifier: 'moe-abc' },
		});
		expect(sb.requests).toHaveLength(2);
		for (const request of sb.requests) {
			expect(request.path).toBe('/v1/customer/delete');
			expect(request.query).toEqual({ app_id: WS });
			expectDataHeaders(sb, request);
			expect(deleteSchema.safeParse(request.body).success).toBe(true);
		}
		expect(sb.requests.map((r) => r.body)).toEqual([
			{ identity_type: 'customer_id', identity_value: 'u-600' },
			{ identity_type: 'moengage_id', identity_value: 'moe-abc' },
		]);
		expect(output(byCustomer)[0].json).toMatchObject({ status: 'success', customer_id: 'u-600', requestIndex: 0 });
		expect(output(byMoEngage)[0].json).toMatchObject({ status: 'success', moengage_id: 'moe-abc' });
	});
});
