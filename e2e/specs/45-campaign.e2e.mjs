// The MoEngage Campaign node (Campaign → Get Stats), run by n8n (published workflow, started by its
// webhook), checked from what the sandbox received: path, key family, MOE-APPKEY, body, and from
// the items the node output.
import assert from 'node:assert/strict';
import { test } from '../harness.mjs';
import { deployNodeFlow, runItems } from '../flows.mjs';
import { executionError, keyFamily, NODE_TYPES } from '../helpers.mjs';

const PATH = '/core-services/v1/campaign-stats';
const ids = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => `cmp-${String(from + i).padStart(2, '0')}`);
const daysIn = (start, end) => (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 + 1;

/** Every request was a campaign-stats call with the Business Events key and MOE-APPKEY, and was answered 200. */
function assertStatsRequests(ctx, requests, count) {
	assert.equal(requests.length, count, `expected ${count} request(s), got ${requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ')}`);
	for (const r of requests) {
		assert.equal(r.method, 'POST');
		assert.equal(r.path, PATH);
		assert.equal(keyFamily(ctx, r), 'businessEvents', `${r.path} was not sent with the Business Events key`);
		assert.equal(r.headers['moe-appkey'], ctx.sandbox.workspaceId, `${r.path} has no MOE-APPKEY`);
		assert.match(String(r.headers['content-type']), /^application\/json/);
		assert.equal(r.status, 200, `${r.path} answered ${r.status}: ${JSON.stringify(r.response)}`);
	}
}

const bodyOf = (r) => JSON.parse(r.rawBody);

test('Campaign: n8n registers MoEngage Campaign with the MoEngage API credential', async (ctx) => {
	const type = ctx.nodeTypes.find((t) => t.name === NODE_TYPES.campaign);
	assert.ok(type, `${NODE_TYPES.campaign} is not registered`);
	assert.equal(type.displayName, 'MoEngage Campaign');
	assert.ok(type.credentials?.some((c) => c.name === 'moEngageApi'));
	assert.equal(type.usableAsTool, true);
});

test('Campaign: Get Stats for 25 campaigns over 75 days is 9 calls (3 groups × 3 windows), each within MoEngage’s limits', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'campaign stats 25x75', NODE_TYPES.campaign, {
		resource: 'campaign',
		operation: 'getStats',
		campaignIds: '={{ $json.campaigns }}',
		startDate: '={{ $json.from }}',
		endDate: '={{ $json.to }}',
		attributionType: 'VIEW_THROUGH',
		metricType: 'TOTAL',
		splitBy: 'platform',
	});
	const { output, requests } = await runItems(ctx, flow, [{ campaigns: ids(1, 25).join(','), from: '2026-01-01', to: '2026-03-16' }]);
	const stats = requests.filter((r) => r.path === PATH);
	assertStatsRequests(ctx, stats, 9);
	for (const r of stats) {
		const b = bodyOf(r);
		assert.ok(b.campaign_ids.length <= 10, `${b.campaign_ids.length} campaigns in one call`);
		assert.ok(daysIn(b.start_date, b.end_date) <= 30, `${b.start_date}..${b.end_date} is over 30 days`);
		assert.equal(typeof b.request_id, 'string');
	}
	assert.deepEqual(
		[...new Set(stats.map((r) => `${bodyOf(r).start_date}..${bodyOf(r).end_date}`))].sort(),
		['2026-01-01..2026-01-30', '2026-01-31..2026-03-01', '2026-03-02..2026-03-16'],
	);
	assert.deepEqual([...new Set(output.map((i) => i.campaign_id))], ids(1, 25), 'campaign by campaign, in the order given');
	const cmp01 = output.filter((i) => i.campaign_id === 'cmp-01');
	assert.deepEqual(
		cmp01.map((i) => [i.start_date, i.end_date, i.platform, i.locale, i.variation]),
		[
			['2026-01-01', '2026-01-30', 'ANDROID', 'all_locales', 'all_variations'],
			['2026-01-31', '2026-03-01', 'ANDROID', 'all_locales', 'all_variations'],
			['2026-03-02', '2026-03-16', 'ANDROID', 'all_locales', 'all_variations'],
		],
		'one item per window, never added up',
	);
	const requestIds = new Set(stats.map((r) => bodyOf(r).request_id));
	assert.ok(output.every((i) => requestIds.has(i.response_id)), 'an item has no response_id of its call');
	assert.ok(output.every((i) => typeof i.performance_stats?.sent === 'number'));
});

test('Campaign: Get Stats with no campaign IDs pages through all campaigns', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'campaign stats all', NODE_TYPES.campaign, {
		resource: 'campaign',
		operation: 'getStats',
		campaignIds: '',
		startDate: '2026-04-01T00:00:00',
		endDate: '2026-04-10T00:00:00',
		splitBy: 'platform',
	});
	const { output, requests } = await runItems(ctx, flow, [{}]);
	const stats = requests.filter((r) => r.path === PATH);
	assertStatsRequests(ctx, stats, 3);
	assert.deepEqual(stats.map((r) => [bodyOf(r).offset, bodyOf(r).limit, 'campaign_ids' in bodyOf(r)]), [
		[0, 10, false],
		[10, 10, false],
		[20, 10, false],
	]);
	assert.equal(new Set(output.map((i) => i.campaign_id)).size, 25);
});

test('Campaign: a Start Date after the End Date fails the execution naming the item and field, before any request', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'campaign stats bad dates', NODE_TYPES.campaign, {
		resource: 'campaign',
		operation: 'getStats',
		campaignIds: 'cmp-01',
		startDate: '={{ $json.from }}',
		endDate: '={{ $json.to }}',
	});
	ctx.sandbox.clearRequests();
	const res = await flow.run({ items: [{ from: '2026-02-10', to: '2026-02-01' }] });
	assert.notEqual(res.status, 200, 'the webhook reported success');
	const [execution] = await ctx.client.waitForExecutions(flow.workflow.id, 1);
	assert.equal(execution.status, 'error');
	const error = executionError(execution);
	assert.match(String(error?.message), /Item 0: "Start Date" \(2026-02-10\) is after the End Date \(2026-02-01\)/, JSON.stringify(error));
	assert.equal(ctx.sandbox.requests.filter((r) => r.path === PATH).length, 0, 'a request was sent');
});

test('Campaign: 403 "Forbidden Request" says campaign stats are not enabled for the workspace', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'campaign stats forbidden', NODE_TYPES.campaign, {
		resource: 'campaign',
		operation: 'getStats',
		campaignIds: 'cmp-01',
		startDate: '2026-01-01T00:00:00',
		endDate: '2026-01-02T00:00:00',
	});
	ctx.sandbox.clearRequests();
	ctx.sandbox.campaignStats.enabled = false;
	try {
		const res = await flow.run({ items: [{}] });
		assert.notEqual(res.status, 200, 'the webhook reported success');
		const [execution] = await ctx.client.waitForExecutions(flow.workflow.id, 1);
		assert.equal(execution.status, 'error');
		const error = executionError(execution);
		assert.match(`${error?.message} ${error?.description}`, /not enabled/, JSON.stringify(error));
		assert.deepEqual(ctx.sandbox.requests.filter((r) => r.path === PATH).map((r) => r.status), [403]);
		assert.ok(!JSON.stringify(execution).includes(ctx.sandbox.businessEventsApiKey), 'the key appears in the execution data');
	} finally {
		ctx.sandbox.campaignStats.enabled = true;
	}
});
