import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { apiRouteOf } from './apiRoutes';
import type { ApiFamily, MoEngageCredentials } from './credentials';
import { assertKey, CREDENTIAL_NAME, keyHint, readCredentials } from './credentials';
import type { MoEngageFailure } from './errors';
import { describeFailure, toNodeApiError } from './errors';
import type { NetworkFailure } from './networkErrors';
import { classifyNetworkError } from './networkErrors';
import type { RateLimitState, RetryPolicy } from './retryPolicy';
import { backoffDelay, RETRY_POLICIES, rateLimitWaitMs, readRateLimit } from './retryPolicy';

export type MoEngageContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export interface MoEngageRequest {
	/** Path under the base URL, e.g. `/v1/event/<workspace>`; it decides the key (apiRoutes.ts). */
	path: string;
	query?: Record<string, string>;
	/** MoEngage's Inform test host instead of the API host (alerts sent with Test on). */
	host?: 'informTest';
	/** A value to send as JSON, or the exact JSON text to send (so callers can measure its bytes). */
	body: unknown;
	method?: 'POST' | 'GET';
}

export interface MoEngageResponse {
	statusCode: number;
	body: unknown;
	requestId?: string;
	rateLimit?: RateLimitState;
	attempts: number;
	/**
	 * An earlier attempt timed out or lost its connection after the request went out: MoEngage may
	 * have taken the request twice.
	 */
	mayBeRepeated: boolean;
	/** Time spent waiting out 429 answers before this one (ms). */
	rateLimitWaitedMs: number;
}

/** The outcome of `send()`: it never throws for an HTTP or network failure. */
export type SendOutcome =
	| { ok: true; response: MoEngageResponse }
	| {
			ok: false;
			failure: MoEngageFailure;
			network?: NetworkFailure;
			attempts: number;
			/** As on a response: an earlier attempt may have been taken by MoEngage. */
			mayBeRepeated: boolean;
			rateLimitWaitedMs?: number;
			/** MoEngage's rate-limit headers on the final answer (a 429), if any. */
			rateLimit?: RateLimitState;
	  };

export interface SendHooks {
	/**
	 * A 429 is about to be waited out for `waitMs`: whoever shares the workspace's rate budget
	 * (the Data node's pacer) can hold back its other requests meanwhile. Returning false sends
	 * the 429 back instead of waiting: e.g. `rateLimit.limit` shows the request can never pass.
	 */
	onRateLimited?(waitMs: number, rateLimit: RateLimitState | undefined): boolean | void;
}

type RawResponse = { statusCode: number; body: unknown; headers: Record<string, string> };

/** Most extra wait after a 429's reset, at random: 5 % of the wait, at most half a second. */
const RESET_JITTER_MS = 500;
const RESET_JITTER_SHARE = 0.05;

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

/** What a user can do about a 429 the client did not wait out. */
function rateLimitHint(askedMs: number | undefined, waitedMs: number, policy: RetryPolicy): string {
	if (policy.maxRateLimitWaits === 0) return '';
	const deadline = seconds(policy.rateLimitDeadlineMs);
	if (askedMs !== undefined) {
		const asked = `MoEngage asked to wait ${seconds(askedMs)} more${waitedMs ? ` after ${seconds(waitedMs)} of waiting` : ''}, beyond this request's rate-limit deadline (${deadline}).`;
		return policy.rateOptions
			? `${asked} Run the items again after that, raise Options → Rate Limit Deadline, or lower the per-minute rates if other workflows share the workspace.`
			: `${asked} Run the items again after that, or spread the workflows that share the workspace's limit over time.`;
	}
	const kept = `MoEngage kept answering 429 without saying when to come back (${policy.maxRateLimitWaits} waits).`;
	return policy.rateOptions ? `${kept} Lower the per-minute rates in Options, or run the items again later.` : `${kept} Run the items again later.`;
}

function requestIdOf(body: unknown): string | undefined {
	if (body && typeof body === 'object') {
		// V5 Business Events answer `response_id` instead.
		const b = body as { request_id?: unknown; response_id?: unknown; error?: { request_id?: unknown } };
		const id = b.request_id ?? b.error?.request_id ?? b.response_id;
		return typeof id === 'string' ? id : undefined;
	}
	return undefined;
}

