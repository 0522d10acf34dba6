/**
 * Every operation of the MoEngage Data node, run through n8n-core against the sandbox over HTTP:
 * the request path, headers and body it sends, and the output item it returns.
 */
import {
	customerSchema,
	deleteSchema,
	deviceSchema,
	eventSchema,
	exportSchema,
	mergeSchema,
	transitionSchema,
} from '../../nodes/MoEngageData/schemas/dataApi';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { expectDataHeaders, output, runData } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => {
	sb.clearRequests();
});

const WS = 'SANDBOXWORKSPACE';

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

describe('Event → Track', () => {
	test('"Whole Input Item" leaves out every field another parameter reads, also in Additional Fields and computed expressions', async () => {
		await runData(sb, {
			resource: 'event',
			operation: 'track',
			parameters: {
				customerId: '={{ $json.user }}',
				actionsInput: 'single',
				eventName: '={{ $json.kind + "d" }}',
				attributesMode: 'wholeItem',
				additionalFields: { deviceId: '={{ $json.device_id }}', userTime: '={{ $json["happened at"] }}' },
			},
			items: [
				{ user: 'u-420', kind: 'Signe', device_id: 'd-9', 'happened at': '2024-05-01T10:00:00Z', amount: 5 },
			],
		});
		const body = sb.requests[0].body as { elements: unknown[] };
		expect(body.elements).toEqual([
			{
				type: 'event',
				customer_id: 'u-420',
				device_id: 'd-9',
				actions: [{ action: 'Signed', attributes: { amount: 5 }, user_time: '2024-05-01T10:00:00Z' }],
			},
		]);
	});

	test('one action from the fields, with times, offset, platform and app version (Batch off)', async () => {
		const result = await runData(sb, {
			resource: 'event',
			operation: 'track',
			parameters: {
				customerId: 'u-400',
				actionsInput: 'single',
				eventName: 'Purchase',
				attributesMode: 'fields',
				attributes: { attribute: [{ name: 'amount', value: '12.5', type: 'number' }] },
				additionalFields: {
					deviceId: 'd-400',
					platform: 'iOS',
					appVersion: '1.2.3',
					userTime: '2024-05-31T20:00:00+05:30',
					currentTime: '1717167600',
					userTimezoneOffset: 19800,
				},
			},
			options: { batch: false },
		});
		const [item] = output(result);
		const request = sb.requests[0];
		expect(request.path).toBe(`/v1/event/${WS}`);
		expectDataHeaders(sb, request);
		expect(request.body).toEqual({
			type: 'event',
			customer_id: 'u-400',
			device_id: 'd-400',
			actions: [
				{
					action: 'Purchase',
					attributes: { amount: 12.5 },
					platform: 'iOS',
					app_version: '1.2.3',
					user_time: '2024-05-31T14:30:00Z',
					current_time: '2024-05-31T15:00:00Z',
					user_timezone_offset: 19800,
				},
			],
		});
		expect(eventSchema.safeParse(request.body).success).toBe(true);
		expect(item.json).toMatchObject({
			status: 'success',
			customer_id: 'u-400',
			actions: ['Purchase'],
			requestIndex: 0,
		});
	});

	test('several actions of one item stay in one element', async () => {
		const result = await runData(sb, {
			resource: 'event',
			operation: 'track',
			parameters: {
				customerId: 'u-401',
				actionsInput: 'json',
				actionsJson: JSON.stringify([
					{ action: 'Added to Cart', attributes: { sku: 'A1' }, user_time: 1717167600000 },
					{ action: 'Purchase', attributes: { sku: 'A1', paid_on: '2024-05-31T15:00:00Z' } },
				]),
			},
		});
		const [item] = output(result);
		const body = sb.requests[0].body as { elements: Array<{ actions: unknown[] }> };
		expect(body.elements).toHaveLength(1);
		expect(body.elements[0]).toEqual({
			type: 'event',
			customer_id: 'u-401',
			actions: [
				{ action: 'Added to Cart', attributes: { sku: 'A1' }, user_time: '2024-05-31T15:00:00Z' },
				{ action: 'Purchase', attributes: { sku: 'A1', paid_on: '2024-05-31T15:00:00Z' } },
			],
		});
		expect(sb.accepted().map((a) => [a.kind, a.action, a.elementIndex])).toEqual([
			['event', 'Added to Cart', 0],
			['event', 'Purchase', 0],
		]);
		expect(item.json).toMatchObject({ actions: ['Added to Cart', 'Purchase'], batchSize: 1 });
	});
});

