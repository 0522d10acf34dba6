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
	/** False when another attempt cannot help: the execution was cancelled, or TLS refused the address. */
	retryable: boolean;
}

const NEVER_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUTS = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
/** Node's certificate and TLS error codes: the handshake failed, so nothing was sent. */
const TLS_FAILURE = /CERT|^UNABLE_TO_|^ERR_TLS_|^ERR_SSL_|^EPROTO$/;

function codeOf(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function messageOf(code: string, rawMessage: string, isTimeout: boolean, cancelled: boolean, tls: boolean): string {
	if (cancelled) return 'The execution was cancelled before MoEngage answered';
	if (isTimeout) return 'MoEngage did not answer within the timeout';
	if (tls && /CERT|^UNABLE_TO_/.test(code)) {
		return `The TLS certificate of the MoEngage address was not accepted (${code}): behind a proxy or custom base URL with its own certificate authority, start n8n with NODE_EXTRA_CA_CERTS set to that authority's file`;
	}
	if (tls) {
		return `The TLS handshake with the MoEngage address failed (${code}): check the credential's custom base URL (https:// only for an address that speaks TLS)`;
	}
	if (code === 'ECONNRESET' || /socket hang up/i.test(rawMessage)) {
		return 'The connection to MoEngage was reset before an answer came';
	}
	if (NEVER_DELIVERED.has(code)) return 'Could not connect to MoEngage';
	return 'The request to MoEngage failed before an answer came';
}

export function classifyNetworkError(error: unknown): NetworkFailure {
	const code = codeOf(error) ?? 'EUNKNOWN';
	const rawMessage = String((error as { cause?: { message?: unknown } })?.cause?.message ?? (error as Error)?.message ?? '');
	const name = (error as { name?: unknown })?.name;
	const cancelled = code === 'ERR_CANCELED' || name === 'CanceledError' || name === 'AbortError';
	const isTimeout = !cancelled && (TIMEOUTS.has(code) || /timeout/i.test(rawMessage));
	const tls = TLS_FAILURE.test(code);
	return {
		code: isTimeout ? 'ETIMEDOUT' : code,
		message: messageOf(code, rawMessage, isTimeout, cancelled, tls),
		maybeDelivered: !NEVER_DELIVERED.has(code) && !tls,
		isTimeout,
		retryable: !cancelled && !tls,
	};
}
