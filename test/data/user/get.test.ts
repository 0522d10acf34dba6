/**
 * User → Get (nodes/MoEngageData/actions/user/get.operation.ts), and IDs mapped from numeric
 * fields (Get and Delete), run through n8n-core against the sandbox over HTTP: the request path,
 * headers and body it sends, and the output item it returns.
 */
import { exportSchema } from '../../../nodes/MoEngageData/schemas/dataApi';
import { MoEngageData } from '../../../nodes/MoEngageData/MoEngageData.node';
import { startSandbox } from '../../../sandbox';
import { runNode, sandboxCredentials } from '../../support/runNode';
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
		// The current reference: the lookup inside `data`.
		expect(request.body).toEqual({
			data: {
				identifiers: [
					{ identifier_type: 'customer_id', identifier: 'u-700' },
					{ identifier_type: 'customer_id', identifier: 'nobody-1' },
				],
				user_fields_to_export: ['plan', 'customer_id'],
			},
		});
		expect(exportSchema.safeParse((request.body as { data: unknown }).data).success).toBe(true);
		expect(item.json).toMatchObject({
			status: 'success',
			found: 1,
			users: [{ plan: 'gold', customer_id: 'u-700' }],
			notFound: ['nobody-1'],
			requestIndex: 0,
		});
	});
});

describe('User → Get against a workspace on the older body form, or without the API', () => {
	test('a refusal asking for root-level identifiers is answered once in that form, which the rest of the run then uses', async () => {
		const older = await startSandbox({ getUserBodyForm: 'root' });
		try {
			const result = await runNode({
				nodeType: new MoEngageData(),
				parameters: { resource: 'user', operation: 'get', identifierType: 'customerId', identifiers: '={{ $json.id }}' },
				items: [{ json: { id: 'u-1' } }, { json: { id: 'u-2' } }, { json: { id: 'u-3' } }],
				credentials: sandboxCredentials(older),
			});
			expect(output(result).map((i) => i.json.status)).toEqual(['success', 'success', 'success']);
			expect(older.requests.map((r) => [r.status, Object.keys(r.body as object)[0]])).toEqual([
				[400, 'data'],
				[200, 'identifiers'],
				[200, 'identifiers'],
				[200, 'identifiers'],
			]);
		} finally {
			await older.close();
		}
	});

	test('a workspace without the API: the error says MoEngage must enable it', async () => {
		const disabled = await startSandbox({ exportEnabled: false });
		try {
			const result = await runNode({
				nodeType: new MoEngageData(),
				parameters: { resource: 'user', operation: 'get', identifierType: 'customerId', identifiers: 'u-1' },
				items: [{ json: {} }],
				credentials: sandboxCredentials(disabled),
				continueOnFail: true,
			});
			expect(String(output(result)[0].json.details)).toContain('Get User must be enabled for the workspace by MoEngage');
		} finally {
			await disabled.close();
		}
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
			{ data: { identifiers: [{ identifier_type: 'customer_id', identifier: '12345' }] } },
			{
				data: {
					identifiers: [
						{ identifier_type: 'customer_id', identifier: '678' },
						{ identifier_type: 'customer_id', identifier: '910' },
					],
				},
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
