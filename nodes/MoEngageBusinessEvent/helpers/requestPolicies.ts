import type { SlashDateOrder } from '../../shared/validation/dates';
import type { RetryPolicy } from '../../shared/transport/retryPolicy';
import { RETRY_POLICIES } from '../../shared/transport/retryPolicy';

/** The "Options" collection as an operation reads it. */
export interface OperationOptions {
	timeout?: number;
	retryOnServerError?: boolean;
	dateFormat?: SlashDateOrder;
	sendDatesAs?: 'iso' | 'MM/DD/YYYY';
	/** Version 2 Trigger: the quotas the node checks before sending (0 = not checked). */
	quotaPer5Minutes?: number;
	quotaPerHour?: number;
	quotaPerDay?: number;
	flowQuotaPerHour?: number;
	flowQuotaPerDay?: number;
}

function timeoutOf(options: OperationOptions): Partial<RetryPolicy> {
	const timeout = Number(options.timeout);
	return Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {};
}

/** Search and Create: their named policy with the user's timeout. */
export function requestPolicy(options: OperationOptions): RetryPolicy {
	return { ...RETRY_POLICIES.businessEventRequest, ...timeoutOf(options) };
}

/** Trigger: its named policy, with the user's timeout and opt-in to retrying timeouts and 5xx. */
export function triggerPolicy(options: OperationOptions): RetryPolicy {
	return { ...RETRY_POLICIES.businessEventTrigger, ...timeoutOf(options), retryUnsafe: options.retryOnServerError === true };
}

/**
 * Version 2 Trigger (V5). A V5 429 is a refusal before anything was reserved (the quota itself is
 * answered inside a 200), so waiting it out cannot fire a campaign twice: a wait MoEngage asks for is
 * kept within two minutes, one that does not say is waited once. 5xx and timeouts stay unrepeated.
 */
export function triggerPolicyV5(options: OperationOptions): RetryPolicy {
	return { ...triggerPolicy(options), maxRateLimitWaits: 1, rateLimitDeadlineMs: 2 * 60_000 };
}
