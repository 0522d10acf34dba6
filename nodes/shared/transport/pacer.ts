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
 *
 * MoEngage's `x-ratelimit-limit/remaining/reset` answers describe the workspace's window, whoever
 * spent it (other workers, other n8n instances): they steer on top of that. A request waits for
 * the reset when what MoEngage said is left (less what this process sent since) cannot hold it; a
 * limit MoEngage reports caps what one request may carry (`limit()`); and for buckets whose budget is only
 * MoEngage's documented default (`steered`), the headers replace it once they are known, so a
 * workspace whose limit MoEngage raised is paced at its own limit. Each process comes back after a
 * reset with its own random delay, so processes sharing a workspace do not fall into lockstep.
 */

/**
 * What MoEngage counts: user updates, event actions, device updates, users looked up, and cohort
 * sync requests (MoEngage limits those per request, not per user).
 */
export type PaceBucket = 'users' | 'events' | 'devices' | 'lookups' | 'merges' | 'deletes' | 'cohortRequests';

export type PaceCost = Partial<Record<PaceBucket, number>>;

export interface PaceBudget {
	windowMs: number;
	/** Units allowed per window, per bucket; a bucket left out is not paced. */
	limits: PaceCost;
	/**
	 * Buckets whose limit is MoEngage's documented default, not a rate the user set: once
	 * MoEngage's rate-limit headers have described the workspace's window, they pace these alone.
	 */
	steered?: PaceBucket[];
}

export interface PaceTicket {
	/**
	 * Call once the answer came (or the request failed), with MoEngage's rate-limit headers and the
	 * buckets they describe: they steer what may go until the window resets. `refused`: MoEngage
	 * answered 429, so it counted nothing of the request, and neither does the pacer.
	 */
	release(rateLimit?: RateLimitState, headerBuckets?: PaceBucket[], refused?: boolean): void;
}

interface Entry {
	cost: PaceCost;
	/** Set when the answer came: the entry leaves the window then. */
	expiresAt: number;
}

/** The workspace's window as MoEngage's headers last described it. */
interface ServerWindow {
	/** x-ratelimit-limit, when given */
	limit?: number;
	/** Units MoEngage said were left, less what this process sent since. */
	remaining: number;
	/** When MoEngage said the window resets. */
	resetAt: number;
	/** This process's random delay after the reset. */
	jitterMs: number;
	/** The longest reset heard: about the window's length, used for the windows that follow. */
	windowMs: number;
}

const BUCKETS: PaceBucket[] = ['users', 'events', 'devices', 'lookups', 'merges', 'deletes', 'cohortRequests'];
const ZERO = (): Record<PaceBucket, number> => ({ users: 0, events: 0, devices: 0, lookups: 0, merges: 0, deletes: 0, cohortRequests: 0 });
/** How often to look again while the budget is held by requests still in flight. */
const IN_FLIGHT_POLL_MS = 50;
/** Longest single sleep, so a cancelled execution stops waiting soon. */
const MAX_SLEEP_SLICE_MS = 1000;

function safetyMarginMs(windowMs: number): number {
	return Math.min(1000, Math.max(20, Math.round(windowMs * 0.01)));
}

