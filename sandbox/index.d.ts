/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling, never shipped */
/**
 * Types of the MoEngage sandbox (sandbox/index.js). See README.md in this folder.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Per-endpoint Data API quotas per `dataWindowMs` (defaults: MoEngage's per-minute limits). */
export interface RateLimits {
	/** Track User (`/v1/customer`), users: 10,000 */
	customerUsersPerWindow: number;
	/** Track Event (`/v1/event`), event actions: 30,000 */
	eventEventsPerWindow: number;
	/** Track Device (`/v1/device`), devices: 10,000 */
	deviceDevicesPerWindow: number;
	/** Bulk Import (`/v1/transition`), users across its requests: 60,000 */
	bulkUsersPerWindow: number;
	/** Bulk Import, event actions across its requests: 60,000 */
	bulkEventsPerWindow: number;
	/** Get User (`/v1/customers/export`), users looked up: 1,000 */
	exportUsersPerWindow: number;
	/** Merge (`/v1/customer/merge`), pairs: 1,000 */
	mergePairsPerWindow: number;
	/** Delete (`/v1/customer/delete`), requests: 5,000 */
	deleteRequestsPerWindow: number;
	dataWindowMs: number;
	/** `x-ratelimit-reset` and Retry-After are rounded up to this (ms; 1,000 = whole seconds, as MoEngage) */
	resetPrecisionMs: number;
	beTriggerPerHour: number;
	beTriggerPerDay: number;
	beTriggerHourWindowMs: number;
	beTriggerDayWindowMs: number;
	beSearchPerWindow: number;
	beSearchWindowMs: number;
	/** cohort sync requests per window (default 300 per 60,000 ms) */
	cohortRequestsPerWindow: number;
	cohortWindowMs: number;
	/** V5 campaign triggers per 5-minute window (10 per 300,000 ms); hour and day share the legacy trigger windows */
	beTriggerPer5Min: number;
	beTrigger5MinWindowMs: number;
	/** V5 flow triggers per hour / day window (3 / 10) */
	beFlowTriggerPerHour: number;
	beFlowTriggerPerDay: number;
	/** V5 list: 60 per minute and 1,000 per hour; V5 search: 30 per minute and 500 per hour */
	beV5ListPerMinute: number;
	beV5ListPerHour: number;
	beV5SearchPerMinute: number;
	beV5SearchPerHour: number;
	beV5MinuteWindowMs: number;
	beV5HourWindowMs: number;
	enabled: boolean;
}

/** What `rateLimits` / `setRateLimits` take: shorthands set every users / events window at once (Track and Bulk). */
export type RateLimitSettings = Partial<RateLimits> & { dataUsersPerWindow?: number; dataEventsPerWindow?: number };

export declare const DEFAULT_RATE_LIMITS: Readonly<RateLimits>;

/** Legacy types (string … date) and V5 types (number, boolean, datetime; string is both). */
export type BusinessEventAttributeType = 'string' | 'int' | 'float' | 'array' | 'date' | 'number' | 'boolean' | 'datetime';

export interface BusinessEventAttribute {
	attribute_name: string;
	attribute_data_type: BusinessEventAttributeType;
}

/** Input of the registry: attributes as a list (API shape) or as a name -> type map. */
export interface BusinessEventDef {
	event_name: string;
	event_attributes?: BusinessEventAttribute[] | Record<string, BusinessEventAttributeType>;
	/** default true; false makes triggers answer "No active campaign found for business event name" */
	hasActiveCampaign?: boolean;
	event_id?: string;
	_id?: string;
	created_by?: string;
	created_at?: string;
	last_received_time?: string | null;
	total_trigger?: number;
	usage_count?: number;
	users_in_segment?: number;
	/** V5: the active campaigns and flows the event starts (default: one campaign; none without an active campaign) */
	campaign_ids?: string[];
	flow_ids?: string[];
}

