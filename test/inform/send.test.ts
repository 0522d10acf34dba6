/* eslint-disable @typescript-eslint/no-explicit-any, @n8n/community-nodes/no-hardcoded-secrets -- test tooling with made-up keys, never shipped */
import { informPacerFor } from '../../nodes/MoEngageInform/transport/pacing';
import { startSandbox, type Sandbox } from '../../sandbox';
import { basicAuth } from '../data/helpers';
import { LIVE_ALERT_ID, output, runInform, SMS_FIELDS, TEST_ALERT_ID } from './helpers';

let sb: Sandbox;
beforeEach(async () => {
	sb = await startSandbox();
});
afterEach(async () => {
	await sb.close();
});

function expectInformHeaders(request: Sandbox['requests'][number]) {
	expect(request.headers.authorization).toBe(basicAuth(sb.workspaceId, sb.informApiKey));
	expect(request.headers['moe-appkey']).toBe(sb.workspaceId);
	expect(request.headers['content-type']).toMatch(/^application\/json/);
}

describe('Alert → Send', () => {
	test('fields mode: one request per item with the Inform key, the documented body and a derived transaction ID', async () => {
		const result = await runInform(sb, {
			items: [
				{ user: 'u-1', mobile: '+91 98765-43210', name: 'Ada' },
				{ user: 'u-2', mobile: '919876543211', name: 'Grace' },
			],
		});
		const out = output(result);
		expect(out).toHaveLength(2);
		expect(sb.requests).toHaveLength(2);
		sb.requests.forEach((r) => {
			expect(r.path).toBe('/v1.0/alerts/send');
			expectInformHeaders(r);
		});
		expect(sb.requests[0].body).toEqual({
			alert_id: LIVE_ALERT_ID,
			user_id: 'u-1',
			transaction_id: expect.stringMatching(/^n8n-[0-9a-f]{40}$/),
			payloads: { SMS: { recipient: '+919876543210', personalized_attributes: { firstname: 'Ada' } } },
		});
		expect(out[0]).toEqual({
			sent: true,
			alreadySent: false,
			alertId: LIVE_ALERT_ID,
			userId: 'u-1',
			channels: ['SMS'],
			transactionId: (sb.requests[0].body as any).transaction_id,
			test: false,
			requestId: sb.requests[0].requestId,
			message: 'Successfully Received',
		});
		expect(out[0].transactionId).not.toBe(out[1].transactionId);
		expect(sb.informSent('live').map((m) => m.user_id)).toEqual(['u-1', 'u-2']);
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		// Paced under Inform's 10,000 requests a minute: both requests count in the workspace's window.
		expect(informPacerFor(sb.url, sb.workspaceId).inWindow('events')).toBe(2);
	});

	test('item data (Payloads JSON) by reference name, with per-channel results when MoEngage returns them', async () => {
		sb.setInform({ channelResults: true });
		const result = await runInform(sb, {
			parameters: {
				alertBy: 'referenceName',
				alertReferenceName: 'order_shipped',
				payloadsInput: 'json',
				payloadsJson: '={{ $json.payloads }}',
			},
			options: { transactionId: '={{ $json.order }}' },
			items: [
				{
					order: 'ORD-1-shipped',
					payloads: {
						email: { recipient: 'ada@example.com', personalized_attributes: { orderid: 'ORD-1' }, sender_attributes: ['brand'] },
						WhatsApp: { recipient: '919876543210' },
					},
				},
			],
		});
		const [item] = output(result);
		expect(sb.requests[0].body).toEqual({
			alert_reference_name: 'order_shipped',
			transaction_id: 'ORD-1-shipped',
			payloads: {
				EMAIL: { recipient: 'ada@example.com', personalized_attributes: { orderid: 'ORD-1' }, sender_attributes: ['brand'] },
				WHATSAPP: { recipient: '919876543210' },
			},
		});
		expect(item).toMatchObject({
			sent: true,
			alreadySent: false,
			alertReferenceName: 'order_shipped',
			transactionId: 'ORD-1-shipped',
			channels: ['EMAIL', 'WHATSAPP'],
			channelResults: { EMAIL: { status_code: 200 }, WHATSAPP: { status_code: 200 } },
		});
	});

	test('the same item sent twice: the second run is reported already sent, and MoEngage has one message', async () => {
		const first = output(await runInform(sb));
		const second = output(await runInform(sb));
		expect(second[0].transactionId).toBe(first[0].transactionId);
		expect(first[0].alreadySent).toBe(false);
		expect(second[0]).toMatchObject({ sent: true, alreadySent: true, requestId: null });
		expect(second[0].message).toMatch(/already accepted this transaction ID within the last 5 minutes/);
		expect(sb.requests.map((r) => r.status)).toEqual([200, 409]);
		expect(sb.informSent('live')).toHaveLength(1);
	});

	test('a 429 asking past the deadline fails at once, saying what to do in this node (it has no rate options)', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 3600, pathPrefix: '/v1.0/alerts' });
		const failed = await runInform(sb);
		const said = `${failed.error?.message ?? ''} ${failed.error?.description ?? ''}`;
		expect(said).toMatch(/asked to wait 3600 s more/);
		expect(said).not.toMatch(/Options/);
		expect(sb.requests.map((r) => r.status)).toEqual([429]);
		expect(sb.informSent('live')).toHaveLength(0);
	});

	test('a retry after a timeout whose message was taken meets 409: one message, the item succeeds alreadySent', async () => {
		sb.injectFaults({ kind: 'delay', ms: 1500, pathPrefix: '/v1.0/alerts' });
		const [item] = output(await runInform(sb, { options: { timeoutMs: 300 } }));
		expect(item).toMatchObject({ sent: true, alreadySent: true });
		expect(item.message).toMatch(/earlier attempt .* reached MoEngage although its answer was lost/);
		expect(sb.informSent('live')).toHaveLength(1);
		expect(sb.requests).toHaveLength(2);
		expect((sb.requests[1].body as any).transaction_id).toBe((sb.requests[0].body as any).transaction_id);
	});

	test('a lost connection after the message was taken, and a 500: retried with the same transaction ID, sent once', async () => {
		sb.injectFaults({ kind: 'reset', afterProcessing: true }, { kind: 'status', status: 500 });
		const [item] = output(await runInform(sb));
		expect(item).toMatchObject({ sent: true, alreadySent: true });
		expect(sb.requests.map((r) => r.status)).toEqual([0, 500, 409]);
		expect(sb.informSent('live')).toHaveLength(1);

		sb.injectFaults({ kind: 'status', status: 500 });
		const [fresh] = output(await runInform(sb, { items: [{ user: 'u-9', mobile: '919800000000', name: 'Bo' }] }));
		expect(fresh).toMatchObject({ sent: true, alreadySent: false });
		expect(sb.informSent('live')).toHaveLength(2);
	});

	test('Test on: the test host only, with the test alert ID', async () => {
		const [item] = output(await runInform(sb, { parameters: { ...SMS_FIELDS, alertId: TEST_ALERT_ID, test: true } }));
		expect(item).toMatchObject({ sent: true, test: true, alertId: TEST_ALERT_ID });
		expect(sb.requests.map((r) => r.path)).toEqual(['/inform-test/v1.0/alerts/send']);
		expectInformHeaders(sb.requests[0]);
		expect(sb.informSent('test')).toHaveLength(1);
		expect(sb.informSent('live')).toEqual([]);
	});

	test('Test on with the live alert ID: MoEngage refuses it, and the error says to use the test alert ID', async () => {
		const result = await runInform(sb, { parameters: { ...SMS_FIELDS, test: true } });
		expect(result.error?.message).toBe('MoEngage refused the alert: Invalid Alert ID');
		expect(result.error?.description).toMatch(/test alert ID/);
		expect(sb.informSent('test')).toEqual([]);
		expect(sb.informSent('live')).toEqual([]);
	});

	test('Test on behind a custom base URL without an Inform Test Base URL: a clear error, no request', async () => {
		const result = await runInform(sb, { parameters: { ...SMS_FIELDS, test: true }, credentials: { informTestBaseUrl: '' } });
		expect(result.error?.message).toMatch(/"Test" is on, but the credential has no address for MoEngage's test host/);
		expect(result.error?.description).toMatch(/Inform Test Base URL/);
		expect(sb.requests).toEqual([]);
	});

	test('no Inform key: an error naming the key and the Inform tile, before any request', async () => {
		const result = await runInform(sb, { credentials: { informApiKey: '' } });
		expect(result.error?.message).toBe('The MoEngage credential has no Inform API Key');
		expect(result.error?.description).toMatch(/"Inform" tile/);
		expect(sb.requests).toEqual([]);
	});

	test('a wrong Inform key: MoEngage’s 401, with what to check, and the key nowhere in the error', async () => {
		const result = await runInform(sb, { credentials: { informApiKey: 'wrong-inform-key-77' } });
		expect(result.error?.message).toMatch(/Invalid App Key or Basic Auth/);
		expect(result.error?.description).toMatch(/Inform API Key/);
		expect(JSON.stringify(result.error)).not.toContain('wrong-inform-key-77');
	});

	test.each([
		['no channel', { ...SMS_FIELDS, channels: {} }, {}, /"Channels" has no channel/],
		['a mobile number with letters', SMS_FIELDS, { mobile: '98765abc' }, /"Channels → SMS → Recipient" is "98765abc", which is not a mobile number/],
		['an email without @', { ...SMS_FIELDS, channels: { email: { recipient: '={{ $json.mail ?? "ada@example.com" }}' } } }, { mail: 'ada.example.com' }, /"Channels → EMAIL → Recipient" is "ada.example.com", which is not an email address/],
		['an empty alert ID', { ...SMS_FIELDS, alertId: '={{ $json.alert ?? "x" }}' }, { alert: ' ' }, /"Alert ID" is empty/],
		['invalid Payloads JSON', { ...SMS_FIELDS, payloadsInput: 'json', payloadsJson: '{"SMS": ' }, {}, /"Payloads \(JSON\)" is not valid JSON/],
		['an unknown channel', { ...SMS_FIELDS, payloadsInput: 'json', payloadsJson: '{"FAX": {"recipient": "1"}}' }, {}, /"Payloads \(JSON\) → FAX" is not an Inform channel/],
		['a missing recipient', { ...SMS_FIELDS, payloadsInput: 'json', payloadsJson: '{"PUSH": {}}' }, {}, /"Payloads \(JSON\) → PUSH → recipient" is empty/],
	])('bad input fails before any request: %s', async (_name, parameters, item, message) => {
		const items = [
			{ user: 'u-1', mobile: '919876543210', name: 'Ada' },
			{ user: 'u-2', mobile: '919876543211', name: 'Bo', ...item },
		];
		const result = await runInform(sb, { parameters, items });
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/^Item [01]:/);
		expect(sb.requests).toEqual([]);
	});

	test('a Transaction ID over 50 characters fails before any request', async () => {
		const result = await runInform(sb, { options: { transactionId: 'x'.repeat(51) } });
		expect(result.error?.message).toBe('Item 0: "Transaction ID" has 51 characters, more than MoEngage\'s 50');
		expect(sb.requests).toEqual([]);
	});

	test('Continue On Fail: every item gets one paired output item, errors as { error, details }', async () => {
		const result = await runInform(sb, {
			continueOnFail: true,
			items: [
				{ user: 'u-1', mobile: '919876543210', name: 'Ada' },
				{ user: 'u-2', mobile: 'nope', name: 'Bo' },
				{ user: 'u-3', mobile: '919876543212', name: 'Cy' },
			],
		});
		const items = result.outputs[0];
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.sent).toBe(true);
		expect(Object.keys(items[1].json).sort()).toEqual(['details', 'error']);
		expect(items[1].json.error).toMatch(/^Item 1: "Channels → SMS → Recipient"/);
		expect(items[2].json.sent).toBe(true);
		expect(sb.informSent()).toHaveLength(2);
	});

	test('Continue (using error output): failed items go to the error output, paired with their input', async () => {
		const result = await runInform(sb, {
			onError: 'continueErrorOutput',
			items: [
				{ user: 'u-1', mobile: '919876543210', name: 'Ada' },
				{ user: 'u-2', mobile: 'nope', name: 'Bo' },
				{ user: 'u-3', mobile: '919876543212', name: 'Cy' },
			],
		});
		expect(result.error).toBeUndefined();
		const [success, errors] = result.outputs;
		expect(success.map((i) => [i.pairedItem, i.json.userId])).toEqual([
			[{ item: 0 }, 'u-1'],
			[{ item: 2 }, 'u-3'],
		]);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		expect(errors[0].json.error).toMatch(/not a mobile number/);
	});

	test('a refused send (400) under the error output: MoEngage’s message, the item on the error output', async () => {
		const result = await runInform(sb, {
			onError: 'continueErrorOutput',
			parameters: { ...SMS_FIELDS, alertId: '={{ $json.alert }}' },
			items: [
				{ alert: 'unknown-alert', user: 'u-1', mobile: '919876543210', name: 'Ada' },
				{ alert: LIVE_ALERT_ID, user: 'u-2', mobile: '919876543211', name: 'Bo' },
			],
		});
		const [success, errors] = result.outputs;
		expect(success.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(errors.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(errors[0].json.error).toBe('MoEngage refused the alert: Invalid Alert ID');
	});
});
