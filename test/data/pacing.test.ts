/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
/**
 * Pacing against a sandbox whose rate windows last one second: the node waits instead of
 * collecting 429s, across executions sharing the workspace, and honours MoEngage's headers.
 */
import type { IDataObject } from 'n8n-workflow';

import { bucketsOf, budgetFromRates, Pacer } from '../../nodes/shared/transport/pacer';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { DataRun } from './helpers';
import { output, runData, statuses } from './helpers';

const WINDOW_MS = 1000;

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ rateLimits: { dataWindowMs: WINDOW_MS, dataEventsPerWindow: 20, dataUsersPerWindow: 10 } });
});
afterAll(async () => {
	await sb.close();
});

/** The node's rates for one-second windows: per minute = per second × 60. */
const perSecond = (events: number, users: number): IDataObject => ({
	eventsPerMinute: events * 60,
	usersPerMinute: users * 60,
	rateWindowSeconds: 1,
});

const events = (n: number, prefix = 'e'): IDataObject[] =>
	Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}` }));

function trackRun(items: IDataObject[], options: IDataObject): DataRun {
	return {
		resource: 'event',
		operation: 'track',
		parameters: { customerId: '={{ $json.id }}', eventName: 'Viewed', attributesMode: 'fields' },
		options,
		items,
	};
}

function userRun(items: IDataObject[], options: IDataObject): DataRun {
	return {
		resource: 'user',
		operation: 'createOrUpdate',
		parameters: { customerId: '={{ $json.id }}', attributesMode: 'fields' },
		options,
		items,
	};
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
	const started = Date.now();
	const result = await run();
	return [result, Date.now() - started];
}

describe('against a sandbox with one-second windows', () => {
	beforeEach(async () => {
		// Let the previous test's windows (the sandbox's and the node's) run out.
		await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 100));
		sb.clearRequests();
		sb.clearFaults();
		sb.resetRateLimits();
	});

	test('60 batched events against 20 events a second: 3 requests a window apart, no 429', async () => {
		const [result, elapsed] = await timed(() => runData(sb, trackRun(events(60), perSecond(20, 10))));
		expect(output(result).every((o) => o.json.status === 'success')).toBe(true);
		expect(statuses(sb)).toEqual([200, 200, 200]);
		expect(sb.requests.map((r) => (r.body as { elements: unknown[] }).elements.length)).toEqual([20, 20, 20]);
		expect(elapsed).toBeGreaterThanOrEqual(2 * WINDOW_MS);
		expect(sb.accepted()).toHaveLength(60);
	});

	test('25 user updates one by one against 10 a second: no 429, and it waits', async () => {
		const [result, elapsed] = await timed(() =>
			runData(sb, userRun(events(25, 'u'), { ...perSecond(20, 10), batch: false })),
		);
		expect(output(result)).toHaveLength(25);
		expect(statuses(sb)).toEqual(Array(25).fill(200));
		expect(elapsed).toBeGreaterThanOrEqual(2 * WINDOW_MS);
	});

	test("MoEngage's rate-limit headers are honoured when its limit is lower than the node's", async () => {
		// The node would allow 1,000 users a second; the sandbox's headers say 10.
		const [result, elapsed] = await timed(() =>
			runData(sb, userRun(events(15, 'h'), { ...perSecond(20, 1000), batch: false })),
		);
		expect(output(result).every((o) => o.json.status === 'success')).toBe(true);
		expect(statuses(sb)).toEqual(Array(15).fill(200));
		expect(elapsed).toBeGreaterThanOrEqual(WINDOW_MS - 50);
	});

	test('two executions at once share the workspace budget', async () => {
		const options = { ...perSecond(20, 10), batch: false };
		const [results, elapsed] = await timed(() =>
			Promise.all([runData(sb, trackRun(events(20, 'a'), options)), runData(sb, trackRun(events(20, 'b'), options))]),
		);
		for (const result of results) expect(output(result)).toHaveLength(20);
		expect(statuses(sb)).toEqual(Array(40).fill(200));
		expect(sb.accepted()).toHaveLength(40);
		expect(elapsed).toBeGreaterThanOrEqual(WINDOW_MS);
	});

	test('a 429 that comes anyway is waited out and the request sent again', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 1, pathPrefix: '/v1/transition' });
		const result = await runData(sb, trackRun(events(5, 'r'), perSecond(20, 10)));
		expect(output(result).every((o) => o.json.status === 'success')).toBe(true);
		expect(statuses(sb)).toEqual([429, 200]);
		expect(sb.accepted()).toHaveLength(5);
	});

	test('each item says how long its request waited for the rate limit, in whole seconds, once it is a second or more', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 2, pathPrefix: '/v1/transition' });
		const result = await runData(sb, trackRun(events(3, 'w'), perSecond(20, 10)));
		expect(output(result).map((o) => o.json.rateLimitWaitSeconds)).toEqual([2, 2, 2]);
		sb.clearRequests();
		const quick = await runData(sb, trackRun(events(3, 'q'), perSecond(20, 10)));
		expect(output(quick).map((o) => o.json.rateLimitWaitSeconds)).toEqual([undefined, undefined, undefined]);
	});

	test('a 429 one execution waits out holds back the other executions on the workspace', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 1, pathPrefix: '/v1/transition' });
		const first = runData(sb, trackRun(events(5, 'first'), perSecond(20, 10)));
		while (!sb.requests.some((r) => r.status === 429)) await new Promise((resolve) => setTimeout(resolve, 5));
		const refusedAt = sb.requests.find((r) => r.status === 429)!.receivedAt;
		// The sandbox records the status as it answers: give the first execution time to read it.
		await new Promise((resolve) => setTimeout(resolve, 150));
		const second = runData(sb, trackRun(events(5, 'second'), perSecond(20, 10)));
		const results = await Promise.all([first, second]);

		for (const result of results) expect(output(result).every((o) => o.json.status === 'success')).toBe(true);
		expect(statuses(sb)).toEqual([429, 200, 200]);
		const secondSent = sb.requests.find((r) => r.rawBody.includes('second-0'))!;
		// Retry-After said one second: the second execution did not spend a request before then.
		expect(secondSent.receivedAt - refusedAt).toBeGreaterThanOrEqual(950);
		expect(sb.accepted()).toHaveLength(10);
	});
});

describe('Pacer', () => {
	test('counts units in a sliding window and says how long to wait', async () => {
		let now = 1_000_000;
		const pacer = new Pacer(() => now);
		const budget = budgetFromRates({ events: 600 }, 1); // 10 events per 1-second window
		expect(budget).toEqual({ windowMs: 1000, limits: { events: 10 } });
		const first = await pacer.acquire({ events: 6 }, budget);
		expect(pacer.waitMs({ events: 4 }, budget)).toBe(0);
		expect(pacer.waitMs({ events: 5 }, budget)).toBeGreaterThan(0); // 6 in flight + 5 > 10
		now += 100;
		first?.release();
		expect(pacer.waitMs({ events: 5 }, budget)).toBe(1020); // the window plus a 20 ms margin
		now += 1020;
		expect(pacer.waitMs({ events: 10 }, budget)).toBe(0);
		expect(pacer.inWindow('events')).toBe(0);
		// Users are not held back by events.
		expect(pacer.waitMs({ users: 1 }, budgetFromRates({ users: 60 }, 1))).toBe(0);
	});

	test('a window reported exhausted by MoEngage blocks its bucket until the reset', async () => {
		let now = 0;
		// No random delay after the reset here (it is what keeps processes out of lockstep).
		const pacer = new Pacer(() => now, () => 0);
		const budget = budgetFromRates({ users: 60_000, events: 60_000 }, 60);
		const ticket = await pacer.acquire({ users: 1 }, budget);
		ticket?.release({ limit: 10, remaining: 0, resetMs: 3000 }, ['users']);
		expect(pacer.waitMs({ users: 1 }, budget)).toBe(3000);
		expect(pacer.waitMs({ events: 1 }, budget)).toBe(0);
		now = 3000;
		expect(pacer.waitMs({ users: 1 }, budget)).toBe(0);
	});

	test('a bucket blocked after a 429 waits for the time MoEngage asked, and only that bucket', () => {
		let now = 0;
		const pacer = new Pacer(() => now);
		const budget = budgetFromRates({ users: 60_000, events: 60_000 }, 60);
		pacer.block(bucketsOf({ events: 3, users: 0 }), 1500);
		expect(pacer.waitMs({ events: 1 }, budget)).toBe(1500);
		expect(pacer.room('events', budget)).toBe(0);
		expect(pacer.waitMs({ users: 1 }, budget)).toBe(0);
		now = 1500;
		expect(pacer.waitMs({ events: 1 }, budget)).toBe(0);
	});
});