/** A registry entry: the search-API shape plus the sandbox-only `hasActiveCampaign` (mutable). */
export interface BusinessEventRecord {
	db_name: string;
	event_id: string;
	event_name: string;
	event_attributes: BusinessEventAttribute[];
	created_at: string;
	total_trigger: number;
	users_in_segment: number;
	usage_count: number;
	created_by: string;
	last_received_time: string | null;
	_id: string;
	hasActiveCampaign: boolean;
	campaign_ids: string[];
	flow_ids: string[];
	/** campaigns launched by V5 triggers */
	campaign_count: number;
}

export type Fault =
	| {
			kind: 'status';
			status: number;
			/** default: by family and status (429 Data/BE shapes, 5xx `{title, message}`) */
			body?: object | string;
			/** added to / overriding the default headers */
			headers?: Record<string, string>;
			/** 429 only: Retry-After seconds (default 1); null = no Retry-After header */
			retryAfter?: number | null;
			pathPrefix?: string;
	  }
	| { kind: 'reset'; afterProcessing?: boolean; pathPrefix?: string }
	| { kind: 'delay'; ms: number; pathPrefix?: string }
	| { kind: 'hang'; pathPrefix?: string };

export type FaultKind = Fault['kind'];

export type Family = 'data' | 'businessEvents' | 'inform' | 'campaignStats' | 'unknown';

/** An Inform alert the sandbox knows; `test: true` ones are only sent on the test host, the others only on the API host. */
export interface InformAlert {
	alert_id: string;
	alert_reference_name?: string;
	test: boolean;
}

export declare const DEFAULT_INFORM_ALERTS: ReadonlyArray<Readonly<InformAlert>>;

export interface InformSettings {
	/** default 10000 (MoEngage's 10,000 requests per minute) */
	requestsPerWindow: number;
	/** default 60000; fixed window starting at the first counted request */
	windowMs: number;
	/** how long a transaction_id is refused as a duplicate (409); default 300000 (5 minutes) */
	dedupWindowMs: number;
	/** answer per-channel objects (MoEngage does when the CSM enables it); default false */
	channelResults: boolean;
}

/** An alert the sandbox accepted on the API host (`live`) or the test host (`test`). */
export interface InformMessage {
	host: 'live' | 'test';
	transaction_id: string;
	alert_id: string;
	alert_reference_name?: string;
	user_id?: string;
	/** channel names as sent, e.g. ['SMS', 'EMAIL'] */
	channels: string[];
	payloads: Record<string, unknown>;
	/** index in sb.requests */
	requestIndex: number;
	requestId: string;
	receivedAt: number;
}

/** How a sandbox campaign's stats are split: `none` = one platform, only its all_locales/all_variations row. */
export type CampaignSplit = 'none' | 'platform' | 'locale' | 'variation' | 'full';

export interface CampaignDef {
	id: string;
	/** default 'none' */
	split?: CampaignSplit;
	/** 'API_TRIGGERED' campaigns are never reported (MoEngage does not report them) */
	deliveryType?: string;
	/** YYYY-MM-DD; reported only for ranges that overlap [activeFrom, activeTo] */
	activeFrom?: string;
	activeTo?: string;
}

/** Campaign stats settings (`/core-services/v1/campaign-stats`); see README.md. */
export interface CampaignStatsConfig {
	/** default true; false → 403 "Forbidden Request" (feature not on the account) */
	enabled: boolean;
	/** default 10 */
	maxCampaignIds: number;
	/** default 10 (the most `limit` may be, and its default) */
	maxLimit: number;
	/** default 30 */
	maxRangeDays: number;
	/** default 'apart' (end − start ≤ maxRangeDays); 'inclusive' counts both ends (≤ maxRangeDays days) */
	rangeCounting: 'apart' | 'inclusive';
	/** default 100 calls per windowMs (60000) */
	perWindow: number;
	windowMs: number;
	/** default 'omit' (left out of `data`); 'reject' → 400 */
	unknownCampaigns: 'omit' | 'reject';
	/** default cmp-01 … cmp-25 (splits cycle none, platform, locale, variation, full) and cmp-api-01 (API_TRIGGERED) */
	campaigns: CampaignDef[];
}