describe('Device → Create or Update', () => {
	test('sends customer, device, platform, push token and the documented attributes to /device', async () => {
		const result = await runData(sb, {
			resource: 'device',
			operation: 'createOrUpdate',
			parameters: {
				customerId: 'u-500',
				deviceId: 'dev-500',
				platform: 'ANDROID',
				pushToken: 'fcm-token-500',
				additionalFields: {
					model: 'Pixel 8',
					osVersion: '14',
					appVersion: '3.1',
					pushOptIn: true,
					advertisingId: 'gaid-1',
				},
			},
			options: { batch: false },
		});
		const [item] = output(result);
		const request = sb.requests[0];
		expect(request.path).toBe(`/v1/device/${WS}`);
		expectDataHeaders(sb, request);
		expect(request.body).toEqual({
			type: 'device',
			customer_id: 'u-500',
			device_id: 'dev-500',
			attributes: {
				platform: 'ANDROID',
				push_id: 'fcm-token-500',
				model: 'Pixel 8',
				os_version: '14',
				app_version: '3.1',
				moe_push_opted: 'True',
				moe_gaid: 'gaid-1',
			},
		});
		expect(deviceSchema.safeParse(request.body).success).toBe(true);
		expect(item.json).toMatchObject({ status: 'success', customer_id: 'u-500', device_id: 'dev-500' });
	});

	test('batched devices go to a bulk import', async () => {
		await runData(sb, {
			resource: 'device',
			operation: 'createOrUpdate',
			parameters: { customerId: 'u-501', deviceId: '={{ $json.d }}', platform: 'web', pushToken: 'tok' },
			items: [{ d: 'dev-1' }, { d: 'dev-2' }],
		});
		expect(sb.requests.map((r) => r.path)).toEqual([`/v1/transition/${WS}`]);
		expect(sb.accepted().map((a) => [a.kind, a.device_id])).toEqual([
			['device', 'dev-1'],
			['device', 'dev-2'],
		]);
	});
});

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

describe('User → Merge', () => {
	test('pairs of consecutive items share calls of at most 50 pairs', async () => {
		const pair = (k: number) => ({
			mergedCustomerId: `={{ "old-" + $json.n + "-${k}" }}`,
			retainedCustomerId: '={{ "new-" + $json.n }}',
		});
		const result = await runData(sb, {
			resource: 'user',
			operation: 'merge',
			parameters: { merges: { pair: Array.from({ length: 20 }, (_, k) => pair(k)) } },
			items: [{ n: 1 }, { n: 2 }, { n: 3 }],
		});
		const items = output(result);
		// 20 + 20 fit in one call; the third item's 20 pairs would make 60.
		expect(sb.requests.map((r) => (r.body as { merge_data: unknown[] }).merge_data.length)).toEqual([40, 20]);
		for (const request of sb.requests) {
			expect(request.path).toBe('/v1/customer/merge');
			expect(request.query).toEqual({ app_id: WS });
			expectDataHeaders(sb, request);
			expect(mergeSchema.safeParse(request.body).success).toBe(true);
		}
		expect((sb.requests[0].body as { merge_data: unknown[] }).merge_data[0]).toEqual({
			merged_user: 'old-1-0',
			retained_user: 'new-1',
		});
		expect(items.map((i) => [i.json.requestIndex, i.json.batchSize])).toEqual([
			[0, 2],
			[0, 2],
			[1, 1],
		]);
		expect(sb.accepted().filter((a) => a.kind === 'merge')).toHaveLength(60);
	});
});

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

describe('Bulk → Import', () => {
	test('mixed users, events and devices from the input items in one bulk request', async () => {
		const given = [
			{ type: 'customer', customer_id: 'b-1', attributes: { plan: 'gold', signup: 1717200000 } },
			{ type: 'Event', customer_id: 'b-1', actions: [{ action: 'Login', current_time: '2024-05-31T15:00:00Z' }] },
			{ type: 'device', customer_id: 'b-1', device_id: 'b-dev', attributes: { platform: 'ios', push_id: 'apns-1' } },
			{ type: 'event', customer_id: 'b-2', actions: [{ action: 'Paid', attributes: { amount: 5, note: 'as given' } }] },
		];
		const asGiven = structuredClone(given);
		const result = await runData(sb, {
			resource: 'bulk',
			operation: 'import',
			parameters: { elementSource: 'inputItem' },
			options: { dateAttributes: 'signup' },
			items: given,
		});
		const items = output(result);
		expect(sb.requests).toHaveLength(1);
		const request = sb.requests[0];
		expect(request.path).toBe(`/v1/transition/${WS}`);
		expectDataHeaders(sb, request);
		expect(request.body).toEqual({
			type: 'transition',
			elements: [
				{ type: 'customer', customer_id: 'b-1', attributes: { plan: 'gold', signup: '2024-06-01T00:00:00Z' } },
				{
					type: 'event',
					customer_id: 'b-1',
					actions: [{ action: 'Login', attributes: {}, current_time: '2024-05-31T15:00:00Z' }],
				},
				{ type: 'device', customer_id: 'b-1', device_id: 'b-dev', attributes: { platform: 'iOS', push_id: 'apns-1' } },
				{ type: 'event', customer_id: 'b-2', actions: [{ action: 'Paid', attributes: { amount: 5, note: 'as given' } }] },
			],
		});
		// Converting dates and platforms changes what is sent, never the input items themselves.
		expect(given).toEqual(asGiven);
		expect(transitionSchema.safeParse(request.body).success).toBe(true);
		expect(request.rejectedElements).toEqual([]);
		expect(sb.accepted().map((a) => a.kind)).toEqual(['customer', 'event', 'device', 'event']);
		expect(items.map((i) => i.json.type)).toEqual(['customer', 'event', 'device', 'event']);
		expect(items.every((i) => i.json.status === 'success' && i.json.requestId === request.requestId)).toBe(true);
	});
});
