/**
 * The sandbox's Identity Resolution workspace option (current reference §2.10): off, customer_id
 * is required as before; on, users and events may be named by an active identifier instead, and
 * Merge is refused.
 */
import { DEFAULT_IDENTIFIERS, startSandbox, type Sandbox } from '../../sandbox';

interface Reply {
	status: number;
	json: { status?: string; error?: { type?: string; message?: string } };
}

async function post(sb: Sandbox, path: string, body: unknown): Promise<Reply> {
	const response = await fetch(`${sb.url}${path}`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Authorization: `Basic ${Buffer.from(`${sb.workspaceId}:${sb.dataApiKey}`).toString('base64')}`,
			'MOE-APPKEY': sb.workspaceId,
		},
		body: JSON.stringify(body),
	});
	return { status: response.status, json: (await response.json()) as Reply['json'] };
}

const route = (sb: Sandbox, name: string) => `/v1/${name}/${sb.workspaceId}`;
const mergePath = (sb: Sandbox) => `/v1/customer/merge?app_id=${sb.workspaceId}`;

describe('sandbox: Identity Resolution off (the default)', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(async () => {
		await sb.close();
	});

	it('is off, with the default identifiers', () => {
		expect(sb.identityResolution).toEqual({ enabled: false, identifiers: ['moe_mobile', 'email'] });
		expect(DEFAULT_IDENTIFIERS).toEqual(['moe_mobile', 'email']);
	});

	it('still requires customer_id on users and events, and refuses moe_mobile as a reserved name', async () => {
		const user = await post(sb, route(sb, 'customer'), { type: 'customer', attributes: { email: 'a@example.com' } });
		expect(user.status).toBe(400);
		expect(user.json.error?.message).toMatch(/customer_id/);
		const event = await post(sb, route(sb, 'event'), {
			type: 'event',
			user_identifiers: { email: 'a@example.com' },
			actions: [{ action: 'Login' }],
		});
		expect(event.status).toBe(400);
		const reserved = await post(sb, route(sb, 'customer'), {
			type: 'customer',
			customer_id: 'u-1',
			attributes: { moe_mobile: '+15550001' },
		});
		expect(reserved.status).toBe(400);
		expect(reserved.json.error?.message).toMatch(/moe_/);
	});

	it('rejects a bulk element without customer_id (200 for the request, the element dropped)', async () => {
		sb.clearRequests();
		const reply = await post(sb, route(sb, 'transition'), {
			type: 'transition',
			elements: [
				{ type: 'customer', attributes: { email: 'a@example.com' } },
				{ type: 'customer', customer_id: 'u-2', attributes: {} },
			],
		});
		expect(reply.status).toBe(200);
		expect(sb.requests[0].rejectedElements).toEqual([{ index: 0, reason: 'customer_id is required' }]);
		expect(sb.accepted().map((a) => a.customer_id)).toEqual(['u-2']);
	});

	it('merges as before', async () => {
		const reply = await post(sb, mergePath(sb), { merge_data: [{ merged_user: 'u-a', retained_user: 'u-b' }] });
		expect(reply.status).toBe(200);
	});
});

describe('sandbox: Identity Resolution on', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ identityResolution: true });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.clearRequests());

	it('creates a user named by an identifier in attributes, and finds it again by the exact value', async () => {
		const first = await post(sb, route(sb, 'customer'), {
			type: 'customer',
			attributes: { moe_mobile: '+15550100', first_name: 'Ada' },
		});
		expect(first.status).toBe(200);
		const again = await post(sb, route(sb, 'customer'), {
			type: 'customer',
			attributes: { moe_mobile: '+15550100', plan: 'gold' },
		});
		expect(again.status).toBe(200);
		const users = [...sb.users.values()].filter((u) => u.attributes.moe_mobile === '+15550100');
		expect(users).toHaveLength(1);
		expect(users[0]).toMatchObject({ customer_id: null, attributes: { first_name: 'Ada', plan: 'gold' } });
		expect(sb.accepted().map((a) => [a.kind, a.customer_id, a.identifiers])).toEqual([
			['customer', undefined, { moe_mobile: '+15550100' }],
			['customer', undefined, { moe_mobile: '+15550100' }],
		]);
	});

	it('refuses a user without customer_id whose identifiers are blank, null or not active', async () => {
		for (const attributes of [{ moe_mobile: '  ' }, { email: null }, { phone: '+15550101' }, {}]) {
			const reply = await post(sb, route(sb, 'customer'), { type: 'customer', attributes });
			expect(reply.status).toBe(400);
			expect(reply.json.error?.message).toMatch(/no active identifier \(moe_mobile, email\)/);
		}
	});

	it('tracks an event named by user_identifiers, and refuses one without a usable identifier', async () => {
		const ok = await post(sb, route(sb, 'event'), {
			type: 'event',
			user_identifiers: { email: 'ada@example.com' },
			actions: [{ action: 'Login' }],
		});
		expect(ok.status).toBe(200);
		expect(sb.accepted()).toEqual([
			expect.objectContaining({ kind: 'event', action: 'Login', identifiers: { email: 'ada@example.com' } }),
		]);
		for (const extra of [{}, { user_identifiers: { email: '' } }, { user_identifiers: 'ada@example.com' }]) {
			const reply = await post(sb, route(sb, 'event'), { type: 'event', actions: [{ action: 'Login' }], ...extra });
			expect(reply.status).toBe(400);
		}
	});

	it('still takes customer_id, and identifier attributes beside it', async () => {
		const reply = await post(sb, route(sb, 'customer'), {
			type: 'customer',
			customer_id: 'u-ir-1',
			attributes: { email: 'u1@example.com' },
		});
		expect(reply.status).toBe(200);
		expect(sb.users.get('u-ir-1')?.attributes.email).toBe('u1@example.com');
	});

	it('drops bulk elements without a usable identifier and keeps the others (200)', async () => {
		const reply = await post(sb, route(sb, 'transition'), {
			type: 'transition',
			elements: [
				{ type: 'customer', attributes: { moe_mobile: '+15550200' } },
				{ type: 'customer', attributes: { moe_mobile: '' } },
				{ type: 'event', user_identifiers: { moe_mobile: '+15550200' }, actions: [{ action: 'AddToCart' }] },
				{ type: 'event', user_identifiers: { other: 'x' }, actions: [{ action: 'AddToCart' }] },
			],
		});
		expect(reply.status).toBe(200);
		expect(sb.requests[0].rejectedElements?.map((r) => r.index)).toEqual([1, 3]);
		expect(sb.requests[0].acceptedElements).toBe(2);
	});

	it('refuses Merge (status and text are the sandbox assumption)', async () => {
		const reply = await post(sb, mergePath(sb), { merge_data: [{ merged_user: 'u-a', retained_user: 'u-b' }] });
		expect(reply.status).toBe(403);
		expect(reply.json.error?.message).toMatch(/Merge User API is disabled .*Identity Resolution/);
	});

	it('can be turned off and on while running', async () => {
		sb.setIdentityResolution({ enabled: false });
		expect((await post(sb, mergePath(sb), { merge_data: [{ merged_user: 'u-c', retained_user: 'u-d' }] })).status).toBe(200);
		sb.setIdentityResolution({ enabled: true, identifiers: ['loyalty_no'] });
		const reply = await post(sb, route(sb, 'customer'), { type: 'customer', attributes: { loyalty_no: 'L-1' } });
		expect(reply.status).toBe(200);
		sb.setIdentityResolution({ identifiers: [...DEFAULT_IDENTIFIERS] });
	});
});
