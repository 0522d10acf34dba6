import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { MoEngageClient } from '../../shared/transport/client';
import { RETRY_POLICIES } from '../../shared/transport/retryPolicy';
import { searchEvents } from '../transport/requests';
import { collectEvents } from '../transport/requestsV5';

/** A workspace holds at most 50 business events; this bounds the pages read for the picker. */
const MAX_LISTED = 500;

function matching(items: INodeListSearchItems[], typed: string): INodeListSearchItems[] {
	const needle = typed.toLowerCase();
	return items
		.filter((item) => item.name.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The business events of the workspace for the "From List" picker, in every version: read from
 * MoEngage's V5 list (20 a page, all pages) and filtered here, so the search box matches any part of
 * a name. The legacy search needs a name or ID (an empty one is not documented), so it serves only
 * as a fallback when the key is refused V5: then the typed text is looked up as an exact name.
 */
export async function searchBusinessEvents(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await MoEngageClient.create(this, RETRY_POLICIES.editor);
	client.requireKey('businessEvents');
	const typed = filter?.trim() ?? '';
	const listed = await collectEvents(client, { kind: 'list' }, MAX_LISTED);
	if (listed.ok) {
		const items = listed.events.map((event) => ({
			name: event.name,
			value: event.name,
			description: event.attributes.length
				? `Attributes: ${event.attributes.map((a) => a.name).join(', ')}`
				: 'No attributes',
		}));
		return { results: matching(items, typed) };
	}
	const refusedV5 = [401, 403, 404].includes(listed.failure.httpCode);
	if (refusedV5 && typed) {
		const legacy = await searchEvents(client, { event_names: [typed] });
		if (legacy.ok) {
			const items = legacy.events.map((event) => ({
				name: event.event_name,
				value: event.event_name,
				description: event.event_attributes.length
					? `Attributes: ${event.event_attributes.map((a) => a.attribute_name).join(', ')}`
					: 'No attributes',
			}));
			return { results: matching(items, typed) };
		}
	}
	throw client.toError(listed.failure, {
		message: `Could not list the business events: ${listed.failure.message}`,
		hint: refusedV5
			? 'The picker lists events with MoEngage\'s V5 API, which this key may not include; type the exact event name in the search box, or use mode "By Name".'
			: 'You can type the event name instead (mode "By Name").',
	});
}