/** Random delay after a reset: up to 2 % of the window, at least a few ms, at most a second. */
function resetJitterMs(windowMs: number, random: () => number): number {
	return Math.round(random() * Math.min(1000, Math.max(10, windowMs * 0.02)));
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
	private readonly used = ZERO();
	/** Units acquired and not yet answered. */
	private readonly inFlight = ZERO();
	private readonly blockedUntil = ZERO();
	private readonly server: Partial<Record<PaceBucket, ServerWindow>> = {};

	constructor(
		private readonly now: () => number = Date.now,
		private readonly random: () => number = Math.random,
	) {}

	/** Units of a bucket counted in the current window (for tests and diagnostics). */
	inWindow(bucket: PaceBucket): number {
		this.prune();
		return this.used[bucket];
	}

	/** The limit MoEngage's headers last reported for a bucket, if any. */
	reportedLimit(bucket: PaceBucket): number | undefined {
		return this.server[bucket]?.limit;
	}

	/**
	 * Units of a bucket one request may carry: the budget's per window, lowered to the limit
	 * MoEngage reports (a bigger request can never pass), or for a steered bucket MoEngage's
	 * report alone once there is one.
	 */
	limit(bucket: PaceBucket, budget: PaceBudget): number {
		const own = budget.limits[bucket] ?? Infinity;
		const reported = this.server[bucket]?.limit;
		if (reported === undefined) return own;
		return budget.steered?.includes(bucket) ? reported : Math.min(own, reported);
	}

	/**
	 * Units of `bucket` that would fit right now (Infinity when nothing limits it, 0 while it is
	 * blocked). Senders cut a request down to this, so that a window fills up to the limit instead
	 * of leaving a remainder smaller than one full request.
	 */
	room(bucket: PaceBucket, budget: PaceBudget): number {
		this.prune();
		const now = this.now();
		if (this.blockedUntil[bucket] > now) return 0;
		let room = Infinity;
		if (this.localApplies(bucket, budget)) room = Math.max(0, (budget.limits[bucket] ?? Infinity) - this.used[bucket]);
		const server = this.serverWindow(bucket, now);
		if (server) room = Math.min(room, Math.max(0, server.remaining));
		return room;
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
		for (const bucket of BUCKETS) {
			const units = cost[bucket] ?? 0;
			if (units <= 0) continue;
			this.used[bucket] += units;
			this.inFlight[bucket] += units;
			const server = this.server[bucket];
			if (server) server.remaining -= units;
		}
		let released = false;
		return {
			release: (rateLimit, headerBuckets = [], refused = false) => {
				if (released) return;
				released = true;
				const now = this.now();
				for (const bucket of BUCKETS) {
					const units = cost[bucket] ?? 0;
					this.inFlight[bucket] -= units;
					if (!refused) continue;
					this.used[bucket] -= units;
					const server = this.server[bucket];
					if (server) server.remaining += units;
				}
				entry.expiresAt = now + budget.windowMs + safetyMarginMs(budget.windowMs);
				if (!refused) this.released.push(entry);
				if (rateLimit) this.observe(rateLimit, headerBuckets);
				this.prune();
			},
		};
	}

	/**
	 * What MoEngage's headers said after a request was answered: its window, the units left in it
	 * (this process's requests still unanswered will take some of them) and when it resets.
	 */
	observe(rateLimit: RateLimitState, buckets: PaceBucket[]): void {
		const now = this.now();
		const limit = rateLimit.limit !== undefined && Number.isFinite(rateLimit.limit) && rateLimit.limit > 0 ? rateLimit.limit : undefined;
		const { remaining, resetMs } = rateLimit;
		for (const bucket of buckets) {
			const before = this.server[bucket];
			if (remaining === undefined || resetMs === undefined || !Number.isFinite(remaining) || !Number.isFinite(resetMs)) {
				if (limit !== undefined) this.learnLimit([bucket], limit);
				continue;
			}
			const windowMs = Math.max(resetMs, before?.windowMs ?? 0);
			this.server[bucket] = {
				limit: limit ?? before?.limit,
				remaining: remaining - this.inFlight[bucket],
				resetAt: now + resetMs,
				jitterMs: resetJitterMs(windowMs, this.random),
				windowMs,
			};
		}
	}

	/** MoEngage reported a limit (e.g. on a 429) without saying what is left. */
	learnLimit(buckets: PaceBucket[], limit: number): void {
		const now = this.now();
		for (const bucket of buckets) {
			const server = this.server[bucket];
			if (server) server.limit = limit;
			else this.server[bucket] = { limit, remaining: limit, resetAt: now, jitterMs: 0, windowMs: 0 };
		}
	}

	/** MoEngage said no more for `ms` (spent window, 429): nothing of these buckets goes before then. */
	block(buckets: PaceBucket[], ms: number): void {
		const until = this.now() + ms;
		for (const bucket of buckets) this.blockedUntil[bucket] = Math.max(this.blockedUntil[bucket], until);
	}

	/** How long the longest block of these buckets still lasts (ms). */
	blockedFor(buckets: PaceBucket[]): number {
		const now = this.now();
		return Math.max(0, ...buckets.map((bucket) => this.blockedUntil[bucket] - now));
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
			const server = this.serverWindow(bucket, now);
			// What MoEngage said is left cannot hold it: come back after the reset (a request bigger
			// than the whole limit goes alone, at the start of a window).
			if (server && units > server.remaining && server.remaining !== server.limit) {
				wait = Math.max(wait, server.resetAt + server.jitterMs - now);
			}
			// The budget's own window (MoEngage's reported window is the server window's business).
			if (!this.localApplies(bucket, budget)) continue;
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

	/** The budget's own window applies unless MoEngage's headers pace this (steered) bucket. */
	private localApplies(bucket: PaceBucket, budget: PaceBudget): boolean {
		return !(budget.steered?.includes(bucket) && this.server[bucket]?.windowMs);
	}

	/**
	 * The bucket's server window, rolled over once its reset and this process's delay after it have
	 * passed: a new window holds the reported limit, and lasts as long as the last one did.
	 */
	private serverWindow(bucket: PaceBucket, now: number): ServerWindow | undefined {
		const server = this.server[bucket];
		if (!server || server.windowMs === 0) return undefined;
		if (now >= server.resetAt + server.jitterMs) {
			server.remaining = (server.limit ?? Infinity) - this.inFlight[bucket];
			server.resetAt = now + server.windowMs;
			server.jitterMs = resetJitterMs(server.windowMs, this.random);
		}
		return server;
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
