import type { MoEngageFailure } from '../../shared/transport/errors';
import { isPlainObject } from '../../shared/values';

/** Inform's error body: `{"message","err_code","status_code"}` (current reference §4). */
export interface InformErrorBody {
	message?: string;
	errCode?: string;
	statusCode?: number;
}

/**
 * Inform's error fields from a failure. The shared client does not know Inform's shape, so it
 * keeps the body's JSON text as the message: it is read back here.
 */
export function informErrorOf(failure: MoEngageFailure): InformErrorBody | undefined {
	let body: unknown;
	try {
		body = JSON.parse(failure.message);
	} catch {
		return undefined;
	}
	if (!isPlainObject(body)) return undefined;
	const { message, err_code: errCode, status_code: statusCode } = body;
	if (message === undefined && errCode === undefined) return undefined;
	return {
		message: typeof message === 'string' ? message : undefined,
		errCode: typeof errCode === 'string' ? errCode : undefined,
		statusCode: typeof statusCode === 'number' ? statusCode : undefined,
	};
}

/** MoEngage's 409 "Duplicate Transaction ID": an alert with this transaction ID was taken within 5 minutes. */
export function isDuplicateTransaction(failure: MoEngageFailure): boolean {
	if (failure.httpCode !== 409) return false;
	const body = informErrorOf(failure);
	if (!body) return /duplicate/i.test(failure.message);
	return body.errCode === 'DUPLICATE_REQUEST_RECEIVED' || body.statusCode === 120105 || /duplicate/i.test(body.message ?? '');
}

/** The failure with Inform's own message and code in place of the raw body text. */
export function withInformFields(failure: MoEngageFailure): MoEngageFailure {
	const body = informErrorOf(failure);
	if (!body) return failure;
	const code = [body.errCode, body.statusCode].filter((v) => v !== undefined).join(' ');
	return { ...failure, message: body.message ?? failure.message, type: code || failure.type };
}
