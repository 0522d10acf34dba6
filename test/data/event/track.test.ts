/**
 * Event → Track (nodes/MoEngageData/actions/event/track.operation.ts), run through n8n-core
 * against the sandbox over HTTP: the request path, headers and body it sends, and the output item
 * it returns.
 */
import { eventSchema } from '../../../nodes/MoEngageData/schemas/dataApi';
import { expectDataHeaders, output, runData, useSandbox, WS } from '../helpers';

const sb = useSandbox();

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

describe('Event → Track in a Portfolio workspace', () => {
	test('Options → Project Code goes in the query string, with app_id, batched or not', async () => {
		for (const batch of [true, false]) {
			sb.clearRequests();
			const [item] = output(
				await runData(sb, {
					resource: 'event',
					operation: 'track',
					parameters: { customerId: 'u-1', eventName: 'Viewed' },
					options: { batch, projectCode: ' PRJ-7 ' },
				}),
			);
			expect(item.json.status).toBe('success');
			expect(sb.requests[0].path).toBe(batch ? `/v1/transition/${WS}` : `/v1/event/${WS}`);
			expect(sb.requests[0].query).toEqual({ app_id: WS, project_code: 'PRJ-7' });
		}
	});
});
