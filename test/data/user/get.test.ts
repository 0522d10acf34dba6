/**
 * User → Get (nodes/MoEngageData/actions/user/get.operation.ts), and IDs mapped from numeric
 * fields (Get and Delete), run through n8n-core against the sandbox over HTTP: the request path,
 * headers and body it sends, and the output item it returns.
 */
import { exportSchema } from '../../../nodes/MoEngageData/schemas/dataApi';
import { expectDataHeaders, output, runData, useSandbox, WS } from '../helpers';

const sb = useSandbox();

describe('User → Get', () => {
	test('sends the API reference body to /customers/export and returns the users found', async () => {
		await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: {
				customerId: 'u-700',
				attributesMode: 'json',
				attributesJson: '{"plan":"gold","city":"Pune"}',
			},
		});
		sb.clearRequests();
		const result = await runData(sb, {
			resource: 'user',
			operation: 'get',
			parameters: { identifierType: 'customerId', identifiers: 'u-700, nobody-1' },
			options: { fieldsToReturn: 'plan, customer_id' },
		});
		const [item] = output(result);
		const request = sb.requests[0];
		expect(request.path).toBe('/v1/customers/export');
		expect(request.query).toEqual({ app_id: WS });
		expectDataHeaders(sb, request);
		expect(request.body).toEqual({
			identifiers: [
				{ identifier_type: 'customer_id', identifier: 'u-700' },
				{ identifier_type: 'customer_id', identifier: 'nobody-1' },
			],
			user_fields_to_export: ['plan', 'customer_id'],
		});
		expect(exportSchema.safeParse(request.body).success).toBe(true);
		expect(item.json).toMatchObject({
			status: 'success',
			found: 1,
			users: [{ plan: 'gold', customer_id: 'u-700' }],
			notFound: ['nobody-1'],
			requestIndex: 0,
		});
	});
});

describe('User IDs mapped from numeric fields', () => {
	test('Get and Delete take a number as its digits', async () => {
		const got = await runData(sb, {
			resource: 'user',
			operation: 'get',
			parameters: { identifierType: 'customerId', identifiers: '={{ $json.user_id }}' },
			items: [{ user_id: 12345 }, { user_id: [678, '910'] }],
		});
		const deleted = await runData(sb, {
			resource: 'user',
			operation: 'delete',
			parameters: { identifierType: 'moengageId', identifier: '={{ $json.moe }}' },
			items: [{ moe: 4242 }],
		});
		expect(output(got).map((item) => item.json.status)).toEqual(['success', 'success']);
		expect(output(deleted)[0].json).toMatchObject({ status: 'success', moengage_id: '4242' });
		expect(sb.requests.map((r) => r.body)).toEqual([
			{ identifiers: [{ identifier_type: 'customer_id', identifier: '12345' }] },
			{
				identifiers: [
					{ identifier_type: 'customer_id', identifier: '678' },
					{ identifier_type: 'customer_id', identifier: '910' },
				],
			},
			{ identity_type: 'moengage_id', identity_value: '4242' },
		]);
	});

	test('an ID that is neither text nor a number fails its item by name, before any request', async () => {
		const result = await runData(sb, {
			resource: 'user',
			operation: 'get',
			parameters: { identifierType: 'customerId', identifiers: '={{ $json.user_id }}' },
			items: [{ user_id: ['u-1', { id: 'u-2' }] }],
		});
		expect(result.error?.message).toBe('Item 0: "Identifiers" holds an object, but IDs are text or numbers');
		expect(sb.requests).toHaveLength(0);
	});
});
