/** MoEngage's documented limits, in one place (see shared/moengage-docs). */

/**
 * Largest request body we send. The docs say 100 KB for bulk import (128 KB elsewhere); 100,000
 * bytes is under both readings of "100 KB".
 */
export const MAX_REQUEST_BYTES = 100_000;

/** customer_id values the Data API refuses (compared trimmed and case-insensitively). */
export const BLOCKED_CUSTOMER_IDS: readonly string[] = [
	'unknown', 'guest', 'null', '0', '1', 'true', 'false', 'user_attribute_unique_id', '(empty)',
	'na', 'n/a', '', 'dummy_seller_code', 'user_id', 'id', 'customer_id', 'uid', 'userid', 'none',
	'-2', '-1', '2',
];

/** Attribute and event names with this prefix are reserved for MoEngage. */
export const RESERVED_NAME_PREFIX = 'moe_';

/** user_timezone_offset bounds, in seconds. */
export const MIN_TIMEZONE_OFFSET = -54_000;
export const MAX_TIMEZONE_OFFSET = 54_000;

export const MAX_MERGE_PAIRS_PER_CALL = 50;
export const MAX_EXPORT_USERS_PER_CALL = 20;

/** Recommended Data API rates (overview page). */
export const DEFAULT_EVENTS_PER_MINUTE = 10_000;
export const DEFAULT_USERS_PER_MINUTE = 1_000;

/** Business Events quotas. */
export const BUSINESS_EVENT_TRIGGERS_PER_HOUR = 50;
export const BUSINESS_EVENT_TRIGGERS_PER_DAY = 200;
export const MAX_BUSINESS_EVENTS_PER_WORKSPACE = 50;

/** Device updates a minute (Track Device API reference). */
export const DEFAULT_DEVICES_PER_MINUTE = 10_000;
/** Users looked up a minute through Get User (customers/export API reference). */
export const EXPORT_USERS_PER_MINUTE = 1_000;

/** How far in the future an event time may be (clock skew) before MoEngage refuses it. */
export const MAX_EVENT_TIME_SKEW_MS = 5 * 60_000;

/** Device attributes MoEngage documents itself although they start with the reserved prefix. */
export const DOCUMENTED_MOE_DEVICE_ATTRIBUTES: readonly string[] = [
	'moe_push_opted',
	'moe_push_provisional_opted',
	'moe_gaid',
];
