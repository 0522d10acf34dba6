/* eslint-disable @typescript-eslint/no-explicit-any -- test tooling, never shipped */
import { startSandbox, type Sandbox } from '../../sandbox';
// The sandbox's own generator: the expected figures of a campaign over a range.
import { campaignStats, defaultCampaigns } from '../../sandbox/campaignStats';
import { bodyOf, DAY_MS, daysBetween, ids, output, runStats, statsRequests } from './helpers';

const RANGE_75 = { startDate: '2026-01-01T00:00:00', endDate: '2026-03-16T00:00:00' };
const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

function expectedRows(campaignId: string, start: string, end: string, metric = 'TOTAL', attribution = 'VIEW_THROUGH') {
	const def = defaultCampaigns().find((c) => c.id === campaignId)!;
	const [{ platforms }] = campaignStats(def, day(start), day(end), metric, attribution) as any;
	const rows: Array<{ platform: string; locale: string; variation: string; row: any }> = [];
	for (const [platform, p] of Object.entries<any>(platforms)) {
		for (const [locale, l] of Object.entries<any>(p.locales)) {
			for (const [variation, row] of Object.entries<any>(l.variations)) rows.push({ platform, locale, variation, row });
		}
	}
	return rows;
}

describe('MoEngage Campaign → Get Stats', () => {
	let sb: Sandbox;

	beforeAll(async () => {
		// The strict reading of "≤ 30 days apart": at most 30 days counting both ends.
		sb = await startSandbox({ campaignStats: { rangeCounting: 'inclusive' } });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => {
		sb.clearRequests();
		sb.clearFaults();
		sb.campaignStats.enabled = true;
		sb.campaignStats.unknownCampaigns = 'omit';
	});

	test('25 campaigns over 75 days: 3 groups × 3 windows = 9 calls, each within MoEngage’s limits; windows are not added up', async () => {
		const campaignIds = ids(1, 25);
		const result = await runStats(sb, {
			parameters: { campaignIds: campaignIds.join(', '), ...RANGE_75, attributionType: 'CLICK_THROUGH', metricType: 'UNIQUE' },
		});
		const items = output(result);
		const requests = statsRequests(sb);
		expect(requests).toHaveLength(9);
		expect(requests.every((r) => r.status === 200)).toBe(true);
		const bodies = requests.map(bodyOf);
		const windows = [
			['2026-01-01', '2026-01-30'],
			['2026-01-31', '2026-03-01'],
			['2026-03-02', '2026-03-16'],
		];
		const groups = [ids(1, 10), ids(11, 20), ids(21, 25)];
		const seen = bodies.map((b) => JSON.stringify([b.campaign_ids, b.start_date, b.end_date])).sort();
		const expected = groups.flatMap((g) => windows.map(([s, e]) => JSON.stringify([g, s, e]))).sort();
		expect(seen).toEqual(expected);
		for (const b of bodies) {
			expect(b.campaign_ids!.length).toBeLessThanOrEqual(10);
			expect(daysBetween(b.start_date, b.end_date) + 1).toBeLessThanOrEqual(30);
			expect(b).toMatchObject({ attribution_type: 'CLICK_THROUGH', metric_type: 'UNIQUE', offset: 0, limit: 10 });
		}
		expect(new Set(bodies.map((b) => b.request_id)).size).toBe(9);

		// Every item is paired with the input item and carries the response_id of its call.
		const requestIds = new Set(bodies.map((b) => b.request_id));
		for (const item of items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(requestIds.has(item.json.response_id as string)).toBe(true);
		}
		// Campaign by campaign, in the order given; each window on its own.
		const order = [...new Set(items.map((i) => i.json.campaign_id))];
		expect(order).toEqual(campaignIds);
		for (const id of campaignIds) {
			for (const [start, end] of windows) {
				const mine = items.filter((i) => i.json.campaign_id === id && i.json.start_date === start);
				const rows = expectedRows(id, start, end, 'UNIQUE', 'CLICK_THROUGH');
				expect(mine).toHaveLength(rows.length);
				for (const { platform, locale, variation, row } of rows) {
					const item = mine.find((i) => i.json.platform === platform && i.json.locale === locale && i.json.variation === variation);
					expect(item?.json).toMatchObject({
						end_date: end,
						found: true,
						total_row: locale === 'all_locales' || variation === 'all_variations',
						performance_stats: row.performance_stats,
						conversion_goal_stats: row.conversion_goal_stats,
						delivery_funnel: row.delivery_funnel,
						failure_breakdown: row.failure_breakdown,
					});
				}
			}
		}
		// A campaign without splits: exactly one item per window.
		expect(items.filter((i) => i.json.campaign_id === 'cmp-01').map((i) => [i.json.start_date, i.json.end_date])).toEqual(windows);
		// cmp-05 splits by platform × locale × variation: 2 × 3 × 3 rows per window.
		expect(items.filter((i) => i.json.campaign_id === 'cmp-05' && i.json.start_date === '2026-01-01')).toHaveLength(18);
	});

	test('Split By Platform: one item per campaign, platform and window, MoEngage’s all_locales / all_variations row', async () => {
		const result = await runStats(sb, {
			parameters: { campaignIds: 'cmp-05, cmp-04, cmp-03', startDate: '2026-02-01', endDate: '2026-02-10', splitBy: 'platform' },
		});
		const items = output(result);
		expect(statsRequests(sb)).toHaveLength(1);
		expect(items.map((i) => [i.json.campaign_id, i.json.platform, i.json.locale, i.json.variation])).toEqual([
			['cmp-05', 'ANDROID', 'all_locales', 'all_variations'],
			['cmp-05', 'WEB', 'all_locales', 'all_variations'],
			['cmp-04', 'IOS', 'all_locales', 'all_variations'],
			['cmp-03', 'ANDROID', 'all_locales', 'all_variations'],
		]);
		const total = expectedRows('cmp-05', '2026-02-01', '2026-02-10').find(
			(r) => r.platform === 'WEB' && r.locale === 'all_locales' && r.variation === 'all_variations',
		)!;
		expect(items[1].json.performance_stats).toEqual(total.row.performance_stats);
	});

	test('empty Campaign IDs: all campaigns, paged 10 at a time until current_page = total_pages', async () => {
		const result = await runStats(sb, { parameters: { campaignIds: '', startDate: '2026-04-01', endDate: '2026-04-15' } });
		const items = output(result);
		const bodies = statsRequests(sb).map(bodyOf);
		expect(bodies.map((b) => [b.offset, b.limit, 'campaign_ids' in b])).toEqual([
			[0, 10, false],
			[10, 10, false],
			[20, 10, false],
		]);
		const campaigns = [...new Set(items.map((i) => i.json.campaign_id))];
		// cmp-api-01 is API_TRIGGERED: MoEngage does not report it.
		expect(campaigns).toEqual(ids(1, 25));
		expect(items.every((i) => i.json.found === true && (i.pairedItem as any).item === 0)).toBe(true);
	});

	test('a campaign MoEngage does not report (API_TRIGGERED, unknown) gives one found: false item per window', async () => {
		const items = output(await runStats(sb, { parameters: { campaignIds: 'cmp-api-01, cmp-01', startDate: '2026-01-01', endDate: '2026-01-31' } }));
		expect(items.map((i) => [i.json.campaign_id, i.json.start_date, i.json.found])).toEqual([
			['cmp-api-01', '2026-01-01', false],
			['cmp-api-01', '2026-01-31', false],
			['cmp-01', '2026-01-01', true],
			['cmp-01', '2026-01-31', true],
		]);
		expect(String(items[0].json.note)).toMatch(/API_TRIGGERED/);
	});

	test('bad input fails its item, naming the item, the field and the fix, before any request', async () => {
		const tooMany = Array.from({ length: 101 }, (_, i) => `c${i}`).join(',');
		const result = await runStats(sb, {
			continueOnFail: true,
			items: [
				{ ids: 'cmp-01', start: '2026-02-10', end: '2026-02-01' },
				{ ids: 'cmp-01', start: '', end: '2026-02-01' },
				{ ids: 'cmp-01', start: '2026-02-01', end: 'next tuesday' },
				{ ids: tooMany, start: '2026-02-01', end: '2026-02-02' },
				{ ids: 'cmp-01', start: '2024-01-01', end: '2026-01-01' },
			],
			parameters: { campaignIds: '={{ $json.ids }}', startDate: '={{ $json.start }}', endDate: '={{ $json.end }}' },
		});
		const items = output(result);
		expect(statsRequests(sb)).toHaveLength(0);
		expect(items.map((i) => (i.pairedItem as any).item)).toEqual([0, 1, 2, 3, 4]);
		const errors = items.map((i) => i.json as { error: string; details: string });
		expect(errors[0].error).toBe('Item 0: "Start Date" (2026-02-10) is after the End Date (2026-02-01)');
		expect(errors[0].details).toMatch(/Swap/);
		expect(errors[1].error).toBe('Item 1: "Start Date" is empty');
		expect(errors[2].error).toMatch(/^Item 2: "End Date" is "next tuesday", which is not a date/);
		expect(errors[3].error).toMatch(/^Item 3: "Campaign IDs" holds 101 campaigns/);
		expect(errors[4].error).toMatch(/^Item 4: "Start Date" to End Date spans 732 days/);
		for (const e of errors) expect(e.details.length).toBeGreaterThan(10);

		// Without Continue On Fail the run stops at the first bad item, before any request.
		const stopped = await runStats(sb, { parameters: { campaignIds: 'cmp-01', startDate: '2026-02-10', endDate: '2026-02-01' } });
		expect(stopped.error?.message).toMatch(/"Start Date"/);
		expect(statsRequests(sb)).toHaveLength(0);
	});

	test('Continue On Fail: a failed item gives exactly one error item (none of its partial results); the others go on', async () => {
		sb.campaignStats.unknownCampaigns = 'reject';
		const eleven = [...ids(1, 10), 'no-such-campaign'].join(',');
		const parameters = { campaignIds: '={{ $json.ids }}', startDate: '2026-01-01', endDate: '2026-01-05' };
		const items = [{ ids: 'cmp-01' }, { ids: eleven }, { ids: 'cmp-02' }];

		const regular = output(await runStats(sb, { continueOnFail: true, items, parameters }));
		// Item 1's first call (10 campaigns) succeeded, its second was refused.
		expect(statsRequests(sb).map((r) => r.status)).toEqual([200, 200, 400, 200]);
		const failed = regular.filter((i) => (i.pairedItem as any).item === 1);
		expect(failed).toHaveLength(1);
		expect(Object.keys(failed[0].json).sort()).toEqual(['details', 'error']);
		expect(failed[0].json.error).toMatch(/Invalid Field Value: campaign_ids: unknown campaign no-such-campaign/);
		expect(failed[0].json.details).toMatch(/2026-01-01 to 2026-01-05, campaigns no-such-campaign/);
		expect(regular.filter((i) => (i.pairedItem as any).item === 0).map((i) => i.json.campaign_id)).toEqual(['cmp-01']);
		expect(regular.filter((i) => (i.pairedItem as any).item === 2).map((i) => i.json.platform)).toEqual(['ANDROID', 'IOS', 'WEB']);

		sb.clearRequests();
		const routed = await runStats(sb, { onError: 'continueErrorOutput', items, parameters });
		expect(routed.error).toBeUndefined();
		const [success, errorOutput] = routed.outputs;
		expect(success.map((i) => (i.pairedItem as any).item)).toEqual([0, 2, 2, 2]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
		expect(errorOutput[0].json.error).toMatch(/Invalid Field Value/);
	});

	test('403 Forbidden Request: says the feature is not enabled for the workspace, and shows no key', async () => {
		sb.campaignStats.enabled = false;
		const result = await runStats(sb, { parameters: { campaignIds: 'cmp-01', startDate: '2026-01-01', endDate: '2026-01-02' } });
		expect(statsRequests(sb).map((r) => r.status)).toEqual([403]);
		expect(result.error?.message).toBe('Campaign stats are not enabled for this MoEngage workspace (403 Forbidden Request)');
		expect(result.error?.description).toMatch(/not enabled for the account: ask your MoEngage account manager/);
		const shown = JSON.stringify({ message: result.error?.message, description: result.error?.description, run: result.run.data });
		expect(shown).not.toContain(sb.businessEventsApiKey);
		expect(shown).not.toContain(Buffer.from(`${sb.workspaceId}:${sb.businessEventsApiKey}`).toString('base64'));
	});

	test('the Business Events key and MOE-APPKEY sign the call; no Business Events key fails before any request', async () => {
		output(await runStats(sb, { parameters: { campaignIds: 'cmp-01', startDate: '2026-01-01', endDate: '2026-01-02' } }));
		const [r] = statsRequests(sb);
		expect(r.headers['moe-appkey']).toBe(sb.workspaceId);
		expect(r.headers.authorization).toBe(`Basic ${Buffer.from(`${sb.workspaceId}:${sb.businessEventsApiKey}`).toString('base64')}`);
		sb.clearRequests();
		const noKey = await runStats(sb, {
			credentials: { businessEventsApiKey: '' },
			parameters: { campaignIds: 'cmp-01', startDate: '2026-01-01', endDate: '2026-01-02' },
		});
		expect(noKey.error?.message).toMatch(/no Business Events API Key/);
		expect(statsRequests(sb)).toHaveLength(0);
	});

	test('a 429 is waited out (Retry-After) and the call repeated', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 1, pathPrefix: '/core-services/' });
		const started = Date.now();
		const items = output(await runStats(sb, { parameters: { campaignIds: 'cmp-01', startDate: '2026-01-01', endDate: '2026-01-02' } }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(statsRequests(sb).map((r) => r.status)).toEqual([429, 200]);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('pacing', () => {
	test('9 calls against a limit of 3 a second: paced over 3 windows, no 429', async () => {
		// A sandbox of its own: the pacer is per workspace and base URL.
		const sb = await startSandbox({ campaignStats: { perWindow: 3, windowMs: 1000 } });
		try {
			const started = Date.now();
			const items = output(
				await runStats(sb, {
					parameters: { campaignIds: ids(1, 25).join(','), ...RANGE_75, splitBy: 'platform' },
					options: { requestsPerMinute: 180, rateWindowSeconds: 1 },
				}),
			);
			const requests = statsRequests(sb);
			expect(requests.map((r) => r.status)).toEqual(Array(9).fill(200));
			expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
			expect(items.length).toBeGreaterThan(0);
		} finally {
			await sb.close();
		}
	});
});
