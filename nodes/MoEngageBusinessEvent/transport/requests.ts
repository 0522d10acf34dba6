import type { MoEngageFailure } from '../../shared/transport/errors';
import type { MoEngageClient, MoEngageResponse, SendOutcome } from '../../shared/transport/client';
import { ENDPOINTS } from './endpoints';
import type { BusinessEvent, CreateRequest, SearchRequest, UnreadableEvent } from './schemas';
import { readEvents, searchRequestSchema, searchResponseSchema } from './schemas';

export type SearchFound = {
	ok: true;
	events: BusinessEvent[];
	/** Events of the answer the node cannot use (e.g. no `event_name`): left out of `events`. */
	unreadable: UnreadableEvent[];
	response: MoEngageResponse;
};

export type SearchOutcome = SearchFound | { ok: false; failure: MoEngageFailure; attempts: number };

/**
 * Calls the Search API. An empty filter (`{}`) lists every business event of the workspace: the
 * docs mark both `event_ids` and `event_names` optional.
 */
export async function searchEvents(client: MoEngageClient, filter: SearchRequest): Promise<SearchOutcome> {
	const body = searchRequestSchema.parse(filter);
	const outcome = await client.send({ path: ENDPOINTS.search, body });
	if (!outcome.ok) return { ok: false, failure: outcome.failure, attempts: outcome.attempts };
	const parsed = searchResponseSchema.safeParse(outcome.response.body);
	if (!parsed.success) {
		return {
			ok: false,
			attempts: outcome.response.attempts,
			failure: {
				httpCode: outcome.response.statusCode,
				message: 'MoEngage answered the business event search with a body this node does not understand',
				details: [],
				requestId: outcome.response.requestId,
			},
		};
	}
	return { ok: true, ...readEvents(parsed.data.data), response: outcome.response };
}

/** Sends a trigger given as the exact JSON text (measured by the caller before sending). */
export async function sendTrigger(client: MoEngageClient, text: string): Promise<SendOutcome> {
	return await client.send({ path: ENDPOINTS.trigger, body: text });
}

export async function sendCreate(client: MoEngageClient, body: CreateRequest): Promise<SendOutcome> {
	return await client.send({ path: ENDPOINTS.create, body });
}

export type EventLookup =
	| { status: 'found'; event: BusinessEvent }
	| { status: 'missing' }
	| { status: 'failed'; failure: MoEngageFailure; attempts: number }
	/** The search answered, but describes the event in a form the node cannot read. */
	| { status: 'unreadable'; failure: MoEngageFailure; attempts: number };

/**
 * The event named `eventName` in a search by that name. An unreadable event without a name counts
 * as that one: it answered a search for this name only, so the event may well be there.
 */
function matchEvent(found: SearchFound, eventName: string): EventLookup {
	const event = found.events.find((e) => e.event_name === eventName);
	if (event) return { status: 'found', event };
	const unreadable = found.unreadable.find((e) => e.eventName === undefined || e.eventName === eventName);
	if (!unreadable) return { status: 'missing' };
	return {
		status: 'unreadable',
		attempts: found.response.attempts,
		failure: {
			httpCode: found.response.statusCode,
			message: `MoEngage describes the event in a form this node cannot read (${unreadable.problem})`,
			details: [],
			requestId: found.response.requestId,
		},
	};
}

/** Searches by the exact name and picks that event out of the answer. */
export async function findEvent(client: MoEngageClient, eventName: string): Promise<EventLookup> {
	const outcome = await searchEvents(client, { event_names: [eventName] });
	if (!outcome.ok) return { status: 'failed', failure: outcome.failure, attempts: outcome.attempts };
	return matchEvent(outcome, eventName);
}