export interface RecordedRequest {
	method: string;
	/** without the query string */
	path: string;
	query: Record<string, string>;
	/** lower-case keys, as received */
	headers: IncomingHttpHeaders;
	/** '' when recordBodies is false or the body was over 1 MB */
	rawBody: string;
	/** parsed JSON (undefined when absent / not JSON / not recorded) */
	body: unknown;
	/** raw body length in bytes */
	bytes: number;
	/** status answered; 0 for reset/hang faults (and while still in flight) */
	status: number;
	family: Family;
	/** Date.now() at arrival */
	receivedAt: number;
	/** position in sb.requests */
	index: number;
	/** e.g. 'customer' | 'event' | 'device' | 'transition' | 'merge' | 'delete' | 'export' |
	 *  'businessEventTrigger' | 'businessEventSearch' | 'businessEventCreate' |
	 *  'businessEventTriggerV5' | 'businessEventListV5' | 'businessEventSearchV5' */
	route?: string;
	fault?: FaultKind;
	/** reset with afterProcessing: the status the sandbox would have answered */
	intendedStatus?: number;
	requestId?: string;
	/** the body answered (or that would have been, for reset afterProcessing) */
	response?: unknown;
	durationMs?: number;
	/** number of AcceptedItems this request produced */
	acceptedCount: number;
	/** bulk import only */
	acceptedElements?: number;
	/** bulk import only: elements MoEngage would silently drop */
	rejectedElements?: Array<{ index: number; reason: string }>;
	/** cohort sync only: member uids the sandbox did not know (ignored, as MoEngage does, with a 200) */
	ignoredMembers?: string[];
}

export interface AcceptedItem {
	kind: 'customer' | 'event' | 'device' | 'merge' | 'delete' | 'businessEvent' | 'businessEventCreate' | 'cohortMember';
	/** index in sb.requests */
	requestIndex: number;
	/** route of the request (see RecordedRequest.route) */
	route: string;
	/** bulk import: index of the element */
	elementIndex?: number;
	customer_id?: string;
	/** kind 'event': one item per action; kind 'cohortMember': 'add_members' | 'remove_members' */
	action?: string;
	/** kind 'cohortMember' (customer_id = the member's uid) */
	cohort_id?: string;
	device_id?: string;
	/** kind 'merge' (customer_id = retained_user) */
	merged_user?: string;
	/** kind 'delete' */
	identity_type?: string;
	identity_value?: string;
	/** kinds 'businessEvent' and 'businessEventCreate' */
	event_name?: string;
	/** V5 trigger: the campaigns and flows it started */
	campaign_ids?: string[];
	flow_ids?: string[];
	updateExistingOnly?: boolean;
	/** kinds 'customer' and 'event' without customer_id (Identity Resolution): the active identifiers that named the user */
	identifiers?: Record<string, string>;
}

export interface StoredUser {
	/** null for a user known only by identifiers (Identity Resolution; kept under its moengage_id) */
	customer_id: string | null;
	moengage_id: string;
	attributes: Record<string, unknown>;
	devices: Record<string, Record<string, unknown>>;
	created_time: string;
	last_updated: string;
}

export interface StreamsEventCode {
	code: string;
	name: string;
	/** as in 003_*.txt; 'Email' for the email rows (blank in the doc), '-' for the control group */
	channel: string;
}

export declare const STREAMS_EVENT_CODES: ReadonlyArray<Readonly<StreamsEventCode>>;

