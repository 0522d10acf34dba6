/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
/**
 * Pacing at MoEngage's per-endpoint limits, steered by its rate-limit headers: the defaults per
 * endpoint, the node slowing to (and sizing its requests by) what the headers report, a limit
 * MoEngage raised, 429s longer than the rate-limit deadline, and several processes (each with its
 * own pacer) sharing one workspace. The sandbox's windows last one second here; the node runs with
 * its default rates, so what paces it is what the sandbox's headers say.
 */
import type { IDataObject, INodeType } from 'n8n-workflow';

import { routeBudgets } from '../../nodes/MoEngageData/delivery/paceRoutes';
import { MoEngageData } from '../../nodes/MoEngageData/MoEngageData.node';
import { Pacer } from '../../nodes/shared/transport/pacer';
import { readRateLimit } from '../../nodes/shared/transport/retryPolicy';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { NODE_NAME, runNode, sandboxCredentials } from '../support/runNode';
import { FAST_RETRY, output, runData, statuses } from './helpers';

const WINDOW_MS = 1000;
/** Far above what any test here sends. */
const OPEN = 1_000_000;

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ rateLimits: { dataWindowMs: WINDOW_MS, resetPrecisionMs: 100 } });
});
afterAll(async () => {
	await sb.close();
});

beforeEach(async () => {
	// Let the previous test's windows run out (the pacers remember what they heard until then).
	await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 200));
	sb.clearRequests();
	sb.clearFaults();
	sb.setRateLimits({ dataUsersPerWindow: OPEN, dataEventsPerWindow: OPEN, exportUsersPerWindow: OPEN });
	sb.resetRateLimits();
});

/** Bulk → Import of event elements, one event each, with the node's default rates unless `options` sets them. */
async function runBulk(ids: string[], nodeType?: INodeType, options: IDataObject = {}) {
	return await runNode({
		nodeType: nodeType ?? new MoEngageData(),
		parameters: { resource: 'bulk', operation: 'import', elementSource: 'inputItem', options: { ...FAST_RETRY, ...options } },
		items: ids.map((id) => ({ json: { type: 'event', customer_id: id, actions: [{ action: 'Viewed' }] } })),
		credentials: sandboxCredentials(sb),
		continueOnFail: true,
	});
}

/** A fresh copy of the node's modules: its pacers are its own, as in another n8n process. */
function processCopy(): INodeType {
	let nodeType: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { MoEngageData: Fresh } = require('../../nodes/MoEngageData/MoEngageData.node') as typeof import('../../nodes/MoEngageData/MoEngageData.node');
		nodeType = new Fresh();
	});
	return nodeType!;
}

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
const eventsIn = (body: unknown) => ((body as { elements?: unknown[] }).elements ?? []).length;

function acceptedOnce(expected: string[]): void {
	const accepted = sb.accepted().filter((a) => a.kind === 'event').map((a) => a.customer_id as string);
	expect(accepted.length).toBe(expected.length);
	expect(new Set(accepted)).toEqual(new Set(expected));
}

describe("MoEngage's per-endpoint limits are the defaults", () => {
	test('each endpoint is paced at its own per-minute limit unless the user set a rate', () => {
		const limits = Object.fromEntries(Object.entries(routeBudgets({}, 60)).map(([route, budget]) => [route, budget.limits]));
		expect(limits).toEqual({
			bulk: { users: 60_000, events: 60_000 },
			customer: { users: 10_000 },
			event: { events: 30_000 },
			device: { devices: 10_000 },
			export: { lookups: 1_000 },
			merge: { merges: 1_000 },
			delete: { deletes: 5_000 },
			cohort: { cohortRequests: 300 },
		});
		const set = routeBudgets({ events: 12_000 }, 60);
		expect(set.bulk.limits).toEqual({ users: 60_000, events: 12_000 });
		expect(set.event.limits).toEqual({ events: 12_000 });
		// A rate the user set is kept whatever MoEngage's headers say; the defaults follow them.
		expect(set.bulk.steered).toEqual(['users']);
		expect(routeBudgets({}, 60).bulk.steered).toEqual(['users', 'events']);
	});
});

