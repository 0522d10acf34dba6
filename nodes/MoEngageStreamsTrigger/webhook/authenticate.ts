import { createHash, timingSafeEqual } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import type { AuthConfig } from './callerCredentials';

type IncomingHttpHeaders = ReturnType<IWebhookFunctions['getHeaderData']>;

export type AuthOutcome = 'ok' | 'missing' | 'wrong';

/** Constant-time equality that does not leak lengths: both sides are hashed first. */
function sameSecret(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

function headerText(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(', ') : value;
}

function checkBasic(headers: IncomingHttpHeaders, user: string, password: string): AuthOutcome {
	const header = headerText(headers.authorization);
	const match = header === undefined ? null : /^\s*basic\s+(\S+)\s*$/i.exec(header);
	if (!match) return 'missing';
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return 'wrong';
	// Both comparisons always run, so timing does not tell which part was wrong.
	const userOk = sameSecret(decoded.slice(0, colon), user);
	const passwordOk = sameSecret(decoded.slice(colon + 1), password);
	return userOk && passwordOk ? 'ok' : 'wrong';
}

function checkHeader(headers: IncomingHttpHeaders, name: string, value: string): AuthOutcome {
	const given = headerText(headers[name.toLowerCase()]);
	if (given === undefined) return 'missing';
	return sameSecret(given, value) ? 'ok' : 'wrong';
}

export function authenticate(headers: IncomingHttpHeaders, auth: AuthConfig): AuthOutcome {
	switch (auth.kind) {
		case 'basicAuth':
			return checkBasic(headers, auth.user, auth.password);
		case 'headerAuth':
			return checkHeader(headers, auth.headerName, auth.headerValue);
		default:
			return 'ok';
	}
}
