/**
 * Bulk → Import with Identify By: Identifiers (Identity Resolution workspaces): elements may name
 * their user by the workspace's identifiers instead of customer_id. Without it, or in a workspace
 * without Identity Resolution, an element without customer_id is refused as before.
 */
import { transitionSchema } from '../../../nodes/MoEngageData/schemas/dataApi';
import { output, runData, useSandbox } from '../helpers';

const sb = useSandbox({ identityResolution: true });

const IR = { identifyBy: 'identifiers', identifierNames: 'moe_mobile, email' };

describe('Bulk → Import, Identify By: Identifiers', () => {
	test('customer and event elements named by identifiers are sent and accepted; devices keep customer_id', async () => {
		const items = [
			{ type: 'customer', attributes: { moe_mobile: ' +15550400 ', first_name: 'John' } },
			{ type: 'event', user_identifiers: { moe_mobile: '+15550400' }, actions: [{ action: 'AddToCart', attributes: { product: 'MacBook Air' } }] },
			{ type: 'customer', customer_id: 'u-bulk-1', attributes: { email: 'u1@example.com' } },
			{ type: 'device', customer_id: 'u-bulk-1', device_id: 'd-1', attributes: { platform: 'ANDROID' } },
		];
		const result = await runData(sb, { resource: 'bulk', operation: 'import', parameters: IR, items });
		const out = output(result);
		expect(out.map((i) => i.json.status)).toEqual(['success', 'success', 'success', 'success']);
		expect(out.map((i) => i.json.type)).toEqual(['customer', 'event', 'customer', 'device']);
		expect(sb.requests).toHaveLength(1);
		const body = sb.requests[0].body as { elements: unknown[] };
		expect(transitionSchema.safeParse(body).success).toBe(true);
		expect(body.elements[0]).toEqual({ type: 'customer', attributes: { moe_mobile: '+15550400', first_name: 'John' } });
		expect(body.elements[1]).toMatchObject({ type: 'event', user_identifiers: { moe_mobile: '+15550400' } });
		expect(body.elements[1]).not.toHaveProperty('customer_id');
		expect(sb.requests[0].rejectedElements).toEqual([]);
		expect(sb.requests[0].acceptedElements).toBe(4);
	});

	test.each([
		[
			'a customer without customer_id or identifier value',
			{ type: 'customer', attributes: { moe_mobile: '', plan: 'gold' } },
			'Item 0: "attributes" has no identifier with a value (moe_mobile, email), and no customer ID is given',
		],
		[
			'an event without customer_id or user_identifiers',
			{ type: 'event', actions: [{ action: 'Login' }] },
			'Item 0: "user_identifiers" has no identifier with a value (moe_mobile, email), and no customer ID is given',
		],
		[
			'an event with an identifier the workspace did not activate',
			{ type: 'event', user_identifiers: { phone: '+1555' }, actions: [{ action: 'Login' }] },
			'Item 0: "user_identifiers → phone" is not one of the identifiers given',
		],
		[
			'a device without customer_id',
			{ type: 'device', device_id: 'd-2', attributes: { platform: 'ANDROID' } },
			'Item 0: "customer_id" is empty',
		],
	])('refused before any request: %s', async (_case, element, message) => {
		const result = await runData(sb, { resource: 'bulk', operation: 'import', parameters: IR, items: [element] });
		expect(result.error?.message).toBe(message);
		expect(sb.requests).toHaveLength(0);
	});

	test('Identifier Names must be given in Identifiers mode', async () => {
		const result = await runData(sb, {
			resource: 'bulk',
			operation: 'import',
			parameters: { identifyBy: 'identifiers', identifierNames: '' },
			items: [{ type: 'customer', attributes: { moe_mobile: '+1555' } }],
		});
		expect(result.error?.message).toBe('Item 0: "Identifier Names" is empty');
		expect(sb.requests).toHaveLength(0);
	});

	test('Customer ID mode (the default) refuses an element without customer_id, as before', async () => {
		const result = await runData(sb, {
			resource: 'bulk',
			operation: 'import',
			items: [
				{ type: 'customer', customer_id: 'u-bulk-2', attributes: {} },
				{ type: 'event', user_identifiers: { moe_mobile: '+15550401' }, actions: [{ action: 'Login' }] },
			],
			continueOnFail: true,
		});
		const out = output(result);
		expect(out[0].json).toMatchObject({ status: 'success', type: 'customer', customer_id: 'u-bulk-2' });
		expect(out[1].json.error).toBe('Item 1: "customer_id" is empty');
		expect((sb.requests[0].body as { elements: unknown[] }).elements).toHaveLength(1);
	});
});

describe('Bulk → Import in a workspace without Identity Resolution', () => {
	const plain = useSandbox();

	test('an element without customer_id is refused by the node in Customer ID mode, and dropped by MoEngage if sent', async () => {
		const refused = await runData(plain, {
			resource: 'bulk',
			operation: 'import',
			items: [{ type: 'customer', attributes: { email: 'a@example.com' } }],
		});
		expect(refused.error?.message).toBe('Item 0: "customer_id" is empty');
		expect(plain.requests).toHaveLength(0);
		// Identifiers mode against a workspace without Identity Resolution: MoEngage answers 200 and drops it.
		const result = await runData(plain, {
			resource: 'bulk',
			operation: 'import',
			parameters: { identifyBy: 'identifiers', identifierNames: 'email' },
			items: [{ type: 'customer', attributes: { email: 'a@example.com' } }],
		});
		expect(output(result)[0].json.status).toBe('success');
		expect(plain.requests[0].rejectedElements).toEqual([{ index: 0, reason: 'customer_id is required' }]);
	});
});
