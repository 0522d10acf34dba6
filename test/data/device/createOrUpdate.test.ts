/**
 * Device → Create or Update (nodes/MoEngageData/actions/device/createOrUpdate.operation.ts), run
 * through n8n-core against the sandbox over HTTP: the request path, headers and body it sends, and
 * the output item it returns.
 */
import { deviceSchema } from '../../../nodes/MoEngageData/schemas/dataApi';
import { expectDataHeaders, output, runData, useSandbox, WS } from '../helpers';

const sb = useSandbox();

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

describe('Device → Create or Update without a push token', () => {
	test('a device with only its ID and platform is sent (MoEngage needs nothing more); push_id is left out', async () => {
		const [item] = output(
			await runData(sb, {
				resource: 'device',
				operation: 'createOrUpdate',
				parameters: { customerId: 'u-600', deviceId: 'dev-600', platform: 'iOS', pushToken: '' },
				options: { batch: false },
				continueOnFail: true,
			}),
		);
		expect(item.json.status).toBe('success');
		expect(sb.requests[0].body).toEqual({ type: 'device', customer_id: 'u-600', device_id: 'dev-600', attributes: { platform: 'iOS' } });
	});
});
