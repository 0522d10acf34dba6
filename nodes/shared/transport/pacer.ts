import { sleep } from 'n8n-workflow';

import type { RateLimitState } from './retryPolicy';

/**
 * Client-side pacing for MoEngage's per-minute quotas, so that big runs stay under them instead
 * of collecting 429s. One pacer per workspace (base URL + workspace ID) lives in this module, so
 * executions running at the same time in one n8n process share the budget.
 *
 * It is a sliding window over what was sent: a request may go when the units sent in the last
 * `windowMs` plus its own stay within the limit. A request counts from the moment it is sent
 * until `windowMs` after its answer came back; MoEngage counted it somewhere in between, so no
 * window MoEngage can draw (fixed or sliding) ever holds more than the limit.
 */

/**
 * What MoEngage counts: user updates, event actions, device updates, users looked up, and cohort
 * sync requests (MoEngage limits those per request, not per user).
 */
export type PaceBucket = 'users' | 'events' | 'devices' | 'lookups' | 'cohortRequests';

export type PaceCost = Partial<Record<PaceBucket, number>>;

export interface PaceBudget {
	windowMs: number;
	/** Units allowed per window, per bucket; a bucket left out is not paced. */
	limits: PaceCost;
}

export interface PaceTicket {
	/**
	 * Call once the answer came (or the request failed). With MoEngage's rate-limit headers, a
	 * window reported exhausted blocks `headerBuckets` until it resets.
	 */
	release(rateLimit?: RateLimitState, headerBuckets?: PaceBucket[]): void;
}

interface Entry {
	cost: PaceCost;
	/** Set when the answer came: the entry leaves the window then. */
	expiresAt: number;
}

const BUCKETS: PaceBucket[] = ['users', 'events', 'devices', 'lookups', 'cohortRequests'];
/** How often to look again while the budget is held by requests still in flight. */
const IN_FLIGHT_POLL_MS = 50;
/** Longest single sleep, so a cancelled execution stops waiting soon. */
const MAX_SLEEP_SLICE_MS = 1000;

function safetyMarginMs(windowMs: number): number {
	return Math.min(1000, Math.max(20, Math.round(windowMs * 0.01)));
}

/** Released entries, the one leaving the window first on top (runs may use different windows). */
class ExpiryHeap {
	private readonly items: Entry[] = [];

	get size(): number {
		return this.items.length;
	}

	peek(): Entry | undefined {
		return this.items[0];
	}

	push(entry: Entry): void {
		const items = this.items;
		items.push(entry);
		let i = items.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (items[parent].expiresAt <= items[i].expiresAt) break;
			[items[parent], items[i]] = [items[i], items[parent]];
			i = parent;
		}
	}

	pop(): Entry | undefined {
		const items = this.items;
		const top = items[0];
		const last = items.pop();
		if (items.length > 0 && last) {
			items[0] = last;
			let i = 0;
			for (;;) {
				const left = 2 * i + 1;
				const right = left + 1;
				let smallest = i;
				if (left < items.length && items[left].expiresAt < items[smallest].expiresAt) smallest = left;
				if (right < items.length && items[right].expiresAt < items[smallest].expiresAt) smallest = right;
				if (smallest === i) break;
				[items[smallest], items[i]] = [items[i], items[smallest]];
				i = smallest;
			}
		}
		return top;
	}
}

export class Pacer {
	private readonly released = new ExpiryHeap();
	private readonly used: Record<PaceBucket, number> = { users: 0, events: 0, devices: 0, lookups: 0, cohortRequests: 0 };
	private readonly blockedUntil: Record<PaceBucket, number> = { users: 0, events: 0, devices: 0, lookups: 0, cohortRequests: 0 };

	constructor(private readonly now: () => number = Date.now) {}

	/** Units of a bucket counted in the current window (for tests and diagnostics). */
	inWindow(bucket: PaceBucket): number {
		this.prune();
		return this.used[bucket];
	}

