import type { MoEngageClient, MoEngageResponse, SendOutcome } from '../../shared/transport/client';
import type { MoEngageFailure } from '../../shared/transport/errors';
import { ENDPOINTS_V5, V5_PAGE_SIZE } from './endpoints';
import type { V5Event, V5SearchRequest } from './schemasV5';
import { v5EventSchema, v5PageSchema, v5SearchRequestSchema } from './schemasV5';

/** Which events to page through: all, by one exact name or ID (list), or by names or IDs (search). */
export type V5Query =
	| { kind: 'list'; name?: string; id?: string }
	| { kind: 'search'; filters: NonNullable<V5SearchRequest['filters']> };

export type V5Collected =
	| { ok: true; events: V5Event[]; unreadable: number; pages: number; truncated: boolean }
	| { ok: false; failure: MoEngageFailure; attempts: number };

function unreadableAnswer(response: MoEngageResponse): { ok: false; failure: MoEngageFailure; attempts: number } {
	return {
		ok: false,
		attempts: response.attempts,
		failure: {
			httpCode: response.statusCode,
			message: 'MoEngage answered the business event list with a body this node does not understand',
			details: [],
			requestId: response.requestId,
		},
	};
}

async function fetchPage(client: MoEngageClient, query: V5Query, cursor: string | undefined, limit: number): Promise<SendOutcome> {
	if (query.kind === 'list') {
		const params: Record<string, string> = { limit: String(limit) };
		if (query.name !== undefined) params.name = query.name;
		if (query.id !== undefined) params.id = query.id;
		if (cursor !== undefined) params.cursor = cursor;
		return await client.send({ path: ENDPOINTS_V5.list, method: 'GET', query: params, body: undefined });
	}
	const body = v5SearchRequestSchema.parse({ filters: query.filters, limit, ...(cursor === undefined ? {} : { cursor }) });
	return await client.send({ path: ENDPOINTS_V5.search, body });
}

/**
 * Pages through V5 list or search (20 a page, passing `next_cursor` back while `has_more`) until
 * `max` events are read or there are no more. Events the node cannot read are counted, not returned.
 */
export async function collectEvents(client: MoEngageClient, query: V5Query, max = Infinity): Promise<V5Collected> {
	const events: V5Event[] = [];
	const seen = new Set<string>();
	let unreadable = 0;
	let pages = 0;
	let cursor: string | undefined;
	for (;;) {
		const limit = Math.max(1, Math.min(V5_PAGE_SIZE, max - events.length));
		const outcome = await fetchPage(client, query, cursor, limit);
		if (!outcome.ok) return { ok: false, failure: outcome.failure, attempts: outcome.attempts };
		const page = v5PageSchema.safeParse(outcome.response.body);
		if (!page.success) return unreadableAnswer(outcome.response);
		pages++;
		for (const record of page.data.data) {
			const event = v5EventSchema.safeParse(record);
			if (event.success) events.push(event.data);
			else unreadable++;
		}
		const next = page.data.pagination?.has_more ? page.data.pagination.next_cursor ?? undefined : undefined;
		// A cursor seen before would loop for ever: stop there rather than trust it.
		if (next === undefined || seen.has(next)) return { ok: true, events, unreadable, pages, truncated: false };
		if (events.length >= max) return { ok: true, events: events.slice(0, max), unreadable, pages, truncated: true };
		seen.add(next);
		cursor = next;
	}
}

export type V5EventLookup =
	| { status: 'found'; event: V5Event }
	| { status: 'missing' }
	| { status: 'failed'; failure: MoEngageFailure; attempts: number };

/** The event of this exact name (V5 list `?name=`). */
export async function findEventV5(client: MoEngageClient, eventName: string): Promise<V5EventLookup> {
	const found = await collectEvents(client, { kind: 'list', name: eventName }, V5_PAGE_SIZE);
	if (!found.ok) return { status: 'failed', failure: found.failure, attempts: found.attempts };
	const event = found.events.find((e) => e.name === eventName);
	return event ? { status: 'found', event } : { status: 'missing' };
}

/** Sends a V5 trigger given as the exact JSON text (measured by the caller before sending). */
export async function sendTriggerV5(client: MoEngageClient, text: string): Promise<SendOutcome> {
	return await client.send({ path: ENDPOINTS_V5.trigger, body: text });
}
