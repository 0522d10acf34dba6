import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MoEngageClient } from '../../shared/transport/client';
import { RETRY_POLICIES } from '../../shared/transport/retryPolicy';
import { searchEvents } from '../transport/requests';

/**
 * The business events of the workspace for the "From List" picker. MoEngage's Search API lists
 * every event for an empty body `{}` (both filters are optional in its docs); should a workspace
 * refuse that, the typed filter is looked up as an exact name instead.
 */
export async function searchBusinessEvents(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await MoEngageClient.create(this, RETRY_POLICIES.editor);
	client.requireKey('businessEvents');
	const typed = filter?.trim() ?? '';
	let outcome = await searchEvents(client, {});
	if (!outcome.ok && outcome.failure.httpCode === 400 && typed) {
		outcome = await searchEvents(client, { event_names: [typed] });
	}
	if (!outcome.ok) {
		throw client.toError(outcome.failure, {
			message: `Could not list the business events: ${outcome.failure.message}`,
			hint: 'You can type the event name instead (mode "By Name").',
		});
	}
	const needle = typed.toLowerCase();
	const results = outcome.events
		.filter((event) => event.event_name.toLowerCase().includes(needle))
		.sort((a, b) => a.event_name.localeCompare(b.event_name))
		.map((event) => ({
			name: event.event_name,
			value: event.event_name,
			description: event.event_attributes.length
				? `Attributes: ${event.event_attributes.map((a) => a.attribute_name).join(', ')}`
				: 'No attributes',
		}));
	return { results };
}