	/**
	 * Units of `bucket` that would fit the budget right now (Infinity when the bucket is not
	 * paced, 0 while MoEngage's headers block it). Senders cut a request down to this, so that a
	 * window fills up to the limit instead of leaving a remainder smaller than one full request.
	 */
	room(bucket: PaceBucket, budget: PaceBudget): number {
		this.prune();
		if (this.blockedUntil[bucket] > this.now()) return 0;
		const limit = budget.limits[bucket];
		return limit === undefined ? Infinity : Math.max(0, limit - this.used[bucket]);
	}

	/**
	 * Waits until `cost` fits the budget, then counts it. Resolves to undefined when `signal`
	 * was aborted while waiting (nothing is counted then).
	 */
	async acquire(cost: PaceCost, budget: PaceBudget, signal?: AbortSignal): Promise<PaceTicket | undefined> {
		for (;;) {
			if (signal?.aborted) return undefined;
			const wait = this.waitMs(cost, budget);
			if (wait <= 0) break;
			await sleep(Math.min(wait, MAX_SLEEP_SLICE_MS));
		}
		const entry: Entry = { cost, expiresAt: Infinity };
		for (const bucket of BUCKETS) this.used[bucket] += cost[bucket] ?? 0;
		let released = false;
		return {
			release: (rateLimit, headerBuckets = []) => {
				if (released) return;
				released = true;
				const now = this.now();
				entry.expiresAt = now + budget.windowMs + safetyMarginMs(budget.windowMs);
				this.released.push(entry);
				if (rateLimit?.remaining === 0 && rateLimit.resetMs !== undefined) {
					this.block(headerBuckets, rateLimit.resetMs);
				}
				this.prune();
			},
		};
	}

	/** MoEngage said no more for `ms` (spent window, 429): nothing of these buckets goes before then. */
	block(buckets: PaceBucket[], ms: number): void {
		const until = this.now() + ms;
		for (const bucket of buckets) this.blockedUntil[bucket] = Math.max(this.blockedUntil[bucket], until);
	}

	/**
	 * How long `cost` must wait before it may fit; 0 when it fits now. When the budget is full
	 * this is the time until the next entry leaves the window (then it is checked again).
	 */
	waitMs(cost: PaceCost, budget: PaceBudget): number {
		this.prune();
		const now = this.now();
		let wait = 0;
		for (const bucket of BUCKETS) {
			const units = cost[bucket] ?? 0;
			if (units <= 0) continue;
			wait = Math.max(wait, this.blockedUntil[bucket] - now);
			const limit = budget.limits[bucket];
			if (limit === undefined) continue;
			const used = this.used[bucket];
			// A request bigger than the whole budget goes alone, when nothing else is counted.
			const fits = used + units <= limit || (units > limit && used === 0);
			if (!fits) {
				const next = this.released.peek();
				wait = Math.max(wait, next ? Math.max(1, next.expiresAt - now) : IN_FLIGHT_POLL_MS);
			}
		}
		return wait;
	}

	private prune(): void {
		const now = this.now();
		for (let next = this.released.peek(); next && next.expiresAt <= now; next = this.released.peek()) {
			this.released.pop();
			for (const bucket of BUCKETS) this.used[bucket] -= next.cost[bucket] ?? 0;
		}
	}
}

/** The buckets a request counts against. */
export function bucketsOf(cost: PaceCost): PaceBucket[] {
	return BUCKETS.filter((bucket) => (cost[bucket] ?? 0) > 0);
}

const pacers = new Map<string, Pacer>();

/**
 * The pacer shared by every execution that talks to this workspace. `api` keeps the budgets of
 * APIs MoEngage limits separately (Inform, campaign stats) apart from the Data API's.
 */
export function pacerFor(baseUrl: string, workspaceId: string, api = 'data'): Pacer {
	const key = `${baseUrl}\n${workspaceId}\n${api}`;
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer();
		pacers.set(key, pacer);
	}
	return pacer;
}

/** Per-minute rates turned into a budget for a window of `windowSeconds`. */
export function budgetFromRates(perMinute: PaceCost, windowSeconds: number): PaceBudget {
	const limits: PaceCost = {};
	for (const bucket of BUCKETS) {
		const rate = perMinute[bucket];
		if (rate === undefined) continue;
		limits[bucket] = Math.max(1, Math.floor((rate * windowSeconds) / 60));
	}
	return { windowMs: Math.round(windowSeconds * 1000), limits };
}
