import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	businessEventsFailureSchema,
	dataApiFailureSchema,
	rateLimitFailureSchema,
	serverFailureSchema,
	titledFailureSchema,
} from '../schemas/errorBodies';
import { redact } from './redact';

/** What MoEngage said about a failed request, in every error body shape it documents. */
export interface MoEngageFailure {
	httpCode: number;
	message: string;
	details: Array<{ code?: string; target?: string; message: string }>;
	requestId?: string;
	/** MoEngage's error type or code, e.g. "Rate Limit Exceeded" or "400 Bad Request". */
	type?: string;
	/** For a 429: how long MoEngage asked us to wait, when it said. */
	retryAfterMs?: number;
	/** For a 401: which credential field to check (each API has its own key). */
	keyHint?: string;
	/** For a 429 that was not waited out: why, and what to do. */
	rateLimitHint?: string;
}

function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'object' && 'message' in (value as object)) {
		return text((value as { message: unknown }).message);
	}
	return JSON.stringify(value);
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

export function describeFailure(httpCode: number, rawBody: unknown): MoEngageFailure {
	const body = parseBody(rawBody);
	const dataApi = dataApiFailureSchema.safeParse(body);
	if (dataApi.success) {
		const { error } = dataApi.data;
		return {
			httpCode,
			type: error.type,
			message: text(error.message) || error.type || `HTTP ${httpCode}`,
			details: [],
			requestId: error.request_id,
		};
	}
	const businessEvents = businessEventsFailureSchema.safeParse(body);
	if (businessEvents.success) {
		const { error } = businessEvents.data;
		return {
			httpCode,
			type: error.code === undefined ? undefined : String(error.code),
			message: text(error.message) || `HTTP ${httpCode}`,
			details: (error.details ?? []).map((d) => ({
				code: d.code ?? d.issue,
				target: d.target ?? d.field,
				message: text(d.message),
			})),
			requestId: error.request_id ?? businessEvents.data.response_id,
		};
	}
	const rateLimit = rateLimitFailureSchema.safeParse(body);
	if (rateLimit.success) {
		const { data } = rateLimit.data;
		return {
			httpCode,
			type: data.title,
			message: data.description ?? data.title ?? 'Rate limit exceeded',
			details: [],
		};
	}
	const titled = titledFailureSchema.safeParse(body);
	if (titled.success && !('message' in (body as object))) {
		// Campaign stats: the title names the kind ("Invalid Field Value"), the description the field.
		const { title, description } = titled.data;
		return { httpCode, type: title, message: description ? `${title}: ${description}` : title, details: [] };
	}
	const server = serverFailureSchema.safeParse(body);
	if (server.success) {
		return { httpCode, type: server.data.title, message: server.data.message ?? server.data.title, details: [] };
	}
	const raw = typeof body === 'string' ? body : JSON.stringify(body ?? '');
	return { httpCode, message: raw.slice(0, 300) || `HTTP ${httpCode} with an empty body`, details: [] };
}

export interface ApiErrorOptions {
	itemIndex?: number;
	/** Keys to scrub from anything shown. */
	secrets: string[];
	/** Replaces MoEngage's message, e.g. with advice in the user's words. */
	message?: string;
	/** Put in front of the description, e.g. what to do. */
	hint?: string;
	attempts?: number;
}

/** A NodeApiError carrying MoEngage's own message, details, HTTP code and request id, and no secret. */
export function toNodeApiError(node: INode, failure: MoEngageFailure, options: ApiErrorOptions): NodeApiError {
	const lines: string[] = [];
	if (options.hint) lines.push(options.hint);
	if (failure.keyHint) lines.push(failure.keyHint);
	if (failure.rateLimitHint) lines.push(failure.rateLimitHint);
	for (const d of failure.details) {
		lines.push(d.target ? `${d.target}: ${d.message}` : d.message);
	}
	if (failure.httpCode === 0 && failure.type) lines.push(`Network error: ${failure.type}`);
	if (failure.requestId) lines.push(`MoEngage request ID: ${failure.requestId}`);
	if (options.attempts && options.attempts > 1) lines.push(`Attempts made: ${options.attempts}`);
	const clean = (s: string) => redact(s, options.secrets);
	const cleanOrNull = (s: string | undefined) => (s === undefined ? null : clean(s));
	// Every string MoEngage sent back is scrubbed: an echoed header can sit in any field.
	const response: JsonObject = {
		httpCode: failure.httpCode ? String(failure.httpCode) : null,
		message: clean(failure.message),
		type: cleanOrNull(failure.type),
		requestId: cleanOrNull(failure.requestId),
		details: failure.details.map((d) => ({
			code: cleanOrNull(d.code),
			target: cleanOrNull(d.target),
			message: clean(d.message),
		})),
	};
	return new NodeApiError(node, response, {
		message: clean(options.message ?? `MoEngage: ${failure.message}`),
		description: lines.length ? clean(lines.join('\n')) : undefined,
		// 0 means no HTTP answer came back (a network failure).
		httpCode: failure.httpCode ? String(failure.httpCode) : undefined,
		itemIndex: options.itemIndex,
	});
}
