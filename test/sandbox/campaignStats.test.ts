/* eslint-disable @typescript-eslint/no-explicit-any -- test tooling, never shipped */
import { startSandbox, type Sandbox } from '../../sandbox';

const PATH = '/core-services/v1/campaign-stats';
const basic = (user: string, pass: string) => 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');

describe('sandbox: campaign stats (reference §6)', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => {
		sb.clearRequests();
		Object.assign(sb.campaignStats, { enabled: true, rangeCounting: 'apart', unknownCampaigns: 'omit', perWindow: 100, windowMs: 60000 });
	});

	const good = { request_id: 'r-1', start_date: '2026-01-01', end_date: '2026-01-15', attribution_type: 'VIEW_THROUGH', metric_type: 'TOTAL' };

	async function call(body: unknown, headers: Record<string, string> = {}) {
		const res = await fetch(`${sb.url}${PATH}`, {
			method: 'POST',
			headers: {
				authorization: basic(sb.workspaceId, sb.businessEventsApiKey),
				'moe-appkey': sb.workspaceId,
				'content-type': 'application/json',
				...headers,
			},
			body: typeof body === 'string' ? body : JSON.stringify(body),
		});
		return { status: res.status, headers: res.headers, json: (await res.json()) as any };
	}

	test('answers the documented shape, echoing request_id as response_id', async () => {
		const r = await call({ ...good, campaign_ids: ['cmp-01'] });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ response_id: 'r-1', total_campaigns: 1, current_page: 1, total_pages: 1 });
		const row = r.json.data['cmp-01'][0].platforms.ANDROID.locales.all_locales.variations.all_variations;
		expect(Object.keys(row).sort()).toEqual(['conversion_goal_stats', 'delivery_funnel', 'failure_breakdown', 'performance_stats']);
		// Deterministic.
		expect((await call({ ...good, campaign_ids: ['cmp-01'] })).json.data).toEqual(r.json.data);
	});

	test('totals: all_variations and all_locales are the sums of the rows (control group left out); rates are recomputed', async () => {
		const r = await call({ ...good, campaign_ids: ['cmp-04', 'cmp-05'] });
		const ios = r.json.data['cmp-04'][0].platforms.IOS.locales.all_locales.variations;
		expect(Object.keys(ios).sort()).toEqual(['1', '2', 'all_variations', 'campaign_control_group']);
		expect(ios.all_variations.performance_stats.sent).toBe(ios['1'].performance_stats.sent + ios['2'].performance_stats.sent);
		const web = r.json.data['cmp-05'][0].platforms.WEB.locales;
		expect(Object.keys(web).sort()).toEqual(['all_locales', 'de', 'en']);
		expect(web.all_locales.variations['1'].performance_stats.click).toBe(
			web.en.variations['1'].performance_stats.click + web.de.variations['1'].performance_stats.click,
		);
		const p = web.all_locales.variations.all_variations.performance_stats;
		expect(p.ctr).toBe(Math.round((p.click / p.impression) * 10000) / 100);
	});

	test('auth: Business Events key with MOE-APPKEY; the Data key, a missing or different MOE-APPKEY get 401', async () => {
		expect((await call(good, { authorization: basic(sb.workspaceId, sb.dataApiKey) })).status).toBe(401);
		const noAppKey = await call(good, { 'moe-appkey': '' });
		expect(noAppKey.status).toBe(401);
		expect(noAppKey.json).toEqual({ title: 'Authentication required', description: 'MOE-APPKEY is missing in Header', code: 'AUTHENTICATION_REQUIRED' });
		expect((await call(good, { 'moe-appkey': 'OTHER' })).status).toBe(401);
	});

	test('400 Invalid Field Value for missing or wrong fields, more than 10 campaigns, limit over 10', async () => {
		for (const field of ['request_id', 'start_date', 'end_date', 'attribution_type', 'metric_type']) {
			const body: any = { ...good };
			delete body[field];
			const r = await call(body);
			expect(r.status).toBe(400);
			expect(r.json.title).toBe('Invalid Field Value');
			expect(r.json.description).toMatch(new RegExp(`^${field}`));
		}
		expect((await call({ ...good, campaign_ids: Array.from({ length: 11 }, (_, i) => `c${i}`) })).json.description).toMatch(/at most 10/);
		expect((await call({ ...good, limit: 11 })).status).toBe(400);
		expect((await call({ ...good, start_date: '2026-02-01', end_date: '2026-01-01' })).status).toBe(400);
		expect((await call({ ...good, start_date: '2026-02-30' })).status).toBe(400);
	});

	test('≤ 30 days apart: "apart" (default) allows end − start = 30; "inclusive" allows 30 days in all', async () => {
		expect((await call({ ...good, end_date: '2026-01-31' })).status).toBe(200);
		expect((await call({ ...good, end_date: '2026-02-01' })).status).toBe(400);
		sb.campaignStats.rangeCounting = 'inclusive';
		expect((await call({ ...good, end_date: '2026-01-30' })).status).toBe(200);
		expect((await call({ ...good, end_date: '2026-01-31' })).status).toBe(400);
	});

	test('all campaigns: paged by offset/limit; API_TRIGGERED campaigns are not reported', async () => {
		const pages = [];
		for (const offset of [0, 10, 20]) pages.push((await call({ ...good, offset, limit: 10 })).json);
		expect(pages.map((p) => [p.current_page, p.total_pages, p.total_campaigns, Object.keys(p.data).length])).toEqual([
			[1, 3, 25, 10],
			[2, 3, 25, 10],
			[3, 3, 25, 5],
		]);
		expect(pages.flatMap((p) => Object.keys(p.data))).not.toContain('cmp-api-01');
		expect(Object.keys((await call({ ...good, campaign_ids: ['cmp-api-01'] })).json.data)).toEqual([]);
	});

	test('unknown campaigns: omitted by default, 400 with unknownCampaigns "reject"', async () => {
		expect((await call({ ...good, campaign_ids: ['nope'] })).json.data).toEqual({});
		sb.campaignStats.unknownCampaigns = 'reject';
		expect((await call({ ...good, campaign_ids: ['nope'] })).json.description).toBe('campaign_ids: unknown campaign nope');
	});

	test('403 Forbidden Request when the feature is off; 429 with Retry-After over the rate', async () => {
		sb.campaignStats.enabled = false;
		const forbidden = await call(good);
		expect(forbidden.status).toBe(403);
		expect(forbidden.json.title).toBe('Forbidden Request');
		sb.campaignStats.enabled = true;
		sb.campaignStats.perWindow = 2;
		expect((await call(good)).status).toBe(200);
		expect((await call(good)).status).toBe(200);
		const limited = await call(good);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(limited.json.title).toBe('Rate Limit Exceeded');
	});
});
