/**
 * MoEngage's limits for campaign stats (reference §6), and the package's own bounds on one item.
 */

/** `campaign_ids` per call (MoEngage: at most 10). */
export const MAX_CAMPAIGNS_PER_CALL = 10;

/**
 * Days per call, counting both ends. MoEngage says start and end must be "≤ 30 days apart", which
 * reads as end − start ≤ 30 (31 days) or as 30 days in all; windows of 30 days in all satisfy both.
 */
export const MAX_DAYS_PER_CALL = 30;

/** `limit` per page when listing all campaigns (MoEngage: default and most 10). */
export const PAGE_SIZE = 10;

/** MoEngage allows 100 calls a minute per workspace. */
export const REQUESTS_PER_MINUTE = 100;

/** Package bound: one item asks for at most this many days (13 calls per campaign group). */
export const MAX_RANGE_DAYS = 366;

/** Package bound: one item names at most this many campaigns (10 calls per date window). */
export const MAX_CAMPAIGN_IDS = 100;

/** Package bound: pages followed per call before giving up (1,000 × 10 = 10,000 campaigns). */
export const MAX_PAGES = 1000;
