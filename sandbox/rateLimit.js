// @ts-check
'use strict';
/**
 * Fixed-window counters for the documented MoEngage quotas. A window starts at the first
 * counted request and lasts `windowMs`; a request that would go over the limit is refused
 * whole (nothing of it is counted).
 */

/**
 * Per-endpoint Data API quotas (MoEngage's current reference, "Rate-limit and payload-cap summary"):
 * Track User 10,000 users, Track Event 30,000 events, Track Device 10,000 devices, Bulk Import
 * 60,000 users and 60,000 events (across its requests), Get User 1,000 users looked up, Merge
 * 1,000 pairs, Delete 5,000 requests, all per minute; each endpoint counts on its own.
 * `dataUsersPerWindow` / `dataEventsPerWindow` set every users / events window at once (Track User
 * and Bulk, Track Event and Bulk). `resetPrecisionMs`: the unit `x-ratelimit-reset` and
 * Retry-After are rounded up to (1,000: whole seconds, as MoEngage; a time-scaled sandbox uses
 * less, so that a 6 s window still says when it resets as precisely as a 60 s one does).
 *
 * @typedef {{
 *   customerUsersPerWindow: number, eventEventsPerWindow: number, deviceDevicesPerWindow: number,
 *   bulkUsersPerWindow: number, bulkEventsPerWindow: number, exportUsersPerWindow: number,
 *   mergePairsPerWindow: number, deleteRequestsPerWindow: number, dataWindowMs: number, resetPrecisionMs: number,
 *   beTriggerPerHour: number, beTriggerPerDay: number, beTriggerHourWindowMs: number, beTriggerDayWindowMs: number,
 *   beSearchPerWindow: number, beSearchWindowMs: number, cohortRequestsPerWindow: number, cohortWindowMs: number,
 *   beTriggerPer5Min: number, beTrigger5MinWindowMs: number, beFlowTriggerPerHour: number, beFlowTriggerPerDay: number,
 *   beV5ListPerMinute: number, beV5ListPerHour: number, beV5SearchPerMinute: number, beV5SearchPerHour: number,
 *   beV5MinuteWindowMs: number, beV5HourWindowMs: number,
 *   enabled: boolean
 * }} RateLimits
 * @typedef {Partial<RateLimits> & { dataUsersPerWindow?: number, dataEventsPerWindow?: number }} RateLimitSettings
 */

/** @type {Readonly<RateLimits>} */
const DEFAULT_RATE_LIMITS = Object.freeze({
	customerUsersPerWindow: 10000,
	eventEventsPerWindow: 30000,
	deviceDevicesPerWindow: 10000,
	bulkUsersPerWindow: 60000,
	bulkEventsPerWindow: 60000,
	exportUsersPerWindow: 1000,
	mergePairsPerWindow: 1000,
	deleteRequestsPerWindow: 5000,
	dataWindowMs: 60000,
	resetPrecisionMs: 1000,
	beTriggerPerHour: 50,
	beTriggerPerDay: 200,
	beTriggerHourWindowMs: 3600000,
	beTriggerDayWindowMs: 86400000,
	beSearchPerWindow: 100,
	beSearchWindowMs: 60000,
	cohortRequestsPerWindow: 300,
	cohortWindowMs: 60000,
	// V5 (reference §3.2, §3.4): campaign triggers also 10 per 5 minutes; flow triggers 3 per hour and
	// 10 per day (hour and day windows as above); list 60/min + 1,000/h; search 30/min + 500/h.
	beTriggerPer5Min: 10,
	beTrigger5MinWindowMs: 300000,
	beFlowTriggerPerHour: 3,
	beFlowTriggerPerDay: 10,
	beV5ListPerMinute: 60,
	beV5ListPerHour: 1000,
	beV5SearchPerMinute: 30,
	beV5SearchPerHour: 500,
	beV5MinuteWindowMs: 60000,
	beV5HourWindowMs: 3600000,
	enabled: true,
});

/**
 * The settings with the two shorthands spread over the windows they stand for.
 * @param {RateLimits} base
 * @param {RateLimitSettings | undefined} partial
 * @returns {RateLimits}
 */
function merged(base, partial) {
	const { dataUsersPerWindow, dataEventsPerWindow, ...rest } = partial || {};
	/** @type {RateLimits} */
	const out = { ...base, ...rest };
	if (dataUsersPerWindow !== undefined) {
		out.customerUsersPerWindow = rest.customerUsersPerWindow ?? dataUsersPerWindow;
		out.bulkUsersPerWindow = rest.bulkUsersPerWindow ?? dataUsersPerWindow;
	}
	if (dataEventsPerWindow !== undefined) {
		out.eventEventsPerWindow = rest.eventEventsPerWindow ?? dataEventsPerWindow;
		out.bulkEventsPerWindow = rest.bulkEventsPerWindow ?? dataEventsPerWindow;
	}
	return out;
}

