import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The node parameter `authentication`. */
export type AuthKind = 'none' | 'basicAuth' | 'headerAuth';

/** What the caller must send, read from the selected credential. */
export type AuthConfig =
	| { kind: 'none' }
	| { kind: 'basicAuth'; user: string; password: string }
	| { kind: 'headerAuth'; headerName: string; headerValue: string };

/** The credential type behind each authentication (defined in `credentials/`). */
export const CREDENTIAL_TYPES = {
	basicAuth: 'moEngageStreamsBasicAuthApi',
	headerAuth: 'moEngageStreamsHeaderAuthApi',
} as const;

const LABELS = {
	basicAuth: { option: 'Basic Auth', credential: 'MoEngage Streams Basic Auth API' },
	headerAuth: { option: 'Header Auth', credential: 'MoEngage Streams Header Auth API' },
} as const;

const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Visible ASCII, with spaces only inside: what reaches the node unchanged as a header value. */
const VISIBLE_ASCII = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

function text(value: unknown): string {
	if (typeof value === 'string') return value;
	return typeof value === 'number' ? String(value) : '';
}

type Checked<T> = { ok: true; auth: T } | { ok: false; problem: string };

/** Checks a Basic credential's values; `problem` names the field, never its value. */
export function checkBasicCredential(
	data: ICredentialDataDecryptedObject | undefined,
): Checked<Extract<AuthConfig, { kind: 'basicAuth' }>> {
	const user = text(data?.user);
	const password = text(data?.password);
	if (user === '' || password === '') return { ok: false, problem: 'the credential’s User or Password is empty' };
	if (user.includes(':')) {
		return { ok: false, problem: 'the credential’s User contains ":", which Basic auth cannot carry' };
	}
	return { ok: true, auth: { kind: 'basicAuth', user, password } };
}

/**
 * Node's HTTP parser strips the spaces and tabs around a header value and reads its bytes as
 * latin1, so a value with either could never equal what MoEngage sends: every batch would get 403.
 */
function headerValueProblem(value: string): string | undefined {
	if (VISIBLE_ASCII.test(value)) return undefined;
	if (value.trim() !== value) {
		return 'the credential’s Value starts or ends with a space or line break: remove it (header values arrive trimmed, so it could never match)';
	}
	return 'the credential’s Value has characters other than visible ASCII (letters, digits, punctuation and inner spaces): use only those, for MoEngage and here';
}

/** Checks a Header credential's values; `problem` names the field, never its value. */
export function checkHeaderCredential(
	data: ICredentialDataDecryptedObject | undefined,
): Checked<Extract<AuthConfig, { kind: 'headerAuth' }>> {
	const headerName = text(data?.name).trim();
	const headerValue = text(data?.value);
	if (!HTTP_TOKEN.test(headerName)) {
		return { ok: false, problem: 'the credential’s Name is not a valid header name (use letters, digits and - _ .)' };
	}
	if (headerValue === '') return { ok: false, problem: 'the credential’s Value is empty' };
	const valueProblem = headerValueProblem(headerValue);
	if (valueProblem) return { ok: false, problem: valueProblem };
	return { ok: true, auth: { kind: 'headerAuth', headerName, headerValue } };
}

function configError(ctx: IWebhookFunctions, kind: 'basicAuth' | 'headerAuth', problem: string, detail = '') {
	const { option, credential } = LABELS[kind];
	return new NodeOperationError(ctx.getNode(), `Authentication is ${option} but ${problem}`, {
		description:
			`Create a "${credential}" credential with the values MoEngage support will send and select it ` +
			`in the node, or choose another Authentication.${detail}`,
	});
}

/**
 * Reads the selected credential (decrypted by n8n, one read per request) and checks it. A missing,
 * unreadable or incomplete credential is a configuration error: the request is never let in.
 */
export async function readCallerAuth(ctx: IWebhookFunctions, kind: AuthKind): Promise<AuthConfig> {
	if (kind !== 'basicAuth' && kind !== 'headerAuth') return { kind: 'none' };
	const type = CREDENTIAL_TYPES[kind];
	if (!ctx.getNode().credentials?.[type]) {
		throw configError(ctx, kind, `no ${LABELS[kind].credential} credential is selected`);
	}

	let data: ICredentialDataDecryptedObject;
	try {
		data = await ctx.getCredentials<ICredentialDataDecryptedObject>(type);
	} catch (error) {
		throw configError(ctx, kind, 'the credential could not be read', ` n8n said: ${(error as Error).message}`);
	}
	const checked = kind === 'basicAuth' ? checkBasicCredential(data) : checkHeaderCredential(data);
	if (!checked.ok) throw configError(ctx, kind, checked.problem);
	return checked.auth;
}
