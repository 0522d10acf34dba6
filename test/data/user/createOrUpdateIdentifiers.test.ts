/**
 * User → Create or Update with Identify By: Identifiers (Identity Resolution workspaces), run
 * through n8n-core against a sandbox workspace that has Identity Resolution on.
 */
import { customerSchema, transitionSchema } from '../../../nodes/MoEngageData/schemas/dataApi';
import { output, runData, useSandbox, WS } from '../helpers';

const sb = useSandbox({ identityResolution: true });

const identifiers = (...pairs: Array<[string, unknown]>) => ({
	identifier: pairs.map(([name, value]) => ({ name, value })),
});

describe('User → Create or Update, Identify By: Identifiers', () => {
	test('a user named by identifiers only: they go into attributes, trimmed, and the sandbox records the user', async () => {
		const result = await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: {
				identifyBy: 'identifiers',
				userIdentifiers: identifiers(['moe_mobile', '={{ $json.mobile }}'], ['email', '={{ $json.email }}']),
				attributesMode: 'fields',
				attributes: { attribute: [{ name: 'first_name', value: 'Ada', type: 'auto' }] },
			},
			items: [{ mobile: ' +15550100 ', email: '' }],
			options: { batch: false },
		});
		const [item] = output(result);
		expect(sb.requests).toHaveLength(1);
		const request = sb.requests[0];
		expect(request.path).toBe(`/v1/customer/${WS}`);
		expect(request.status).toBe(200);
		// The blank email is left out: MoEngage never matches blank values.
		expect(request.body).toEqual({ type: 'customer', attributes: { first_name: 'Ada', moe_mobile: '+15550100' } });
		expect(customerSchema.safeParse(request.body).success).toBe(true);
		expect(item.json).toMatchObject({ status: 'success' });
		expect(item.json).not.toHaveProperty('customer_id');
		const stored = [...sb.users.values()].find((u) => u.attributes.moe_mobile === '+15550100');
		expect(stored).toMatchObject({ customer_id: null, attributes: { first_name: 'Ada' } });
	});

	test('batched, with an optional Customer ID beside the identifiers and numbers sent as text', async () => {
		const result = await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: {
				identifyBy: 'identifiers',
				customerId: '={{ $json.id }}',
				userIdentifiers: identifiers(['moe_mobile', '={{ $json.mobile }}']),
				attributesMode: 'json',
				attributesJson: '{}',
			},
			items: [{ id: 'u-ir-7', mobile: 15550177 }, { mobile: '+15550178' }],
		});
		expect(output(result).map((i) => i.json.status)).toEqual(['success', 'success']);
		const body = sb.requests[0].body;
		expect(transitionSchema.safeParse(body).success).toBe(true);
		expect((body as { elements: unknown[] }).elements).toEqual([
			{ type: 'customer', customer_id: 'u-ir-7', attributes: { moe_mobile: '15550177' } },
			{ type: 'customer', attributes: { moe_mobile: '+15550178' } },
		]);
		expect(sb.requests[0].rejectedElements).toEqual([]);
		expect(sb.users.get('u-ir-7')?.attributes.moe_mobile).toBe('15550177');
	});

	test.each([
		['no identifier at all', {}, 'Item 0: "Identifiers" has no identifier with a value, and no customer ID is given'],
		[
			'only blank values',
			identifiers(['moe_mobile', '   '], ['email', null]),
			'Item 0: "Identifiers" has no identifier with a value (moe_mobile, email), and no customer ID is given',
		],
		[
			'a value that is not text',
			identifiers(['email', '={{ $json.obj }}']),
			'Item 0: "Identifiers → email" is an object, but an identifier must be text',
		],
		[
			'an undocumented moe_ name',
			identifiers(['moe_email', 'a@example.com']),
			'Item 0: "Identifiers → Name" is "moe_email": names starting with "moe_" are reserved for MoEngage\'s own attributes',
		],
		[
			'the ID under Identifiers',
			identifiers(['customer_id', 'u-1']),
			'Item 0: "Identifiers → Name" is "customer_id", which is the user\'s ID rather than an identifier attribute',
		],
	])('refused before any request: %s', async (_case, ids, message) => {
		const result = await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: { identifyBy: 'identifiers', userIdentifiers: ids, attributesMode: 'json', attributesJson: '{"plan":"gold"}' },
			items: [{ obj: { a: 1 } }],
		});
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toBeTruthy();
		expect(sb.requests).toHaveLength(0);
	});

	test('an attribute that contradicts an identifier is refused', async () => {
		const result = await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: {
				identifyBy: 'identifiers',
				userIdentifiers: identifiers(['email', 'a@example.com']),
				attributesMode: 'json',
				attributesJson: '{"email":"b@example.com"}',
			},
		});
		expect(result.error?.message).toBe('Item 0: "Attributes (JSON) → email" differs from the identifier email given under Identifiers');
		expect(sb.requests).toHaveLength(0);
	});

	test('Customer ID mode is unchanged: the Customer ID is required and moe_mobile stays reserved', async () => {
		const missing = await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: { customerId: '={{ $json.id }}', attributesMode: 'json', attributesJson: '{"email":"a@example.com"}' },
			items: [{ id: '' }],
		});
		expect(missing.error?.message).toBe('Item 0: "Customer ID" is empty');
		const reserved = await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: { customerId: 'u-1', attributesMode: 'json', attributesJson: '{"moe_mobile":"+1555"}' },
		});
		expect(reserved.error?.message).toMatch(/^Item 0: "Attributes \(JSON\) → attribute name" is "moe_mobile"/);
		expect(sb.requests).toHaveLength(0);
		const ok = await runData(sb, {
			resource: 'user',
			operation: 'createOrUpdate',
			parameters: { customerId: ' u-2 ', attributesMode: 'json', attributesJson: '{"plan":"gold"}' },
			options: { batch: false },
		});
		expect(output(ok)[0].json).toMatchObject({ status: 'success', customer_id: 'u-2' });
		expect(sb.requests[0].body).toEqual({ type: 'customer', customer_id: 'u-2', attributes: { plan: 'gold' } });
	});
});