class FixedWindow {
	/**
	 * @param {number} limit
	 * @param {number} windowMs
	 * @param {number} [precisionMs] the unit resets are rounded up to
	 */
	constructor(limit, windowMs, precisionMs = 1000) {
		this.limit = limit;
		this.windowMs = windowMs;
		this.precisionMs = precisionMs;
		this.used = 0;
		/** @type {number | null} */
		this.start = null;
	}

	/** @param {number} now */
	refresh(now) {
		if (this.start !== null && now >= this.start + this.windowMs) {
			this.start = null;
			this.used = 0;
		}
	}

	/**
	 * @param {number} n
	 * @param {number} now
	 */
	wouldExceed(n, now) {
		this.refresh(now);
		return n > 0 && this.used + n > this.limit;
	}

	/**
	 * @param {number} n
	 * @param {number} now
	 */
	consume(n, now) {
		this.refresh(now);
		if (n <= 0) return;
		if (this.start === null) this.start = now;
		this.used += n;
	}

	/** @param {number} now */
	remaining(now) {
		this.refresh(now);
		return Math.max(0, this.limit - this.used);
	}

	/**
	 * Seconds until the current window ends (a whole window when none is running), rounded up to
	 * the precision (whole seconds by default), at least one unit of it.
	 * @param {number} now
	 */
	resetSeconds(now) {
		this.refresh(now);
		const ms = this.start === null ? this.windowMs : this.start + this.windowMs - now;
		const p = this.precisionMs;
		return (Math.max(1, Math.ceil(ms / p)) * p) / 1000;
	}

	/** @param {number} now */
	headers(now) {
		return {
			'x-ratelimit-limit': String(this.limit),
			'x-ratelimit-remaining': String(this.remaining(now)),
			'x-ratelimit-reset': String(this.resetSeconds(now)),
		};
	}

	clear() {
		this.used = 0;
		this.start = null;
	}
}

/**
 * Of several windows, the one with the smallest remaining share of its limit.
 * @param {FixedWindow[]} windows
 * @param {number} now
 * @returns {FixedWindow}
 */
function tightest(windows, now) {
	let best = windows[0];
	let bestShare = Infinity;
	for (const w of windows) {
		const share = w.limit > 0 ? w.remaining(now) / w.limit : 0;
		if (share < bestShare) {
			best = w;
			bestShare = share;
		}
	}
	return best;
}

/**
 * @param {RateLimits} c
 */
function makeWindows(c) {
	const data = (/** @type {number} */ limit) => new FixedWindow(limit, c.dataWindowMs, c.resetPrecisionMs);
	return {
		customerUsers: data(c.customerUsersPerWindow),
		eventEvents: data(c.eventEventsPerWindow),
		deviceDevices: data(c.deviceDevicesPerWindow),
		bulkUsers: data(c.bulkUsersPerWindow),
		bulkEvents: data(c.bulkEventsPerWindow),
		exportUsers: data(c.exportUsersPerWindow),
		mergePairs: data(c.mergePairsPerWindow),
		deleteRequests: data(c.deleteRequestsPerWindow),
		beHour: new FixedWindow(c.beTriggerPerHour, c.beTriggerHourWindowMs),
		beDay: new FixedWindow(c.beTriggerPerDay, c.beTriggerDayWindowMs),
		beSearch: new FixedWindow(c.beSearchPerWindow, c.beSearchWindowMs),
		cohort: new FixedWindow(c.cohortRequestsPerWindow, c.cohortWindowMs, c.resetPrecisionMs),
		be5Min: new FixedWindow(c.beTriggerPer5Min, c.beTrigger5MinWindowMs),
		flowHour: new FixedWindow(c.beFlowTriggerPerHour, c.beTriggerHourWindowMs),
		flowDay: new FixedWindow(c.beFlowTriggerPerDay, c.beTriggerDayWindowMs),
		v5ListMinute: new FixedWindow(c.beV5ListPerMinute, c.beV5MinuteWindowMs),
		v5ListHour: new FixedWindow(c.beV5ListPerHour, c.beV5HourWindowMs),
		v5SearchMinute: new FixedWindow(c.beV5SearchPerMinute, c.beV5MinuteWindowMs),
		v5SearchHour: new FixedWindow(c.beV5SearchPerHour, c.beV5HourWindowMs),
	};
}

/**
 * The Data API endpoints that have quotas of their own.
 * @typedef {'customer' | 'event' | 'device' | 'bulk' | 'export' | 'merge' | 'delete'} DataQuota
 */

class RateLimiter {
	/** @param {RateLimitSettings} [limits] */
	constructor(limits) {
		/** @type {RateLimits} */
		this.config = merged(DEFAULT_RATE_LIMITS, limits);
		this.w = makeWindows(this.config);
	}

