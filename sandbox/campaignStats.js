// @ts-check
'use strict';
/**
 * MoEngage campaign stats (current reference §6): `POST /core-services/v1/campaign-stats`.
 *
 * Checks, in order: method (405) → Basic auth with the Business Events key (401) → `MOE-APPKEY`
 * equal to the workspace ID (401) → the feature is on for the account (403 "Forbidden Request")
 * → Content-Type (400) → JSON object body (400) → fields (400 "Invalid Field Value") → rate limit
 * (429) → answer. Errors use the documented `{title, description, code}` shape.
 *
 * Stats are deterministic: every leaf row (platform × locale × variation) gets daily counts from
 * a hash of (campaign, row, day, metric type, attribution type); a range is the sum of its days;
 * `all_locales` / `all_variations` rows are the sums of the rows they stand for; rates are computed
 * from the summed counts (so rates are NOT additive across ranges).
 */
const { parseBasic } = require('./auth');
const { FixedWindow } = require('./rateLimit');

const PATH = '/core-services/v1/campaign-stats';
const DAY_MS = 86400000;
const ATTRIBUTION_TYPES = ['VIEW_THROUGH', 'CLICK_THROUGH', 'IN_SESSION', 'TOTAL_CONVERSIONS', 'CLICK_CONVERSIONS'];
const METRIC_TYPES = ['TOTAL', 'UNIQUE'];
const KNOWN_FIELDS = ['request_id', 'campaign_ids', 'start_date', 'end_date', 'attribution_type', 'metric_type', 'offset', 'limit'];

/**
 * How a campaign's stats are split. `none`: one platform, only the `all_locales`/`all_variations` row.
 * @typedef {'none' | 'platform' | 'locale' | 'variation' | 'full'} CampaignSplit
 *
 * @typedef {{
 *   id: string,
 *   split?: CampaignSplit,
 *   deliveryType?: string,
 *   activeFrom?: string,
 *   activeTo?: string,
 * }} CampaignDef
 *
 * @typedef {{
 *   enabled: boolean,
 *   maxCampaignIds: number,
 *   maxLimit: number,
 *   maxRangeDays: number,
 *   rangeCounting: 'apart' | 'inclusive',
 *   perWindow: number,
 *   windowMs: number,
 *   unknownCampaigns: 'omit' | 'reject',
 *   campaigns: CampaignDef[],
 * }} CampaignStatsConfig
 */

/** @type {CampaignSplit[]} */
const SPLIT_CYCLE = ['none', 'platform', 'locale', 'variation', 'full'];

/**
 * The default catalogue: `cmp-01` … `cmp-25` (splits cycle none, platform, locale, variation,
 * full; all active from 2024-01-01), and `cmp-api-01`, an API_TRIGGERED campaign that MoEngage
 * never reports.
 * @returns {CampaignDef[]}
 */
function defaultCampaigns() {
	/** @type {CampaignDef[]} */
	const list = [];
	for (let i = 1; i <= 25; i++) {
		list.push({ id: `cmp-${String(i).padStart(2, '0')}`, split: SPLIT_CYCLE[(i - 1) % SPLIT_CYCLE.length], activeFrom: '2024-01-01' });
	}
	list.push({ id: 'cmp-api-01', split: 'none', deliveryType: 'API_TRIGGERED', activeFrom: '2024-01-01' });
	return list;
}

/**
 * @param {Partial<CampaignStatsConfig>} [options]
 * @returns {CampaignStatsConfig}
 */
function campaignStatsConfig(options = {}) {
	return {
		enabled: true,
		maxCampaignIds: 10,
		maxLimit: 10,
		maxRangeDays: 30,
		rangeCounting: 'apart',
		perWindow: 100,
		windowMs: 60000,
		unknownCampaigns: 'omit',
		campaigns: defaultCampaigns(),
		...options,
	};
}

