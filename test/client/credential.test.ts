import { MoEngageApi } from '../../credentials/MoEngageApi.credentials';
import { baseUrlOf, DATA_CENTERS } from '../../nodes/shared/transport/baseUrl';
import { backoffDelay, RETRY_POLICIES, rateLimitWaitMs } from '../../nodes/shared/transport/retryPolicy';

const credentials = {
	dataCenter: '101',
	workspaceId: 'WS1',
	dataApiKey: 'data-key',
	businessEventsApiKey: 'be-key',
};

describe('credential', () => {
	test('offers all seven data centers and a custom base URL', () => {
		const dc = new MoEngageApi().properties.find((p) => p.name === 'dataCenter');
		const values = (dc?.options as Array<{ value: string }>).map((o) => o.value);
		expect(values).toEqual([...DATA_CENTERS, 'custom']);
	});

	test('builds the host from the whole data center code', () => {
		expect(baseUrlOf('101')).toBe('https://api-101.moengage.com');
		expect(baseUrlOf('02')).toBe('https://api-02.moengage.com');
		expect(baseUrlOf('custom', 'http://127.0.0.1:9/')).toBe('http://127.0.0.1:9');
	});

	test('Data API requests get the Data key and MOE-APPKEY', async () => {
		const out = await new MoEngageApi().authenticate(credentials, { url: '/v1/event/WS1', headers: { a: '1' } });
		expect(out.headers).toEqual({
			a: '1',
			Authorization: `Basic ${Buffer.from('WS1:data-key').toString('base64')}`,
			'MOE-APPKEY': 'WS1',
		});
	});

	test('Business Events requests get the Business Events key', async () => {
		const out = await new MoEngageApi().authenticate(credentials, { url: '/v1.0/business_event/trigger' });
		expect(out.headers).toEqual({ Authorization: `Basic ${Buffer.from('WS1:be-key').toString('base64')}` });
	});

	test('picks the key by API family, not by a path substring: V5 Business Events get the Business Events key', async () => {
		const beKey = { Authorization: `Basic ${Buffer.from('WS1:be-key').toString('base64')}` };
		for (const url of ['/v5/business-events', '/v5/business-events/trigger', '/v1.0/business_event/search']) {
			const out = await new MoEngageApi().authenticate(credentials, { url });
			expect(out.headers).toEqual(beKey);
		}
		// A Data API path that merely mentions business events is still signed with the Data key.
		const data = await new MoEngageApi().authenticate(credentials, { url: '/v1/event/WS1?note=/business_event' });
		expect(data.headers).toMatchObject({ 'MOE-APPKEY': 'WS1', Authorization: `Basic ${Buffer.from('WS1:data-key').toString('base64')}` });
	});

	test('sends the Workspace ID and the key without the spaces pasted around them', async () => {
		const pasted = { ...credentials, workspaceId: ' WS1 ', dataApiKey: 'data-key\n', businessEventsApiKey: ' be-key' };
		const data = await new MoEngageApi().authenticate(pasted, { url: '/v1/event/WS1' });
		expect(data.headers).toEqual({
			Authorization: `Basic ${Buffer.from('WS1:data-key').toString('base64')}`,
			'MOE-APPKEY': 'WS1',
		});
		const businessEvents = await new MoEngageApi().authenticate(pasted, { url: '/v1.0/business_event/trigger' });
		expect(businessEvents.headers).toEqual({ Authorization: `Basic ${Buffer.from('WS1:be-key').toString('base64')}` });
	});

	test('marks every key as a password', () => {
		const secret = new MoEngageApi().properties.filter((p) => p.name.endsWith('ApiKey'));
		expect(secret.map((p) => p.name)).toEqual(['dataApiKey', 'businessEventsApiKey', 'informApiKey']);
		expect(secret.map((p) => p.typeOptions?.password)).toEqual([true, true, true]);
	});

	test('Inform and campaign-stats requests get their key and MOE-APPKEY', async () => {
		const withInform = { ...credentials, informApiKey: 'inform-key' };
		const inform = await new MoEngageApi().authenticate(withInform, { url: '/v1.0/alerts/send' });
		expect(inform.headers).toEqual({ Authorization: `Basic ${Buffer.from('WS1:inform-key').toString('base64')}`, 'MOE-APPKEY': 'WS1' });
		const stats = await new MoEngageApi().authenticate(withInform, { url: '/core-services/v1/campaign-stats' });
		expect(stats.headers).toEqual({ Authorization: `Basic ${Buffer.from('WS1:be-key').toString('base64')}`, 'MOE-APPKEY': 'WS1' });
	});
});

describe('retry timing', () => {
	test('Retry-After in seconds, as an HTTP date, and x-ratelimit-reset (delta or epoch)', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(rateLimitWaitMs({ 'retry-after': '3' }, now)).toBe(3000);
		expect(rateLimitWaitMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
		expect(rateLimitWaitMs({ 'x-ratelimit-reset': '12' }, now)).toBe(12000);
		expect(rateLimitWaitMs({ 'x-ratelimit-reset': String(now / 1000 + 7) }, now)).toBe(7000);
		expect(rateLimitWaitMs({}, now)).toBeUndefined();
	});

	test('backoff doubles per attempt, stays within [ceiling/2, ceiling] and is capped', () => {
		const policy = { ...RETRY_POLICIES.data, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(1, policy, () => 0)).toBe(50);
		expect(backoffDelay(1, policy, () => 1)).toBe(100);
		expect(backoffDelay(3, policy, () => 1)).toBe(400);
		expect(backoffDelay(10, policy, () => 1)).toBe(1000);
	});
});