	/** @param {RateLimitSettings} partial */
	set(partial) {
		this.config = merged(this.config, partial);
		this.w = makeWindows(this.config);
	}

	reset() {
		for (const w of Object.values(this.w)) w.clear();
	}

	/**
	 * The windows of one Data API endpoint, with what a request counts in each.
	 * @param {DataQuota} quota
	 * @param {{ users?: number, events?: number, devices?: number, lookups?: number, pairs?: number }} units
	 * @returns {Array<[FixedWindow, number]>}
	 */
	dataWindows(quota, units) {
		const w = this.w;
		switch (quota) {
			case 'customer':
				return [[w.customerUsers, 1]];
			case 'event':
				return [[w.eventEvents, units.events || 0]];
			case 'device':
				return [[w.deviceDevices, 1]];
			case 'bulk':
				return [[w.bulkUsers, units.users || 0], [w.bulkEvents, units.events || 0]];
			case 'export':
				return [[w.exportUsers, units.lookups || 0]];
			case 'merge':
				return [[w.mergePairs, units.pairs || 0]];
			default:
				return [[w.deleteRequests, 1]];
		}
	}

	/**
	 * Counts one request of a Data API endpoint unless that would exceed its quota.
	 * @param {DataQuota} quota
	 * @param {{ users?: number, events?: number, devices?: number, lookups?: number, pairs?: number }} units
	 * @param {number} now
	 * @returns {null | { retryAfter: number, headers: Record<string, string> }} null when allowed
	 */
	takeData(quota, units, now) {
		return this.take(this.dataWindows(quota, units), now);
	}

	/** @param {number} now */
	takeTrigger(now) {
		return this.take([
			[this.w.beHour, 1],
			[this.w.beDay, 1],
		], now);
	}

	/**
	 * One cohort sync request (counted per request, whatever its members).
	 * @param {number} now
	 */
	takeCohort(now) {
		return this.take([[this.w.cohort, 1]], now);
	}

	/**
	 * One V5 campaign trigger (or campaign launch, see `v5QuotaUnit`): 5-minute, hour and day windows,
	 * shared with the legacy trigger's hour and day.
	 * @param {number} now
	 */
	takeCampaignTrigger(now) {
		return this.take([
			[this.w.be5Min, 1],
			[this.w.beHour, 1],
			[this.w.beDay, 1],
		], now);
	}

	/**
	 * One V5 flow trigger (or flow launch).
	 * @param {number} now
	 */
	takeFlowTrigger(now) {
		return this.take([
			[this.w.flowHour, 1],
			[this.w.flowDay, 1],
		], now);
	}

	/**
	 * One V5 list (`GET /v5/business-events`) or search (`POST /v5/business-events/search`) request.
	 * @param {'list' | 'search'} kind
	 * @param {number} now
	 */
	takeV5Lookup(kind, now) {
		const [minute, hour] = kind === 'list' ? [this.w.v5ListMinute, this.w.v5ListHour] : [this.w.v5SearchMinute, this.w.v5SearchHour];
		return this.take([
			[minute, 1],
			[hour, 1],
		], now);
	}

	/** @param {number} now */
	takeSearch(now) {
		return this.take([[this.w.beSearch, 1]], now);
	}

	/**
	 * @private
	 * @param {Array<[FixedWindow, number]>} wants
	 * @param {number} now
	 */
	take(wants, now) {
		if (this.config.enabled) {
			const over = wants.filter(([w, n]) => w.wouldExceed(n, now)).map(([w]) => w);
			if (over.length > 0) {
				const retryAfter = Math.max(...over.map((w) => w.resetSeconds(now)));
				const worst = over.reduce((a, b) => (b.resetSeconds(now) > a.resetSeconds(now) ? b : a));
				return { retryAfter, headers: worst.headers(now) };
			}
		}
		for (const [w, n] of wants) w.consume(n, now);
		return null;
	}

	/**
	 * The x-ratelimit-* headers for a route: a Data API endpoint's own quota (Bulk: the tighter of
	 * its users and events windows), or another family's.
	 * @param {DataQuota | 'trigger' | 'search' | 'cohort'} bucket
	 * @param {number} now
	 * @returns {Record<string, string>}
	 */
	headersFor(bucket, now) {
		switch (bucket) {
			case 'trigger':
				return tightest([this.w.beHour, this.w.beDay], now).headers(now);
			case 'search':
				return this.w.beSearch.headers(now);
			case 'cohort':
				return this.w.cohort.headers(now);
			default:
				return tightest(this.dataWindows(bucket, {}).map(([w]) => w), now).headers(now);
		}
	}
}

module.exports = { DEFAULT_RATE_LIMITS, FixedWindow, RateLimiter };