/** @type {WeakMap<object, { config: CampaignStatsConfig, window: FixedWindow, windowKey: string }>} */
const perState = new WeakMap();

/**
 * The live campaign-stats settings of a sandbox state (created on first use).
 * @param {import('./state').SandboxState} state
 */
function statsStateOf(state) {
	let s = perState.get(state);
	if (!s) {
		const config = campaignStatsConfig(state.campaignStats);
		s = { config, window: new FixedWindow(config.perWindow, config.windowMs), windowKey: `${config.perWindow}/${config.windowMs}` };
		perState.set(state, s);
	}
	// Settings changed through sb.campaignStats: a new rate window.
	const key = `${s.config.perWindow}/${s.config.windowMs}`;
	if (key !== s.windowKey) {
		s.window = new FixedWindow(s.config.perWindow, s.config.windowMs);
		s.windowKey = key;
	}
	return s;
}

/**
 * @param {number} status
 * @param {string} title
 * @param {string | null} description
 * @param {string} code
 * @param {Record<string, string>} [headers]
 * @returns {import('./responses').SandboxResponse}
 */
function fail(status, title, description, code, headers) {
	return { status, body: { title, description, code }, headers };
}

/**
 * @param {string} field
 * @param {string} description
 */
function invalidField(field, description) {
	return fail(400, 'Invalid Field Value', `${field}: ${description}`, 'INVALID_FIELD_VALUE');
}

/**
 * Day number (UTC) of a strict `YYYY-MM-DD` calendar date, else undefined.
 * @param {unknown} text
 */
function dayOf(text) {
	if (typeof text !== 'string') return undefined;
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return undefined;
	const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	const d = new Date(ms);
	if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
	return ms / DAY_MS;
}

