/**
 * Event → Track with Identify By: Identifiers (Identity Resolution workspaces): the identifiers go
 * into `user_identifiers`, run through n8n-core against a sandbox workspace with Identity Resolution on.
 */
import { eventSchema, transitionSchema } from '../../../nodes/MoEngageData/schemas/dataApi';
import { output, runData, useSandbox, WS } from '../helpers';

const sb = useSandbox({ identityResolution: true });

const identifiers = (...pairs: Array<[string, unknown]>) => ({
	identifier: pairs.map(([name, value]) => ({ name, value })),
});

describe('Event → Track, Identify By: Identifiers', () => {
	test('an event with user_identifiers and no customer_id (Batch off)', async () => {
		const result = await runData(sb, {
			resource: 'event',
			operation: 'track',
			parameters: {
				identifyBy: 'identifiers',
				userIdentifiers: identifiers(['moe_mobile', '={{ $json.mobile }}'], ['email', '={{ $json.email }}']),
				eventName: 'AddToCart',
				attributesMode: 'json',
				attributesJson: '{"product":"MacBook Air"}',
			},
			items: [{ mobile: '+15550300', email: ' ada@example.com ' }],
			options: { batch: false },
		});
		const [item] = output(result);
		const request = sb.requests[0];
		expect(request.path).toBe(`/v1/event/${WS}`);
		expect(request.status).toBe(200);
		expect(request.body).toEqual({
			type: 'event',
			user_identifiers: { moe_mobile: '+15550300', email: 'ada@example.com' },
			actions: [{ action: 'AddToCart', attributes: { product: 'MacBook Air' } }],
		});
		expect(eventSchema.safeParse(request.body).success).toBe(true);
		expect(item.json).toMatchObject({ status: 'success', actions: ['AddToCart'] });
		expect(sb.accepted()).toEqual([
			expect.objectContaining({ kind: 'event', action: 'AddToCart', identifiers: { moe_mobile: '+15550300', email: 'ada@example.com' } }),
		]);
	});

	test('batched, several actions from JSON, a Customer ID beside the identifiers', async () => {
		const result = await runData(sb, {
			resource: 'event',
			operation: 'track',
			parameters: {
				identifyBy: 'identifiers',
				customerId: '={{ $json.id }}',
				userIdentifiers: identifiers(['email', '={{ $json.email }}']),
				actionsInput: 'json',
				actionsJson: '[{"action":"Login"},{"action":"Logout"}]',
			},
			items: [{ id: 'u-ev-1', email: 'u1@example.com' }, { email: '', id: 'u-ev-2' }],
		});
		expect(output(result).map((i) => i.json.status)).toEqual(['success', 'success']);
		const body = sb.requests[0].body as { elements: unknown[] };
		expect(transitionSchema.safeParse(body).success).toBe(true);
		const actions = [
			{ action: 'Login', attributes: {} },
			{ action: 'Logout', attributes: {} },
		];
		expect(body.elements).toEqual([
			{ type: 'event', customer_id: 'u-ev-1', user_identifiers: { email: 'u1@example.com' }, actions },
			{ type: 'event', customer_id: 'u-ev-2', actions },
		]);
		expect(sb.requests[0].rejectedElements).toEqual([]);
	});

	test('refused before any request when no identifier has a value and no Customer ID is given', async () => {
		const result = await runData(sb, {
			resource: 'event',
			operation: 'track',
			parameters: {
				identifyBy: 'identifiers',
				userIdentifiers: identifiers(['moe_mobile', '={{ $json.mobile }}']),
				eventName: 'Login',
			},
			items: [{ mobile: '+15550301' }, { mobile: ' ' }],
			continueOnFail: true,
		});
		const items = output(result);
		expect(items[0].json.status).toBe('success');
		expect(items[1].json.error).toBe('Item 1: "Identifiers" has no identifier with a value (moe_mobile), and no customer ID is given');
		expect(sb.requests).toHaveLength(1);
		expect((sb.requests[0].body as { elements: unknown[] }).elements).toHaveLength(1);
	});

	test('Customer ID mode is unchanged: no user_identifiers, the Customer ID required', async () => {
		const result = await runData(sb, {
			resource: 'event',
			operation: 'track',
			parameters: { customerId: '={{ $json.id }}', eventName: 'Login' },
			items: [{ id: 'u-ev-3' }, { id: '' }],
			options: { batch: false },
			continueOnFail: true,
		});
		const items = output(result);
		expect(sb.requests[0].body).toEqual({ type: 'event', customer_id: 'u-ev-3', actions: [{ action: 'Login', attributes: {} }] });
		expect(items[0].json).toMatchObject({ status: 'success', customer_id: 'u-ev-3', actions: ['Login'] });
		expect(items[1].json.error).toBe('Item 1: "Customer ID" is empty');
		expect(sb.requests).toHaveLength(1);
	});
});
