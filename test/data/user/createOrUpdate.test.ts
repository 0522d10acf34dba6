/**
 * User → Create or Update (nodes/MoEngageData/actions/user/createOrUpdate.operation.ts), run
 * through n8n-core against the sandbox over HTTP: the request path, headers and body it sends, and
 * the output item it returns.
 */
import { customerSchema, transitionSchema } from '../../../nodes/MoEngageData/schemas/dataApi';
import { expectDataHeaders, output, runData, useSandbox, WS } from '../helpers';

const sb = useSandbox();

describe('User → Create or Update', () => {
	test('one request per item to /customer with typed attributes and platforms (Batch off)', async () => {
		const result = await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: {
				customerId: 'u-100',
				attributesMode: 'fields',
				attributes: {
					attribute: [
						{ name: 'plan', value: 'gold', type: 'auto' },
						{ name: 'age', value: '31', type: 'number' },
						{ name: 'vip', value: 'true', type: 'boolean' },
						{ name: 'renewal', value: '1717200000', type: 'date' },
						{ name: 'last_seen', value: '2024-05-31T20:00:00.250+05:30', type: 'auto' },
					],
				},
				platforms: {
					platform: [
						{ platform: 'ANDROID', active: true },
						{ platform: 'web', active: false },
					],
				},
			},
			options: { batch: false },
		});
		const [item] = output(result);
		expect(sb.requests).toHaveLength(1);
		const request = sb.requests[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/v1/customer/${WS}`);
		expectDataHeaders(sb, request);
		expect(request.body).toEqual({
			type: 'customer',
			customer_id: 'u-100',
			attributes: {
				plan: 'gold',
				age: 31,
				vip: true,
				renewal: '2024-06-01T00:00:00Z',
				last_seen: '2024-05-31T14:30:00Z',
				platforms: [
					{ platform: 'ANDROID', active: 'true' },
					{ platform: 'web', active: 'false' },
				],
			},
		});
		expect(customerSchema.safeParse(request.body).success).toBe(true);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			status: 'success',
			customer_id: 'u-100',
			requestIndex: 0,
			requestId: request.requestId,
			batchSize: 1,
		});
		expect(item.json.message).toEqual(expect.any(String));
		expect(sb.users.get('u-100')?.attributes.plan).toBe('gold');
	});

	test('a JSON object of attributes with "update existing only", in a bulk request (Batch on)', async () => {
		const result = await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: {
				customerId: '={{ $json.id }}',
				attributesMode: 'json',
				attributesJson: '={{ JSON.stringify({ plan: $json.plan, score: 7 }) }}',
				updateExistingOnly: true,
			},
			items: [
				{ id: 'u-201', plan: 'gold' },
				{ id: 'u-202', plan: 'silver' },
			],
		});
		const items = output(result);
		expect(sb.requests).toHaveLength(1);
		const request = sb.requests[0];
		expect(request.path).toBe(`/v1/transition/${WS}`);
		expectDataHeaders(sb, request);
		expect(request.body).toEqual({
			type: 'transition',
			elements: [
				{ type: 'customer', customer_id: 'u-201', attributes: { plan: 'gold', score: 7 }, update_existing_only: true },
				{
					type: 'customer',
					customer_id: 'u-202',
					attributes: { plan: 'silver', score: 7 },
					update_existing_only: true,
				},
			],
		});
		expect(transitionSchema.safeParse(request.body).success).toBe(true);
		expect(items.map((i) => i.json)).toEqual([
			expect.objectContaining({
				status: 'success',
				customer_id: 'u-201',
				requestIndex: 0,
				batchSize: 2,
				elementIndex: 0,
			}),
			expect.objectContaining({
				status: 'success',
				customer_id: 'u-202',
				requestIndex: 0,
				batchSize: 2,
				elementIndex: 1,
			}),
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('"Whole Input Item" sends the item minus the field Customer ID is mapped from and customer_id', async () => {
		await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: { customerId: '={{ $json["user id"] }}', attributesMode: 'wholeItem' },
			items: [{ 'user id': 'u-301', customer_id: 'ignored', first_name: 'Ann', joined: '2024-01-02' }],
		});
		const body = sb.requests[0].body as { elements: unknown[] };
		expect(body.elements).toEqual([
			{ type: 'customer', customer_id: 'u-301', attributes: { first_name: 'Ann', joined: '2024-01-02' } },
		]);
	});
});

describe('User → Create or Update: the platforms attribute from every input path', () => {
	const bulkUser = (platforms: unknown) => ({ type: 'customer', customer_id: 'u-1', attributes: { platforms } });
	const runs = {
		'Attributes (JSON)': (platforms: unknown) => ({
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: { customerId: 'u-1', attributesMode: 'json', attributesJson: JSON.stringify({ platforms }) },
			continueOnFail: true,
		}),
		'Bulk → Import': (platforms: unknown) => ({
			resource: 'bulk',
			operation: 'import',
			parameters: {},
			items: [bulkUser(platforms)],
			continueOnFail: true,
		}),
	};

	test.each(Object.keys(runs))('%s: shapes MoEngage would drop fail the item before any request', async (path) => {
		const wrong: unknown[] = ['ANDROID', { platform: 'iOS' }, [{ os: 'x' }], [{ active: 'true' }], [{ platform: 'Windows', active: 'true' }], [{ platform: 'ANDROID', active: 'yes' }]];
		for (const platforms of wrong) {
			sb.clearRequests();
			const items = output(await runData(sb, runs[path as keyof typeof runs](platforms)));
			expect(String(items[0].json.error)).toContain('platforms');
			expect(items[0].json.details).toBeTruthy();
			expect(sb.requests).toHaveLength(0);
		}
	});

	test.each(Object.keys(runs))('%s: documented shapes are sent, spelled as MoEngage wants', async (path) => {
		sb.clearRequests();
		const items = output(
			await runData(sb, runs[path as keyof typeof runs]([{ platform: 'android', active: true }, { platform: 'IOS', active: 'false' }, { platform: 'Web', active: 'true' }])),
		);
		expect(items[0].json.status).toBe('success');
		expect(sb.accepted().map((a) => a.customer_id)).toEqual(['u-1']);
		const sent = sb.requests[0].body as { attributes?: { platforms: unknown }; elements?: Array<{ attributes: { platforms: unknown } }> };
		expect(sent.attributes?.platforms ?? sent.elements?.[0].attributes.platforms).toEqual([
			{ platform: 'ANDROID', active: 'true' },
			{ platform: 'iOS', active: 'false' },
			{ platform: 'web', active: 'true' },
		]);
	});
});