/** @param {number} day */
function dateOf(day) {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * FNV-1a, 32 bits.
 * @param {string} text
 */
function hash(text) {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/**
 * The rows of a campaign: platform → locale → variation names, aggregates included.
 * Leaves are the rows whose numbers are generated; aggregates sum them.
 * @param {CampaignSplit} split
 * @returns {Record<string, { locales: string[], variations: string[] }>}
 */
function layoutOf(split) {
	switch (split) {
		case 'platform':
			return { ANDROID: { locales: [], variations: [] }, IOS: { locales: [], variations: [] }, WEB: { locales: [], variations: [] } };
		case 'locale':
			return { ANDROID: { locales: ['en', 'fr'], variations: [] } };
		case 'variation':
			return { IOS: { locales: [], variations: ['1', '2', 'campaign_control_group'] } };
		case 'full':
			return { ANDROID: { locales: ['en', 'de'], variations: ['1', '2'] }, WEB: { locales: ['en', 'de'], variations: ['1', '2'] } };
		default:
			return { ANDROID: { locales: [], variations: [] } };
	}
}

const COUNT_KEYS = ['attempted', 'sent', 'failed', 'bounced', 'delivered', 'impression', 'click', 'opened', 'read', 'unsubscribe', 'conversions'];

/**
 * Counts of one leaf row on one day.
 * @param {string} seed
 * @param {string} metricType
 * @param {string} attributionType
 * @returns {Record<string, number>}
 */
function dailyCounts(seed, metricType, attributionType) {
	const h = hash(seed);
	const attempted = 200 + (h % 800);
	const failed = (h >>> 10) % 25;
	const sent = attempted - failed;
	const bounced = (h >>> 15) % 7;
	const delivered = sent - bounced;
	const impression = Math.floor(delivered * 0.8);
	const click = Math.floor(impression * (0.05 + ((h >>> 20) % 10) / 100));
	const opened = Math.floor(delivered * 0.6);
	const read = Math.floor(opened * 0.9);
	const unsubscribe = (h >>> 24) % 3;
	const conversionBase = Math.floor(click * 0.3);
	const conversions = conversionBase + (hash(`${seed}|${attributionType}`) % 5);
	/** @type {Record<string, number>} */
	const counts = { attempted, sent, failed, bounced, delivered, impression, click, opened, read, unsubscribe, conversions };
	if (metricType === 'UNIQUE') for (const k of COUNT_KEYS) counts[k] = Math.floor(counts[k] * 0.75);
	return counts;
}

/**
 * @param {Record<string, number>} a
 * @param {Record<string, number>} b
 */
function addCounts(a, b) {
	for (const k of COUNT_KEYS) a[k] = (a[k] || 0) + (b[k] || 0);
	return a;
}

/** @param {number} part @param {number} whole */
function rate(part, whole) {
	return whole > 0 ? Math.round((part / whole) * 10000) / 100 : 0;
}

/**
 * The documented row shape from summed counts.
 * @param {Record<string, number>} c
 */
function rowOf(c) {
	const failedTokens = Math.floor(c.failed / 2);
	return {
		performance_stats: {
			attempted: c.attempted,
			sent: c.sent,
			failed: c.failed,
			bounced: c.bounced,
			delivered: c.delivered,
			impression: c.impression,
			click: c.click,
			opened: c.opened,
			read: c.read,
			unsubscribe: c.unsubscribe,
			ctr: rate(c.click, c.impression),
			delivery_rate: rate(c.delivered, c.sent),
			sent_rate: rate(c.sent, c.attempted),
			failure_rate: rate(c.failed, c.attempted),
			open_rate: rate(c.opened, c.delivered),
		},
		conversion_goal_stats: {
			Purchase: { conversions: c.conversions, cvr: rate(c.conversions, c.click) },
		},
		delivery_funnel: { attempted: c.attempted, sent: c.sent, delivered: c.delivered, impression: c.impression, click: c.click },
		failure_breakdown: { INVALID_TOKEN: failedTokens, UNINSTALLED: c.failed - failedTokens },
	};
}

/**
 * The stats of one campaign over [fromDay, toDay] (days it was active), in the documented shape:
 * `[{ platforms: { P: { locales: { L: { variations: { V: row } } } } } }]`.
 * @param {CampaignDef} campaign
 * @param {number} fromDay
 * @param {number} toDay
 * @param {string} metricType
 * @param {string} attributionType
 */
function campaignStats(campaign, fromDay, toDay, metricType, attributionType) {
	/** @type {Record<string, unknown>} */
	const platforms = {};
	for (const [platform, layout] of Object.entries(layoutOf(campaign.split || 'none'))) {
		const locales = layout.locales.length ? layout.locales : ['all_locales'];
		const variations = layout.variations.length ? layout.variations : ['all_variations'];
		/** @type {Record<string, Record<string, Record<string, number>>>} locale → variation → counts */
		const leaves = {};
		for (const locale of locales) {
			leaves[locale] = {};
			for (const variation of variations) {
				/** @type {Record<string, number>} */
				const sum = {};
				for (let day = fromDay; day <= toDay; day++) {
					addCounts(sum, dailyCounts(`${campaign.id}|${platform}|${locale}|${variation}|${dateOf(day)}|${metricType}`, metricType, attributionType));
				}
				leaves[locale][variation] = sum;
			}
		}
		/** @type {Record<string, { variations: Record<string, unknown> }>} */
		const out = {};
		const variationRows = (/** @type {Record<string, Record<string, number>>} */ byVariation) => {
			/** @type {Record<string, unknown>} */
			const rows = {};
			/** @type {Record<string, number>} */
			const total = {};
			for (const [variation, counts] of Object.entries(byVariation)) {
				rows[variation] = rowOf(counts);
				// The control group received nothing of the campaign: not part of all_variations.
				if (variation !== 'campaign_control_group') addCounts(total, counts);
			}
			if (!('all_variations' in rows)) rows.all_variations = rowOf(total);
			return rows;
		};
		for (const locale of locales) out[locale] = { variations: variationRows(leaves[locale]) };
		if (!('all_locales' in out)) {
			/** @type {Record<string, Record<string, number>>} */
			const byVariation = {};
			for (const locale of locales) {
				for (const [variation, counts] of Object.entries(leaves[locale])) {
					byVariation[variation] = addCounts(byVariation[variation] || {}, counts);
				}
			}
			out.all_locales = { variations: variationRows(byVariation) };
		}
		platforms[platform] = { locales: out };
	}
	return [{ platforms }];
}

/**
 * @param {string} value
 * @param {string[]} allowed
 */
function oneOf(value, allowed) {
	return typeof value === 'string' && allowed.includes(value);
}

/**
 * @param {import('./state').Ctx} ctx
 * @returns {import('./responses').SandboxResponse}
 */
function handleCampaignStats(ctx) {
	const { state } = ctx;
	const { config, window } = statsStateOf(state);
	ctx.rec.route = 'campaignStats';
	if (ctx.path !== PATH) return fail(404, 'Not Found', `No endpoint at ${ctx.method} ${ctx.path}`, 'NOT_FOUND');
	if (ctx.method !== 'POST') return fail(405, 'Method Not Allowed', `${ctx.method} is not allowed; use POST`, 'METHOD_NOT_ALLOWED');

	const auth = parseBasic(/** @type {string | undefined} */ (ctx.headers.authorization));
	if (!auth.ok) return fail(401, 'Authentication required', 'Authorization header is missing or malformed', 'AUTHENTICATION_REQUIRED');
	if (auth.user !== state.workspaceId || auth.pass !== state.businessEventsApiKey) {
		return fail(401, 'Authentication required', 'Invalid APP_ID or APP_SECRET_KEY in Authorization Header', 'AUTHENTICATION_REQUIRED');
	}
	const appKey = ctx.headers['moe-appkey'];
	if (appKey === undefined || appKey === '') return fail(401, 'Authentication required', 'MOE-APPKEY is missing in Header', 'AUTHENTICATION_REQUIRED');
	if (appKey !== state.workspaceId) {
		return fail(401, 'Authentication required', "MOE-APPKEY doesn't match the APP_ID used in Basic Auth authorization", 'AUTHENTICATION_REQUIRED');
	}
	if (!config.enabled) {
		return fail(403, 'Forbidden Request', 'Campaign Stats API is not enabled for this account', 'FORBIDDEN_REQUEST');
	}
	const contentType = String(ctx.headers['content-type'] || '');
	if (!/^application\/json\b/i.test(contentType)) return fail(400, 'Bad Request', 'Content-Type must be application/json', 'BAD_REQUEST');
	/** @type {unknown} */
	let body;
	try {
		body = JSON.parse(ctx.buf.toString('utf8'));
	} catch {
		return fail(400, 'Bad Request', 'The body is not valid JSON', 'BAD_REQUEST');
	}
	ctx.rec.body = body;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(400, 'Bad Request', 'The body must be a JSON object', 'BAD_REQUEST');
	const b = /** @type {Record<string, any>} */ (body);

	const extra = Object.keys(b).filter((k) => !KNOWN_FIELDS.includes(k));
	if (extra.length) return invalidField(extra[0], 'unknown field');
	if (typeof b.request_id !== 'string' || b.request_id.trim() === '') return invalidField('request_id', 'is required');
	ctx.rec.requestId = b.request_id;
	if (b.start_date === undefined || b.start_date === '') return invalidField('start_date', 'is required');
	if (b.end_date === undefined || b.end_date === '') return invalidField('end_date', 'is required');
	const fromDay = dayOf(b.start_date);
	const toDay = dayOf(b.end_date);
	if (fromDay === undefined) return invalidField('start_date', 'must be a date in YYYY-MM-DD format');
	if (toDay === undefined) return invalidField('end_date', 'must be a date in YYYY-MM-DD format');
	if (fromDay > toDay) return invalidField('start_date', 'must not be after end_date');
	const span = config.rangeCounting === 'inclusive' ? toDay - fromDay + 1 : toDay - fromDay;
	if (span > config.maxRangeDays) {
		return invalidField('end_date', `start_date and end_date must be at most ${config.maxRangeDays} days apart`);
	}
	if (!oneOf(b.attribution_type, ATTRIBUTION_TYPES)) return invalidField('attribution_type', `must be one of ${ATTRIBUTION_TYPES.join(', ')}`);
	if (!oneOf(b.metric_type, METRIC_TYPES)) return invalidField('metric_type', `must be one of ${METRIC_TYPES.join(', ')}`);
	const offset = b.offset === undefined ? 0 : b.offset;
	const limit = b.limit === undefined ? config.maxLimit : b.limit;
	if (!Number.isInteger(offset) || offset < 0) return invalidField('offset', 'must be an integer of at least 0');
	if (!Number.isInteger(limit) || limit < 1 || limit > config.maxLimit) return invalidField('limit', `must be an integer from 1 to ${config.maxLimit}`);
	/** @type {string[] | undefined} */
	let ids;
	if (b.campaign_ids !== undefined) {
		if (!Array.isArray(b.campaign_ids) || b.campaign_ids.some((/** @type {unknown} */ id) => typeof id !== 'string' || id === '')) {
			return invalidField('campaign_ids', 'must be a list of campaign ID strings');
		}
		if (b.campaign_ids.length > config.maxCampaignIds) {
			return invalidField('campaign_ids', `at most ${config.maxCampaignIds} campaign IDs are allowed`);
		}
		ids = b.campaign_ids;
	}
	const byId = new Map(config.campaigns.map((c) => [c.id, c]));
	if (ids && config.unknownCampaigns === 'reject') {
		const unknown = ids.find((id) => !byId.has(id));
		if (unknown !== undefined) return invalidField('campaign_ids', `unknown campaign ${unknown}`);
	}

	const limited = window.wouldExceed(1, ctx.now);
	if (limited) {
		const retryAfter = window.resetSeconds(ctx.now);
		return fail(429, 'Rate Limit Exceeded', 'Too many requests', 'RATE_LIMIT_EXCEEDED', {
			...window.headers(ctx.now),
			'retry-after': String(retryAfter),
		});
	}
	window.consume(1, ctx.now);

	// Campaigns with activity in the range; API_TRIGGERED campaigns are not reported.
	const candidates = ids ? [...new Set(ids)].map((id) => byId.get(id)).filter((c) => c !== undefined) : config.campaigns;
	const reported = /** @type {CampaignDef[]} */ (candidates).filter((c) => {
		if (c.deliveryType === 'API_TRIGGERED') return false;
		const from = c.activeFrom ? dayOf(c.activeFrom) : undefined;
		const to = c.activeTo ? dayOf(c.activeTo) : undefined;
		return (from === undefined || from <= toDay) && (to === undefined || to >= fromDay);
	});
	const page = reported.slice(offset, offset + limit);
	/** @type {Record<string, unknown>} */
	const data = {};
	for (const c of page) {
		const from = Math.max(fromDay, c.activeFrom ? /** @type {number} */ (dayOf(c.activeFrom)) : fromDay);
		const to = Math.min(toDay, c.activeTo ? /** @type {number} */ (dayOf(c.activeTo)) : toDay);
		data[c.id] = campaignStats(c, from, to, b.metric_type, b.attribution_type);
	}
	return {
		status: 200,
		headers: window.headers(ctx.now),
		body: {
			response_id: b.request_id,
			total_campaigns: reported.length,
			current_page: Math.floor(offset / limit) + 1,
			total_pages: Math.ceil(reported.length / limit),
			data,
		},
	};
}

module.exports = { handleCampaignStats, campaignStatsConfig, statsStateOf, defaultCampaigns, campaignStats, CAMPAIGN_STATS_PATH: PATH };
