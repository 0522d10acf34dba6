/** The Data API's documented limits (those other nodes use too: ../shared/limits.ts). */

/** customer_id values the Data API refuses (compared trimmed and case-insensitively). */
export const BLOCKED_CUSTOMER_IDS: readonly string[] = [
	'unknown', 'guest', 'null', '0', '1', 'true', 'false', 'user_attribute_unique_id', '(empty)',
	'na', 'n/a', '', 'dummy_seller_code', 'user_id', 'id', 'customer_id', 'uid', 'userid', 'none',
	'-2', '-1', '2',
];

/** Attribute and event names with this prefix are reserved for MoEngage. */
export const RESERVED_NAME_PREFIX = 'moe_';

/**
 * Standard user attributes MoEngage documents as writable although they start with the reserved
 * prefix (subscription and opt-in states); any other `moe_` name stays refused.
 */
export const DOCUMENTED_RESERVED_USER_ATTRIBUTES: readonly string[] = [
	'moe_sms_subscription',
	'moe_wa_subscription',
	'moe_spam',
	'moe_unsubscribe',
	'moe_hard_bounce',
	'moe_sub_w',
	'moe_email_optin_status',
	'moe_em_unsub_categories',
	'moe_gaid',
];

/**
 * Identity Resolution identifier names MoEngage documents with the reserved prefix; other
 * identifiers are the workspace's own user attributes.
 */
export const DOCUMENTED_RESERVED_IDENTIFIERS: readonly string[] = ['moe_mobile'];

export const MAX_MERGE_PAIRS_PER_CALL = 50;
export const MAX_EXPORT_USERS_PER_CALL = 20;

/**
 * MoEngage's per-minute limit of each Data API endpoint (current API reference, rate-limit
 * summary), in what MoEngage counts there; each endpoint counts on its own, and MoEngage can raise
 * them per workspace. Bulk Import's limits hold across its requests.
 */
export const ENDPOINT_LIMITS_PER_MINUTE = {
	bulk: { users: 60_000, events: 60_000 },
	customer: { users: 10_000 },
	event: { events: 30_000 },
	device: { devices: 10_000 },
	export: { lookups: 1_000 },
	merge: { merges: 1_000 },
	delete: { deletes: 5_000 },
	cohort: { cohortRequests: 300 },
} as const;

/**
 * Largest body for the single-element endpoints (Track User, Event, Device): MoEngage documents
 * 128 KB there (100 KB only for bulk import); 128,000 bytes is under both readings of "KB".
 */
export const MAX_SINGLE_REQUEST_BYTES = 128_000;

/** Cohort sync (`/v1/integrations/cohortsync`): requests a minute, whatever their size. */
export const COHORT_REQUESTS_PER_MINUTE = ENDPOINT_LIMITS_PER_MINUTE.cohort.cohortRequests;
/** Cohort sync body cap: MoEngage documents 128 KB; 128,000 bytes is under both readings of "KB". */
export const MAX_COHORT_REQUEST_BYTES = 128_000;
/** Characters MoEngage refuses in a cohort name (cohort sync reference). */
export const COHORT_NAME_FORBIDDEN_CHARACTERS: readonly string[] = ['|', '*', '?', '\\', ':', '<', '>', '=', '$', '"'];
