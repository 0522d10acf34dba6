import type { MoEngageFailure } from '../shared/transport/errors';
import type { MoEngageClient, MoEngageResponse } from '../shared/transport/client';
import type { BusinessEvent, SearchRequest } from '../shared/schemas/businessEvents';
import { searchRequestSchema, searchResponseSchema } from '../shared/schemas/businessEvents';

/** Paths of MoEngage's Business Events API (all POST). */
export const TRIGGER_PATH = '/v1.0/business_event/trigger';
export const SEARCH_PATH = '/v1.0/business_event/search';
export const CREATE_PATH = '/v1.0/business_event';

export type SearchOutcome =
	| { ok: true; events: BusinessEvent[]; response: MoEngageResponse }
	| { ok: false; failure: MoEngageFailure; attempts: number };

/**
 * Calls the Search API. An empty filter (`{}`) lists every business event of the workspace: the
 * docs mark both `event_ids` and `event_names` optional.
 */
export async function searchEvents(
	client: MoEngageClient,
	filter: SearchRequest,
): Promise<SearchOutcome> {
	const body = searchRequestSchema.parse(filter);
	const outcome = await client.send({ family: 'businessEvents', path: SEARCH_PATH, body });
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
	return { ok: true, events: parsed.data.data, response: outcome.response };
}

/** Attribute name → declared data type. */
export function attributeTypesOf(event: BusinessEvent): Map<string, string> {
	return new Map(event.event_attributes.map((a) => [a.attribute_name, a.attribute_data_type]));
}
