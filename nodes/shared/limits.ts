/** MoEngage's documented limits that several nodes use (the Data API's own: MoEngageData/limits.ts). */

/**
 * Largest request body we send. The docs say 100 KB for bulk import (128 KB elsewhere); 100,000
 * bytes is under both readings of "100 KB".
 */
export const MAX_REQUEST_BYTES = 100_000;

/** user_timezone_offset bounds, in seconds. */
export const MIN_TIMEZONE_OFFSET = -54_000;
export const MAX_TIMEZONE_OFFSET = 54_000;

/** Business Events quotas. */
export const BUSINESS_EVENT_TRIGGERS_PER_HOUR = 50;
export const BUSINESS_EVENT_TRIGGERS_PER_DAY = 200;
export const MAX_BUSINESS_EVENTS_PER_WORKSPACE = 50;

/** How far in the future an event time may be (clock skew) before MoEngage refuses it. */
export const MAX_EVENT_TIME_SKEW_MS = 5 * 60_000;