describe("MoEngage's rate-limit headers steer the rate and the request size", () => {
	test('a workspace allowing 50 events a window: requests are cut to 50, one 429 to learn it, the rest paced by the headers', async () => {
		sb.setRateLimits({ bulkEventsPerWindow: 50 });
		const sent = ids(180, 'small');
		const started = Date.now();
		const result = await runBulk(sent);
		const elapsed = Date.now() - started;
		expect(output(result).every((item) => item.json.status === 'success')).toBe(true);
		acceptedOnce(sent);
		// The first request (all 180 fit in 100 KB) learns the limit from MoEngage's 429; it is not waited out.
		expect(statuses(sb)).toEqual([429, 200, 200, 200, 200]);
		expect(sb.requests.filter((r) => r.status === 200).map((r) => eventsIn(r.body))).toEqual([50, 50, 50, 30]);
		// Four windows' worth: it waited for three resets.
		expect(elapsed).toBeGreaterThanOrEqual(3 * WINDOW_MS - 100);
		const hints = result.run.data.resultData.runData[NODE_NAME][0].hints ?? [];
		expect(hints).toEqual([
			expect.objectContaining({
				type: 'warning',
				message: expect.stringContaining('MoEngage reports a limit of 50 events per rate window for this workspace on Bulk Import, below the 60,000'),
			}),
		]);

		// The process remembers the limit: the next run sizes its requests to it from the start.
		sb.clearRequests();
		await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 200));
		const again = ids(100, 'again');
		await runBulk(again);
		expect(statuses(sb)).toEqual([200, 200]);
		expect(sb.requests.map((r) => eventsIn(r.body))).toEqual([50, 50]);
	});

	test('a user-set rate above what MoEngage reports: the hint names the option to lower', async () => {
		sb.setRateLimits({ bulkEventsPerWindow: 40 });
		// 100 events per one-second window, set by the user (in a process of its own: the other tests' pacers count in 60 s windows).
		const result = await runBulk(ids(60, 'set'), processCopy(), { eventsPerMinute: 6_000, rateWindowSeconds: 1 });
		expect(output(result).every((item) => item.json.status === 'success')).toBe(true);
		const hints = result.run.data.resultData.runData[NODE_NAME][0].hints ?? [];
		expect(hints.map((h) => h.message)).toEqual([expect.stringContaining('your Options → Events per Minute: requests were sized and paced')]);
		expect(hints[0].message).toContain('lower Options → Events per Minute to match');
	});

	test('a limit MoEngage raised for the workspace is used: 1,200 lookups do not wait for the documented 1,000 a minute', async () => {
		// Get User's documented limit is 1,000 users a minute; this workspace's headers report 1,000,000.
		sb.addUsers(ids(1200, 'known'));
		const items = Array.from({ length: 60 }, (_, i) => ({ ids: ids(1200, 'known').slice(i * 20, i * 20 + 20).join(',') }));
		const started = Date.now();
		const result = await runData(sb, {
			resource: 'user',
			operation: 'get',
			parameters: { identifierType: 'customerId', identifiers: '={{ $json.ids }}' },
			items,
		});
		expect(output(result)).toHaveLength(60);
		expect(statuses(sb).every((s) => s === 200)).toBe(true);
		// At the documented rate the last 200 lookups would wait for a minute.
		expect(Date.now() - started).toBeLessThan(20_000);
	});

	test('both readings of x-ratelimit-reset (seconds left, epoch seconds) hold the bucket until the reset', () => {
		let now = 1_700_000_000_000;
		const budget = routeBudgets({}, 60).event;
		const secondsLeft = readRateLimit({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2' }, now);
		const epoch = readRateLimit({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 2) }, now);
		expect(secondsLeft).toEqual({ limit: 100, remaining: 0, resetMs: 2000 });
		expect(epoch).toEqual(secondsLeft);
		for (const rateLimit of [secondsLeft!, epoch!]) {
			const start = now;
			const pacer = new Pacer(() => now, () => 0);
			pacer.observe(rateLimit, ['events']);
			expect(pacer.waitMs({ events: 1 }, budget)).toBe(2000);
			now += 2000;
			expect(pacer.waitMs({ events: 1 }, budget)).toBe(0);
			// A new window holds the limit MoEngage reported, whatever the documented default.
			expect(pacer.room('events', budget)).toBe(100);
			now = start;
		}
	});

	test('with several requests in flight, what MoEngage says is left is shared between them', async () => {
		let now = 0;
		const pacer = new Pacer(() => now, () => 0);
		const budget = routeBudgets({}, 60).bulk;
		const first = await pacer.acquire({ events: 400 }, budget);
		const second = await pacer.acquire({ events: 400 }, budget);
		// The first answer says 500 are left; the second request, still unanswered, takes 400 of them.
		first!.release({ limit: 60_000, remaining: 500, resetMs: 5000 }, ['events']);
		expect(pacer.room('events', budget)).toBe(100);
		expect(pacer.waitMs({ events: 400 }, budget)).toBe(5000);
		second!.release({ limit: 60_000, remaining: 100, resetMs: 4990 }, ['events']);
		expect(pacer.room('events', budget)).toBe(100);
		now = 5000;
		expect(pacer.waitMs({ events: 400 }, budget)).toBe(0);
	});
});