export interface StreamsEvent {
	event_name: string;
	event_code: string;
	event_uuid: string;
	event_time: number;
	event_type: 'CAMPAIGN_EVENT' | 'USER_ACTION_EVENT';
	event_source: string;
	uid: string;
	push_id?: string;
	email_id?: string;
	mobile_number?: string;
	event_attributes: Record<string, unknown>;
	user_attributes: Record<string, unknown>;
	device_attributes: Record<string, unknown>;
}

export interface StreamsBatch {
	app_name: string;
	source: string;
	moe_request_id: string;
	events: StreamsEvent[];
}

export interface MakeStreamsBatchOptions {
	/** default: one per code */
	events?: number;
	/** default: every documented code; codes outside the table become USER_ACTION_EVENTs */
	codes?: string[];
	appName?: string;
}

export interface PostStreamsBatchOptions {
	headers?: Record<string, string>;
	/** default 'application/json' */
	contentType?: string;
	/** default 30000 */
	timeoutMs?: number;
}

export interface PostStreamsBatchResult {
	status: number;
	body: string;
	headers: IncomingHttpHeaders;
}

export declare function makeStreamsBatch(opts?: MakeStreamsBatchOptions): StreamsBatch;
export declare function sampleStreamsBatch(): StreamsBatch;
export declare function postStreamsBatch(
	url: string,
	batch: object | string | Buffer,
	opts?: PostStreamsBatchOptions,
): Promise<PostStreamsBatchResult>;

export interface SandboxOptions {
	/** default 0 = random free port; host is always 127.0.0.1 */
	port?: number;
	/** default 'SANDBOXWORKSPACE' */
	workspaceId?: string;
	/** default 'sandbox-data-key' */
	dataApiKey?: string;
	/** default 'sandbox-be-key' */
	businessEventsApiKey?: string;
	/** default 'sandbox-inform-key' */
	informApiKey?: string;
	/** default DEFAULT_INFORM_ALERTS: one live alert and its test alert */
	informAlerts?: InformAlert[];
	/** Inform's rate limit, duplicate window and per-channel answers */
	inform?: Partial<InformSettings>;
	rateLimits?: RateLimitSettings;
	/** initial registry; default NewMovies (doc sample), PriceDrop (every type), NoActiveCampaign */
	businessEvents?: BusinessEventDef[];
	/** one line per answered/dropped request; never contains keys */
	log?: (line: string) => void;
	/** Get user (export) enabled; default true (false -> 403) */
	exportEnabled?: boolean;
	/** Get User body: 'data' (default, the current reference: the lookup inside `data`) or 'root' (an older page's form) */
	getUserBodyForm?: 'data' | 'root';
	/** default 131072 (128 KB) */
	maxBodyBytes?: number;
	/** bulk import limit, default 102400 (100 KB) */
	maxBulkBytes?: number;
	/** default 50 */
	maxBusinessEvents?: number;
	/** keep rawBody/body in sb.requests; default true (set false for big benchmarks) */
	recordBodies?: boolean;
	/** allowed future skew of event times; default 300000 (5 min) */
	clockSkewMs?: number;
	/** db_name in search answers; default 'Sandbox_App' */
	dbName?: string;
	/** campaign stats settings, merged over the defaults */
	campaignStats?: Partial<CampaignStatsConfig>;
	/** cohort sync's leading-period rule for cohort_name: 'refuse' (default, current reference) or 'require' (older revision) */
	cohortNameLeadingPeriod?: 'refuse' | 'require';
	/** Identity Resolution: off by default; true = on with DEFAULT_IDENTIFIERS; or {enabled?, identifiers?} */
	identityResolution?: boolean | Partial<IdentitySettings>;
	/** legacy search without event_ids/event_names: 400 (`refuse`, default, as the reference words it) or every event (`all`) */
	legacyEmptySearch?: 'refuse' | 'all';
	/** what V5 trigger quotas count: one per trigger and kind (`trigger`, default) or each campaign/flow (`launch`) */
	v5QuotaUnit?: 'trigger' | 'launch';
	/** a V5 trigger whose campaigns and flows are all over quota: 200 `FAILURE` (`skip`, default) or 429 (`429`) */
	v5QuotaAnswer?: 'skip' | '429';
}

