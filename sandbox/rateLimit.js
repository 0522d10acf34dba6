// @ts-check
'use strict';
/**
 * Fixed-window counters for the documented MoEngage quotas. A window starts at the first
 * counted request and lasts `windowMs`; a request that would go over the limit is refused
 * whole (nothing of it is counted).
 */

/**
 * @typedef {{
 *   dataUsersPerWindow: number, dataEventsPerWindow: number, dataWindowMs: number,
 *   beTriggerPerHour: number, beTriggerPerDay: number, beTriggerHourWindowMs: number, beTriggerDayWindowMs: number,
 *   beSearchPerWindow: number, beSearchWindowMs: number, cohortRequestsPerWindow: number, cohortWindowMs: number,
 *   beTriggerPer5Min: number, beTrigger5MinWindowMs: number, beFlowTriggerPerHour: number, beFlowTriggerPerDay: number,
 *   beV5ListPerMinute: number, beV5ListPerHour: number, beV5SearchPerMinute: number, beV5SearchPerHour: number,
 *   beV5MinuteWindowMs: number, beV5HourWindowMs: number,
 *   enabled: boolean
 * }} RateLimits
 */

/** @type {Readonly<RateLimits>} */
const DEFAULT_RATE_LIMITS = Object.freeze({
	dataUsersPerWindow: 1000,
	dataEventsPerWindow: 10000,
	dataWindowMs: 60000,
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

class FixedWindow {
	/**
	 * @param {number} limit
	 * @param {number} windowMs
	 */
	constructor(limit, windowMs) {
		this.limit = limit;
		this.windowMs = windowMs;
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
	 * Seconds until the current window ends (a whole window when none is running), at least 1.
	 * @param {number} now
	 */
	resetSeconds(now) {
		this.refresh(now);
		const ms = this.start === null ? this.windowMs : this.start + this.windowMs - now;
		return Math.max(1, Math.ceil(ms / 1000));
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
	return {
		dataUsers: new FixedWindow(c.dataUsersPerWindow, c.dataWindowMs),
		dataEvents: new FixedWindow(c.dataEventsPerWindow, c.dataWindowMs),
		beHour: new FixedWindow(c.beTriggerPerHour, c.beTriggerHourWindowMs),
		beDay: new FixedWindow(c.beTriggerPerDay, c.beTriggerDayWindowMs),
		beSearch: new FixedWindow(c.beSearchPerWindow, c.beSearchWindowMs),
		cohort: new FixedWindow(c.cohortRequestsPerWindow, c.cohortWindowMs),
		be5Min: new FixedWindow(c.beTriggerPer5Min, c.beTrigger5MinWindowMs),
		flowHour: new FixedWindow(c.beFlowTriggerPerHour, c.beTriggerHourWindowMs),
		flowDay: new FixedWindow(c.beFlowTriggerPerDay, c.beTriggerDayWindowMs),
		v5ListMinute: new FixedWindow(c.beV5ListPerMinute, c.beV5MinuteWindowMs),
		v5ListHour: new FixedWindow(c.beV5ListPerHour, c.beV5HourWindowMs),
		v5SearchMinute: new FixedWindow(c.beV5SearchPerMinute, c.beV5MinuteWindowMs),
		v5SearchHour: new FixedWindow(c.beV5SearchPerHour, c.beV5HourWindowMs),
	};
}

class RateLimiter {
	/** @param {Partial<RateLimits>} [limits] */
	constructor(limits) {
		/** @type {RateLimits} */
		this.config = { ...DEFAULT_RATE_LIMITS, ...(limits || {}) };
		this.w = makeWindows(this.config);
	}

	/** @param {Partial<RateLimits>} partial */
	set(partial) {
		this.config = { ...this.config, ...(partial || {}) };
		this.w = makeWindows(this.config);
	}

	reset() {
		for (const w of Object.values(this.w)) w.clear();
	}

	/**
	 * Counts `users` and `events` unless that would exceed a limit.
	 * @param {number} users
	 * @param {number} events
	 * @param {number} now
	 * @returns {null | { retryAfter: number, headers: Record<string, string> }} null when allowed
	 */
	takeData(users, events, now) {
		return this.take([
			[this.w.dataUsers, users],
			[this.w.dataEvents, events],
		], now);
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
	 * The x-ratelimit-* headers for a route.
	 * @param {'users' | 'events' | 'bulk' | 'trigger' | 'search' | 'cohort'} bucket
	 * @param {number} now
	 * @returns {Record<string, string>}
	 */
	headersFor(bucket, now) {
		switch (bucket) {
			case 'events':
				return this.w.dataEvents.headers(now);
			case 'bulk':
				return tightest([this.w.dataUsers, this.w.dataEvents], now).headers(now);
			case 'trigger':
				return tightest([this.w.beHour, this.w.beDay], now).headers(now);
			case 'search':
				return this.w.beSearch.headers(now);
			case 'cohort':
				return this.w.cohort.headers(now);
			default:
				return this.w.dataUsers.headers(now);
		}
	}
}

module.exports = { DEFAULT_RATE_LIMITS, FixedWindow, RateLimiter };