function parseJson(body: unknown): unknown {
	if (typeof body !== 'string' || body === '') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/**
 * The one MoEngage client of all three nodes: base URL per data center, the right key per API
 * family (applied by the credential's `authenticate`), JSON bodies, a timeout, bounded retries
 * and MoEngage's error bodies turned into NodeApiErrors without secrets.
 */
export class MoEngageClient {
	private constructor(
		private readonly ctx: MoEngageContext,
		readonly credentials: MoEngageCredentials,
		readonly policy: RetryPolicy,
	) {}

	/** A client with the Data API's retry policy, changed by `policy` (see RETRY_POLICIES). */
	static async create(ctx: MoEngageContext, policy: Partial<RetryPolicy> = {}): Promise<MoEngageClient> {
		const raw = await ctx.getCredentials(CREDENTIAL_NAME);
		const credentials = readCredentials(ctx.getNode(), raw);
		return new MoEngageClient(ctx, credentials, { ...RETRY_POLICIES.data, ...policy });
	}

	get workspaceId(): string {
		return this.credentials.workspaceId;
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	/** Throws, naming the key and where to find it, when the credential lacks this family's key. */
	requireKey(family: ApiFamily): void {
		assertKey(this.node, this.credentials, family);
	}

	withPolicy(policy: Partial<RetryPolicy>): MoEngageClient {
		return new MoEngageClient(this.ctx, this.credentials, { ...this.policy, ...policy });
	}

	/** Whether n8n cancelled the execution: then no retry and no wait is worth it. */
	private cancelled(): boolean {
		return (this.ctx as Partial<IExecuteFunctions>).getExecutionCancelSignal?.()?.aborted === true;
	}

	/** Sends with retries; resolves to the response or the final failure, never throws for HTTP. */
	async send(request: MoEngageRequest, hooks: SendHooks = {}): Promise<SendOutcome> {
		const { family } = apiRouteOf(request.path);
		this.requireKey(family);
		this.baseUrlFor(request);
		const policy = this.policy;
		let attempts = 0;
		let bareRateLimits = 0;
		let rateLimitWaitedMs = 0;
		let failures = 0;
		let mayBeRepeated = false;
		for (;;) {
			attempts++;
			let raw: RawResponse;
			try {
				raw = await this.sendOnce(request);
			} catch (error) {
				const network = classifyNetworkError(error);
				failures++;
				const mayRetry = network.retryable && !this.cancelled() && (!network.maybeDelivered || policy.retryUnsafe);
				if (mayRetry && failures < policy.maxAttempts) {
					mayBeRepeated ||= network.maybeDelivered;
					await sleep(backoffDelay(failures, policy));
					continue;
				}
				return {
					ok: false,
					attempts,
					network,
					mayBeRepeated,
					failure: { httpCode: 0, type: network.code, message: network.message, details: [] },
				};
			}
			const body = parseJson(raw.body);
			if (raw.statusCode >= 200 && raw.statusCode < 300) {
				return {
					ok: true,
					response: {
						statusCode: raw.statusCode,
						body,
						requestId: requestIdOf(body),
						rateLimit: readRateLimit(raw.headers),
						attempts,
						mayBeRepeated,
						rateLimitWaitedMs,
					},
				};
			}
			if (raw.statusCode === 429 && policy.maxRateLimitWaits > 0 && !this.cancelled()) {
				const asked = rateLimitWaitMs(raw.headers);
				const left = policy.rateLimitDeadlineMs - rateLimitWaitedMs;
				// MoEngage said when to come back: wait, however often, within the deadline. A 429 that
				// does not say is waited out for a rate window first, then backed off, a few times.
				const wait =
					asked ??
					(bareRateLimits === 0 ? Math.min(policy.rateLimitWindowMs, left) : backoffDelay(bareRateLimits, policy));
				const allowed = asked !== undefined || bareRateLimits < policy.maxRateLimitWaits;
				const rateLimit = readRateLimit(raw.headers);
				if (allowed && wait <= left && hooks.onRateLimited?.(wait, rateLimit) !== false) {
					if (asked === undefined) bareRateLimits++;
					// Jitter on top of the server's reset, so processes sharing the workspace do not come back together.
					const jitter = Math.min(RESET_JITTER_MS, wait * RESET_JITTER_SHARE);
					const jittered = wait + (asked === undefined ? 0 : Math.round(Math.random() * jitter));
					rateLimitWaitedMs += jittered;
					await sleep(jittered);
					continue;
				}
			} else if (raw.statusCode >= 500) {
				failures++;
				if (policy.retryUnsafe && failures < policy.maxAttempts && !this.cancelled()) {
					mayBeRepeated ||= policy.serverErrorsMayLand;
					await sleep(backoffDelay(failures, policy));
					continue;
				}
			}
			const failure = describeFailure(raw.statusCode, body);
			if (raw.statusCode === 401 || raw.statusCode === 403) failure.keyHint = keyHint(family, raw.statusCode);
			if (raw.statusCode === 429) {
				const wait = rateLimitWaitMs(raw.headers);
				if (wait !== undefined) failure.retryAfterMs = wait;
				failure.rateLimitHint = rateLimitHint(wait, rateLimitWaitedMs, policy);
			}
			const rateLimit = raw.statusCode === 429 ? readRateLimit(raw.headers) : undefined;
			return { ok: false, attempts, failure, mayBeRepeated, rateLimitWaitedMs, ...(rateLimit ? { rateLimit } : {}) };
		}
	}

	toError(
		failure: MoEngageFailure,
		options: { itemIndex?: number; message?: string; hint?: string; attempts?: number } = {},
	): NodeApiError {
		return toNodeApiError(this.node, failure, { ...options, secrets: this.credentials.secrets });
	}

	/** The host a request goes to; throws, saying what to set, when the credential has none for it. */
	private baseUrlFor(request: MoEngageRequest): string {
		if (request.host !== 'informTest') return this.credentials.baseUrl;
		if (this.credentials.informTestBaseUrl) return this.credentials.informTestBaseUrl;
		throw new NodeOperationError(this.node, 'The MoEngage credential has no Inform Test Base URL', {
			description:
				"With a custom base URL, test alerts need the address that stands in for MoEngage's test host: set Inform Test Base URL in the credential, or turn Test off.",
		});
	}

	private async sendOnce(request: MoEngageRequest): Promise<RawResponse> {
		const options: IHttpRequestOptions = {
			method: request.method ?? 'POST',
			baseURL: this.baseUrlFor(request),
			url: request.path,
			qs: request.query as IDataObject | undefined,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			// Bytes, not a string: n8n's HTTP client (axios) would JSON.parse a string body once more
			// just to check it, which for 100 KB bulk bodies costs more than building them. A GET has none.
			body:
				request.method === 'GET'
					? undefined
					: Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? {}), 'utf8'),
			timeout: this.policy.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			// MoEngage's APIs answer where they are asked. A redirect would carry the API keys to
			// another host (n8n resends credentials on redirects by default), and following one
			// routes every request through a redirect-capable client that buffers the body again.
			disableFollowRedirect: true,
		};
		return (await this.ctx.helpers.httpRequestWithAuthentication.call(
			this.ctx,
			CREDENTIAL_NAME,
			options,
		)) as RawResponse;
	}
}
