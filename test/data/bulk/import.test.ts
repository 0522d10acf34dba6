/**
 * Bulk → Import (nodes/MoEngageData/actions/bulk/import.operation.ts), run through n8n-core
 * against the sandbox over HTTP: the request path, headers and body it sends, and the output item
 * it returns.
 */
import { transitionSchema } from '../../../nodes/MoEngageData/schemas/dataApi';
import { expectDataHeaders, output, runData, useSandbox, WS } from '../helpers';

const sb = useSandbox();

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
