import { createHash } from 'crypto';

import { isPlainObject } from '../../shared/values';

/**
 * The default `transaction_id`: a hash of what the alert says and to whom, so the same item sent
 * again (n8n's Retry On Fail, a re-run of a failed execution, the client's own retry after a lost
 * answer) carries the same ID, and MoEngage refuses the repeat (409) for 5 minutes instead of
 * sending the message twice. `n8n-` + 40 hex characters = 44, under MoEngage's 50.
 */
export const DERIVED_PREFIX = 'n8n-';

/** JSON with object keys sorted at every level, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
	if (isPlainObject(value)) {
		const keys = Object.keys(value)
			.filter((k) => value[k] !== undefined)
			.sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

export interface AlertContent {
	alert_id?: string;
	alert_reference_name?: string;
	user_id?: string;
	payloads: Record<string, unknown>;
	/** Test host or API host: the same content sent to each is two different sends. */
	test: boolean;
}

export function deriveTransactionId(content: AlertContent): string {
	const digest = createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
	return `${DERIVED_PREFIX}${digest.slice(0, 40)}`;
}
