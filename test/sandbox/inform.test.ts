/* eslint-disable @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test tooling, never shipped */
import { DEFAULT_INFORM_ALERTS, startSandbox, type Sandbox } from '../../sandbox';

const LIVE_ALERT = DEFAULT_INFORM_ALERTS.find((a) => !a.test)!;
const TEST_ALERT = DEFAULT_INFORM_ALERTS.find((a) => a.test)!;

const basic = (user: string, pass: string) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');

async function post(
	sb: Sandbox,
	path: string,
	body: unknown,
	headers: Record<string, string | undefined> = {},
): Promise<{ status: number; json: any; headers: Headers }> {
	const all: Record<string, string> = {
		'content-type': 'application/json',
		authorization: basic(sb.workspaceId, sb.informApiKey),
		'moe-appkey': sb.workspaceId,
	};
	for (const [k, v] of Object.entries(headers)) {
		if (v === undefined) delete all[k];
		else all[k] = v;
	}
	const res = await fetch(`${sb.url}${path}`, { method: 'POST', headers: all, body: JSON.stringify(body) });
	const text = await res.text();
	return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const SEND = '/v1.0/alerts/send';
const TEST_SEND = '/inform-test/v1.0/alerts/send';

function alertBody(overrides: Record<string, unknown> = {}) {
	return {
		alert_id: LIVE_ALERT.alert_id,
		user_id: 'u-1001',
		transaction_id: 'TXN_ABCDEF123',
		payloads: { SMS: { recipient: '919876543210', personalized_attributes: { firstname: 'Ada' } } },
		...overrides,
	};
}

describe('MoEngage sandbox: Inform', () => {
	let sb: Sandbox;
	beforeEach(async () => {
		sb = await startSandbox();
	});
	afterEach(async () => {
		await sb.close();
	});

	test('accepts the documented request once, records it for the live host, and refuses its transaction_id again (409)', async () => {
		const first = await post(sb, SEND, alertBody());
		expect(first.status).toBe(200);
		expect(first.json).toEqual({ message: 'Successfully Received', request_id: expect.any(String) });
		const again = await post(sb, SEND, alertBody());
		expect(again.status).toBe(409);
		expect(again.json).toEqual({ message: 'Duplicate Transaction ID', err_code: 'DUPLICATE_REQUEST_RECEIVED', status_code: 120105 });
		expect(sb.informSent('live')).toHaveLength(1);
		expect(sb.informSent('live')[0]).toMatchObject({ transaction_id: 'TXN_ABCDEF123', channels: ['SMS'], user_id: 'u-1001' });
		expect(sb.informSent('test')).toEqual([]);
	});

	test('forgets a transaction_id after the duplicate window (shortened by an option)', async () => {
		await sb.close();
		sb = await startSandbox({ inform: { dedupWindowMs: 50 } });
		expect((await post(sb, SEND, alertBody())).status).toBe(200);
		await new Promise((r) => setTimeout(r, 80));
		expect((await post(sb, SEND, alertBody())).status).toBe(200);
		expect(sb.informSent()).toHaveLength(2);
	});

	test('needs the Inform key and MOE-APPKEY: the Data key, a missing header or another workspace get 401', async () => {
		const unauthorized = { message: 'Invalid App Key or Basic Auth', err_code: 'UNAUTHORIZED', status_code: 120001 };
		for (const headers of [
			{ authorization: basic(sb.workspaceId, sb.dataApiKey) },
			{ authorization: undefined },
			{ 'moe-appkey': undefined },
			{ 'moe-appkey': 'OTHER' },
			{ authorization: basic('OTHER', sb.informApiKey) },
		]) {
			const res = await post(sb, SEND, alertBody(), headers);
			expect(res.status).toBe(401);
			expect(res.json).toEqual(unauthorized);
		}
		expect(sb.informSent()).toEqual([]);
	});

	test('the test host takes test alerts only, and the API host live alerts only', async () => {
		const liveOnTest = await post(sb, TEST_SEND, alertBody());
		expect(liveOnTest.status).toBe(400);
		expect(liveOnTest.json).toEqual({ message: 'Invalid Alert ID', err_code: 'BAD_REQUEST', status_code: 120002 });
		expect((await post(sb, SEND, alertBody({ alert_id: TEST_ALERT.alert_id }))).status).toBe(400);
		const test = await post(sb, TEST_SEND, alertBody({ alert_id: TEST_ALERT.alert_id }));
		expect(test.status).toBe(200);
		const byName = await post(sb, SEND, alertBody({ alert_id: undefined, alert_reference_name: LIVE_ALERT.alert_reference_name, transaction_id: 't2' }));
		expect(byName.status).toBe(200);
		expect(sb.informSent('test').map((m) => m.alert_id)).toEqual([TEST_ALERT.alert_id]);
		expect(sb.informSent('live').map((m) => m.alert_id)).toEqual([LIVE_ALERT.alert_id]);
	});

	test('refuses a bad body with 400: no alert, unknown alert, transaction_id missing or over 50, payloads wrong', async () => {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ alert_id: undefined }, /alert_id or alert_reference_name/],
			[{ alert_id: 'nope' }, /Invalid Alert ID/],
			[{ transaction_id: undefined }, /transaction_id is required/],
			[{ transaction_id: 'x'.repeat(51) }, /at most 50/],
			[{ payloads: undefined }, /payloads is required/],
			[{ payloads: {} }, /at least one channel/],
			[{ payloads: { FAX: { recipient: '1' } } }, /Invalid channel FAX/],
			[{ payloads: { EMAIL: { personalized_attributes: {} } } }, /EMAIL.recipient is required/],
			[{ payloads: { EMAIL: { recipient: 'a@b.co', personalized_attributes: [] } } }, /personalized_attributes must be an object/],
		];
		for (const [overrides, message] of cases) {
			const res = await post(sb, SEND, alertBody(overrides));
			expect(res.status).toBe(400);
			expect(res.json.err_code).toBe('BAD_REQUEST');
			expect(res.json.message).toMatch(message);
		}
		expect(sb.informSent()).toEqual([]);
	});

	test('per-channel answers when enabled; 429 over the rate limit; Inform bodies for status faults', async () => {
		sb.setInform({ channelResults: true, requestsPerWindow: 1 });
		const ok = await post(sb, SEND, alertBody({ payloads: { SMS: { recipient: '1234567' }, EMAIL: { recipient: 'a@b.co' } } }));
		expect(ok.json).toMatchObject({ SMS: { status_code: 200 }, EMAIL: { status_code: 200 } });
		const limited = await post(sb, SEND, alertBody({ transaction_id: 'other' }));
		expect(limited.status).toBe(429);
		expect(limited.json).toEqual({ message: 'Too many requests', err_code: 'Rate Limit', status_code: 140110 });
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
		sb.injectFaults({ kind: 'status', status: 500 });
		const failed = await post(sb, SEND, alertBody());
		expect(failed.status).toBe(500);
		expect(failed.json).toEqual({ message: 'Unexpected error occurred', err_code: 'Internal Server Error', status_code: 140109 });
	});

	test('a reset after processing keeps the message: the answer is lost, the retry is a duplicate', async () => {
		sb.injectFaults({ kind: 'reset', afterProcessing: true });
		await expect(post(sb, SEND, alertBody())).rejects.toThrow();
		expect(sb.informSent()).toHaveLength(1);
		expect((await post(sb, SEND, alertBody())).status).toBe(409);
		sb.clearRequests();
		expect(sb.informSent()).toEqual([]);
		// The sandbox still remembers the transaction ID: clearRequests() is bookkeeping, not MoEngage's memory.
		expect((await post(sb, SEND, alertBody())).status).toBe(409);
		sb.resetInform();
		expect((await post(sb, SEND, alertBody())).status).toBe(200);
	});
});
