/**
 * Classifies an error thrown by n8n's HTTP helper (no HTTP answer came back). Only the code and
 * a short message are kept: the raw error carries the request config, Authorization included.
 */
export interface NetworkFailure {
	code: string;
	message: string;
	/** The request may have reached MoEngage (a timeout or a reset after sending). */
	maybeDelivered: boolean;
	isTimeout: boolean;
}

const NEVER_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUTS = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

function codeOf(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

export function classifyNetworkError(error: unknown): NetworkFailure {
	const code = codeOf(error) ?? 'EUNKNOWN';
	const rawMessage = String((error as { cause?: { message?: unknown } })?.cause?.message ?? (error as Error)?.message ?? '');
	const isTimeout = TIMEOUTS.has(code) || /timeout/i.test(rawMessage);
	const message = isTimeout
		? 'MoEngage did not answer within the timeout'
		: code === 'ECONNRESET' || /socket hang up/i.test(rawMessage)
			? 'The connection to MoEngage was reset before an answer came'
			: NEVER_DELIVERED.has(code)
				? 'Could not connect to MoEngage'
				: 'The request to MoEngage failed before an answer came';
	return {
		code: isTimeout ? 'ETIMEDOUT' : code,
		message,
		maybeDelivered: !NEVER_DELIVERED.has(code),
		isTimeout,
	};
}
