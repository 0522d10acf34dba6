import type { RetryPolicy } from '../../shared/transport/retryPolicy';
import { RETRY_POLICIES } from '../../shared/transport/retryPolicy';

/**
 * Inform Send. MoEngage asks clients to retry a 500 up to 3 times with exponential backoff, and a
 * repeat is safe: every attempt carries the same `transaction_id`, which MoEngage refuses as a
 * duplicate (409) for 5 minutes once one attempt was taken. So timeouts, resets and 5xx are
 * retried (4 attempts in all), and a 409 after a lost answer means "sent" (router.ts).
 * A 5xx may still have sent the alert, hence `serverErrorsMayLand`.
 */
export const INFORM_SEND_RETRY: RetryPolicy = {
	...RETRY_POLICIES.data,
	maxAttempts: 4,
	retryUnsafe: true,
	serverErrorsMayLand: true,
};
