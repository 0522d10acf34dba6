import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { splitList } from '../../../shared/values';
import { optionsFor, showFor, VERSIONS_1 } from '../../descriptions/options';
import type { ExecutionState } from '../../helpers/executionState';
import type { OperationOptions } from '../../helpers/requestPolicies';
import { requestPolicy } from '../../helpers/requestPolicies';
import { searchEvents } from '../../transport/requests';
import type { SearchRequest } from '../../transport/schemas';

export const description: INodeProperties[] = [
	{
		displayName: 'Event Names',
		name: 'eventNames',
		type: 'string',
		default: '',
		placeholder: 'e.g. NewMovies, PriceDrop',
		description:
			'Names of the business events to find, separated by commas. Leave both Event Names and Event IDs empty to get every business event of the workspace.',
		displayOptions: showFor('search', VERSIONS_1),
	},
	{
		displayName: 'Event IDs',
		name: 'eventIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 647597767459c85d7d6d6dfd',
		description: 'IDs of the business events to find (MoEngage gives one when an event is created), separated by commas',
		displayOptions: showFor('search', VERSIONS_1),
	},
	optionsFor('search'),
];

/**
 * One output item per business event found. When none is found the item still yields one output,
 * `{found: false, ...}` with what was searched, so that nothing disappears silently. Events the
 * node cannot read (e.g. no `event_name`) are left out; with none found, `unreadableEvents` counts them.
 */
export async function execute(this: IExecuteFunctions, i: number, state: ExecutionState): Promise<IDataObject[]> {
	const names = splitList(this.getNodeParameter('eventNames', i, ''));
	const ids = splitList(this.getNodeParameter('eventIds', i, ''));
	const options = this.getNodeParameter('options', i, {}) as OperationOptions;
	// Only the fields given: MoEngage refuses any other field, and an empty list is no filter.
	const filter: SearchRequest = {};
	if (ids.length) filter.event_ids = ids;
	if (names.length) filter.event_names = names;

	const client = (await state.getClient()).withPolicy(requestPolicy(options));
	const outcome = await searchEvents(client, filter);
	if (!outcome.ok) throw client.toError(outcome.failure, { itemIndex: i, attempts: outcome.attempts });
	if (outcome.events.length === 0) {
		const unreadable = outcome.unreadable.length;
		return [{ found: false, ...filter, ...(unreadable ? { unreadableEvents: unreadable } : {}) }];
	}
	return outcome.events as IDataObject[];
}
