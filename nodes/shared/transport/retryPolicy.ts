/**
 * When the client sends a request again. This module is the one place the retry behaviour of
 * every node is decided: the client consults the policy it was given, and nodes pick one of the
 * named policies below (the Data node lets users override a few fields in its Options).
 *
 * "Unsafe" failures are those after which MoEngage may already have taken the request (5xx, a
 * timeout, a connection reset): repeating them can duplicate an event or fire a campaign twice.
 */
export interface RetryPolicy {
	/** Attempts in all for 5xx, timeouts and connection errors (1 = never retry). */
	maxAttempts: number;
	/** Retry 5xx answers, timeouts and connection resets. */
	retryUnsafe: boolean;
	/**
	 * Whether a 5xx answer may mean MoEngage acted on the request anyway (Business Events: "may or
	 * may not have fired"). Then a retry after one is reported as possibly repeated.
	 */
	serverErrorsMayLand: boolean;
	/**
	 * How many 429 answers that do not say when to come back are waited out before failing
	 * (0 = wait out no 429 at all). 429s that say when are waited out within rateLimitDeadlineMs.
	 */
	maxRateLimitWaits: number;
	/** First backoff step; it doubles each attempt, with full jitter, up to maxDelayMs. */
	baseDelayMs: number;
	maxDelayMs: number;
	/**
	 * Most time one request may spend waiting out 429s in all. A wait MoEngage asks for that would
	 * go past it fails the request at once, saying how long MoEngage asked for.
	 */
	rateLimitDeadlineMs: number;
	/**
	 * MoEngage's rate window. A 429 that does not say when to come back (no Retry-After or
	 * x-ratelimit-reset, e.g. behind a proxy) is first waited out this long, at most
	 * rateLimitDeadlineMs: by then the window has reset. Later 429s back off from baseDelayMs.
	 */
	rateLimitWindowMs: number;
	/** Per-attempt request timeout. */
	timeoutMs: number;
	/** The node offers Options → Rate Limit Deadline and per-minute rates (the MoEngage Data node). */
	rateOptions: boolean;
}

const DATA_API: RetryPolicy = {
	maxAttempts: 5,
	retryUnsafe: true,
	serverErrorsMayLand: false,
	maxRateLimitWaits: 5,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	// Long enough for other processes sharing the workspace to take many 60 s windows ahead of this
	// one; short enough that a workspace whose limit was lowered shows up as a failure, not a hang.
	rateLimitDeadlineMs: 15 * 60_000,
	rateLimitWindowMs: 60_000,
	timeoutMs: 30_000,
	rateOptions: true,
};

/** The same, for nodes without rate options. */
const OTHER_API: RetryPolicy = { ...DATA_API, rateOptions: false };

export const RETRY_POLICIES = {
	/** Data API: MoEngage asks clients to retry 5xx and to wait out 429s; both are done. */
	data: DATA_API,
	/** Business Event Search and Create: safe to repeat (a repeated Create is confirmed by a search). */
	businessEventRequest: { ...OTHER_API, serverErrorsMayLand: true },
	/**
	 * Business Event Trigger: a repeat can start campaigns twice, so only failures that never
	 * reached MoEngage are retried (users may opt into 5xx retries), and a 429 is the trigger
	 * quota, which no short wait outlasts.
	 */
	businessEventTrigger: { ...OTHER_API, serverErrorsMayLand: true, retryUnsafe: false, maxRateLimitWaits: 0 },
	/**
	 * Inform Send: MoEngage asks to retry a 500 up to 3 times, and a repeat is safe because every
	 * attempt carries the same transaction_id, refused as a duplicate (409) for 5 minutes once one
	 * was taken. A 5xx may still have sent the alert.
	 */
	informSend: { ...OTHER_API, maxAttempts: 4, retryUnsafe: true, serverErrorsMayLand: true },
	/** Campaign stats: a read, safe to repeat. */
	campaignStats: { ...OTHER_API, serverErrorsMayLand: true },
	/** The editor's pickers and field lists: a person is waiting, so fail fast. */
	editor: { ...OTHER_API, maxAttempts: 2, maxRateLimitWaits: 0 },
} satisfies Record<string, RetryPolicy>;

/** Exponential backoff with full jitter: a random wait in [base·2^(n-1)/2, base·2^(n-1)]. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * How long a 429 asks us to wait, in ms, from `Retry-After` (seconds or an HTTP date) or
 * `x-ratelimit-reset` (seconds until the window resets; epoch seconds are accepted too).
 * Undefined when neither header says.
 */
export function rateLimitWaitMs(headers: Headers, now = Date.now()): number | undefined {
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined && retryAfter.trim() !== '') {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(retryAfter);
		if (Number.isFinite(date)) return Math.max(0, date - now);
	}
	const reset = Number(header(headers, 'x-ratelimit-reset'));
	if (header(headers, 'x-ratelimit-reset') !== undefined && Number.isFinite(reset)) {
		const epochSeconds = reset > 1_000_000_000;
		return Math.max(0, epochSeconds ? reset * 1000 - now : reset * 1000);
	}
	return undefined;
}

export interface RateLimitState {
	limit?: number;
	remaining?: number;
	/** ms until the window resets */
	resetMs?: number;
}

export function readRateLimit(headers: Headers, now = Date.now()): RateLimitState | undefined {
	const limit = header(headers, 'x-ratelimit-limit');
	const remaining = header(headers, 'x-ratelimit-remaining');
	if (limit === undefined && remaining === undefined) return undefined;
	const reset = header(headers, 'x-ratelimit-reset');
	return {
		limit: limit === undefined ? undefined : Number(limit),
		remaining: remaining === undefined ? undefined : Number(remaining),
		resetMs: reset === undefined ? undefined : rateLimitWaitMs({ 'x-ratelimit-reset': reset }, now),
	};
}
