import type { SlashDateOrder } from '../../shared/validation/dates';
import type { RetryPolicy } from '../../shared/transport/retryPolicy';
import { RETRY_POLICIES } from '../../shared/transport/retryPolicy';

/** The "Options" collection as an operation reads it. */
export interface OperationOptions {
	timeout?: number;
	retryOnServerError?: boolean;
	dateFormat?: SlashDateOrder;
	sendDatesAs?: 'iso' | 'MM/DD/YYYY';
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