/** Identity Resolution of the sandbox workspace (besides ID = customer_id, which is always active). */
export interface IdentitySettings {
	enabled: boolean;
	/** the active identifier attribute names; default DEFAULT_IDENTIFIERS */
	identifiers: string[];
}

/** ['moe_mobile', 'email'] */
export declare const DEFAULT_IDENTIFIERS: readonly string[];

/** A cohort made by cohort sync. */
export interface SandboxCohort {
	cohort_id: string;
	cohort_name: string;
	cohort_description?: string;
	partner: string;
	/** current members (uids of known users) */
	members: Set<string>;
	/** uids sent for this cohort that the sandbox did not know, in arrival order */
	ignored: string[];
}

export interface Sandbox {
	/** 'http://127.0.0.1:<port>' */
	readonly url: string;
	readonly port: number;
	readonly workspaceId: string;
	readonly dataApiKey: string;
	readonly businessEventsApiKey: string;
	readonly informApiKey: string;
	/** `<url>/inform-test`: the base URL standing in for MoEngage's Inform test host */
	readonly informTestUrl: string;
	/** live array, arrival order */
	readonly requests: RecordedRequest[];
	/** empties sb.requests, the accepted list and the Inform sent lists (their indices refer to each other); Inform's transaction IDs are kept */
	clearRequests(): void;
	/** copy of the logical items accepted so far */
	accepted(): AcceptedItem[];
	injectFaults(...faults: Fault[]): void;
	clearFaults(): void;
	readonly pendingFaults: number;
	/** merges, then resets all counters */
	setRateLimits(partial: RateLimitSettings): void;
	/** counters only */
	resetRateLimits(): void;
	/** copy of the current configuration */
	readonly rateLimits: RateLimits;
	/** live registry, name -> record */
	readonly businessEvents: Map<string, BusinessEventRecord>;
	/** adds or replaces (by name) */
	addBusinessEvent(def: BusinessEventDef): BusinessEventRecord;
	legacyEmptySearch: 'refuse' | 'all';
	v5QuotaUnit: 'trigger' | 'launch';
	v5QuotaAnswer: 'skip' | '429';
	/** live user store, customer_id -> user */
	readonly users: Map<string, StoredUser>;
	/** makes these users known (cohort sync only matches existing users) */
	addUsers(ids: Iterable<string>): void;
	/** live cohorts made by cohort sync, cohort_id -> cohort (kept by clearRequests) */
	readonly cohorts: Map<string, SandboxCohort>;
	clearCohorts(): void;
	/** copy of the Inform alerts accepted on one host (default 'live') */
	informSent(host?: 'live' | 'test'): InformMessage[];
	/** live list of the alerts the sandbox knows */
	readonly informAlerts: InformAlert[];
	/** merges into Inform's settings and resets its request counter */
	setInform(partial: Partial<InformSettings>): void;
	/** forgets Inform's sent messages, transaction IDs and request counter */
	resetInform(): void;
	/** a copy of the Identity Resolution settings */
	readonly identityResolution: IdentitySettings;
	/** merges into the Identity Resolution settings (turn it on or off, change the identifiers) */
	setIdentityResolution(partial: Partial<IdentitySettings>): void;
	/** live campaign stats settings: change a field to change the sandbox's behaviour (a new perWindow/windowMs restarts the rate window) */
	readonly campaignStats: CampaignStatsConfig;
	postStreamsBatch: typeof postStreamsBatch;
	makeStreamsBatch: typeof makeStreamsBatch;
	sampleStreamsBatch: typeof sampleStreamsBatch;
	readonly STREAMS_EVENT_CODES: ReadonlyArray<Readonly<StreamsEventCode>>;
	/** closes the server and destroys every socket (hanging requests included) */
	close(): Promise<void>;
}

export declare function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