describe('429s and the rate-limit deadline', () => {
	function trackOneByOne(n: number, options: IDataObject) {
		return {
			resource: 'event',
			operation: 'track',
			parameters: { customerId: '={{ $json.id }}', eventName: 'Viewed', attributesMode: 'fields' },
			options: { batch: false, ...options },
			items: ids(n, 'dl').map((id) => ({ id })),
			continueOnFail: true,
		};
	}

	test('a 429 asking for longer than the deadline fails its item at once with the time asked, and the run\'s later requests hold (not sent)', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 3, pathPrefix: '/v1/event' });
		const started = Date.now();
		const result = await runData(sb, trackOneByOne(3, { rateLimitDeadlineSeconds: 2 }));
		expect(Date.now() - started).toBeLessThan(1500);
		const items = output(result);
		expect(items).toHaveLength(3);
		expect(String(items[0].json.error)).toContain('Rate Limits for User / Event exceeded');
		expect(String(items[0].json.details)).toContain("MoEngage asked to wait 3 s more, beyond this request's rate-limit deadline (2 s)");
		for (const item of items.slice(1)) {
			expect(String(item.json.error)).toContain('MoEngage asked to wait 3 s more before the next request to this endpoint');
			expect(String(item.json.details)).toContain('Not sent');
		}
		// Only the refused request went out: the other two did not collect 429s of their own.
		expect(statuses(sb)).toEqual([429]);
		await new Promise((resolve) => setTimeout(resolve, 2000));
	});

	test('a 429 asking for longer than a rate window is waited out within the deadline, and the items say how long', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 2, pathPrefix: '/v1/event' });
		const result = await runData(sb, trackOneByOne(2, { rateLimitDeadlineSeconds: 3 }));
		const items = output(result);
		expect(items.map((i) => i.json.status)).toEqual(['success', 'success']);
		expect(items[0].json.rateLimitWaitSeconds).toBe(2);
		expect(statuses(sb)).toEqual([429, 200, 200]);
	});
});

describe('several processes on one workspace, each with its own pacer', () => {
	test('three processes, 400 events each, against 300 events a window: every event accepted once, none failed, at most one 429 per process per window', async () => {
		sb.setRateLimits({ bulkEventsPerWindow: 300 });
		const copies = [processCopy(), processCopy(), processCopy()];
		const batches = copies.map((_, p) => ids(400, `proc${p}`));
		const started = Date.now();
		const results = await Promise.all(copies.map((copy, p) => runBulk(batches[p], copy)));
		const elapsed = Date.now() - started;
		for (const result of results) expect(output(result).every((item) => item.json.status === 'success')).toBe(true);
		acceptedOnce(batches.flat());
		// 1,200 events at 300 a window: four windows at least.
		expect(elapsed).toBeGreaterThanOrEqual(3 * WINDOW_MS - 100);
		const windows = Math.ceil(elapsed / WINDOW_MS) + 1;
		const tooMany = statuses(sb).filter((s) => s === 429).length;
		expect(tooMany).toBeLessThanOrEqual(copies.length * windows);
		expect(sb.requests.filter((r) => r.status === 200).every((r) => eventsIn(r.body) <= 300)).toBe(true);
	});
});
