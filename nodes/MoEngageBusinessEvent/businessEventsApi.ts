import type { MoEngageFailure } from '../shared/transport/errors';
import type { MoEngageClient, MoEngageResponse } from '../shared/transport/client';
import type { BusinessEvent, SearchRequest, UnreadableEvent } from '../shared/schemas/businessEvents';
import { readEvents, searchRequestSchema, searchResponseSchema } from '../shared/schemas/businessEvents';

/** Paths of MoEngage's Business Events API (all POST). */
export const TRIGGER_PATH = '/v1.0/business_event/trigger';
export const SEARCH_PATH = '/v1.0/business_event/search';
export const CREATE_PATH = '/v1.0/business_event';

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
export async function searchEvents(
	client: MoEngageClient,
	filter: SearchRequest,
): Promise<SearchOutcome> {
	const body = searchRequestSchema.parse(filter);
	const outcome = await client.send({ path: SEARCH_PATH, body });
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

export type EventMatch =
	| { status: 'found'; event: BusinessEvent }
	| { status: 'missing' }
	| { status: 'unreadable'; failure: MoEngageFailure };

/**
 * The event named `eventName` in a search by that name. An unreadable event without a name counts
 * as that one: it answered a search for this name only, so the event may well be there.
 */
export function matchEvent(found: SearchFound, eventName: string): EventMatch {
	const event = found.events.find((e) => e.event_name === eventName);
	if (event) return { status: 'found', event };
	const unreadable = found.unreadable.find((e) => e.eventName === undefined || e.eventName === eventName);
	if (!unreadable) return { status: 'missing' };
	return {
		status: 'unreadable',
		failure: {
			httpCode: found.response.statusCode,
			message: `MoEngage describes the event in a form this node cannot read (${unreadable.problem})`,
			details: [],
			requestId: found.response.requestId,
		},
	};
}

/** Attribute name → declared data type. */
export function attributeTypesOf(event: BusinessEvent): Map<string, string> {
	return new Map(event.event_attributes.map((a) => [a.attribute_name, a.attribute_data_type]));
}
