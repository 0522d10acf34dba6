import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { splitList } from '../../../../shared/values';
import { optionsForV2, showFor, VERSIONS_2 } from '../../../descriptions/options';
import { inputError } from '../../../helpers/errorMessages';
import type { ExecutionState } from '../../../helpers/executionState';
import type { OperationOptions } from '../../../helpers/requestPolicies';
import { requestPolicy } from '../../../helpers/requestPolicies';
import { collectEvents } from '../../../transport/requestsV5';

const showForSearch = showFor('search', VERSIONS_2);

export const description: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		default: 'names',
		description: 'MoEngage finds business events by their exact names or by their IDs, not both at once',
		displayOptions: showForSearch,
		options: [
			{ name: 'Names', value: 'names' },
			{ name: 'IDs', value: 'ids' },
		],
	},
	{
		displayName: 'Event Names',
		name: 'eventNames',
		type: 'string',
		default: '',
		placeholder: 'e.g. NewMovies, PriceDrop',
		description:
			'Exact names of the business events to find (case-sensitive), separated by commas, or a list from an expression. To get every business event, use operation Get Many.',
		displayOptions: { show: { ...showForSearch.show, searchBy: ['names'] } },
	},
	{
		displayName: 'Event IDs',
		name: 'eventIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 67a2c4f18d3b5e0a9c1f4e73',
		description: 'IDs of the business events to find (24 hexadecimal characters), separated by commas, or a list from an expression',
		displayOptions: { show: { ...showForSearch.show, searchBy: ['ids'] } },
	},
	optionsForV2('search'),
];

/**
 * One output item per business event found (V5's shape: id, name, attributes, counts, dates).
 * When none is found the item still yields one output, `{found: false, ...}` with what was searched.
 */
export async function execute(this: IExecuteFunctions, i: number, state: ExecutionState): Promise<IDataObject[]> {
	const searchBy = this.getNodeParameter('searchBy', i, 'names') as 'names' | 'ids';
	const field = searchBy === 'ids' ? 'eventIds' : 'eventNames';
	const values = splitList(this.getNodeParameter(field, i, ''));
	if (values.length === 0) {
		throw inputError(
			this.getNode(),
			i,
			`"${searchBy === 'ids' ? 'Event IDs' : 'Event Names'}" is empty`,
			'Give at least one, separated by commas. To get every business event of the workspace, use operation Get Many.',
		);
	}
	const options = this.getNodeParameter('options', i, {}) as OperationOptions;
	const client = (await state.getClient()).withPolicy(requestPolicy(options));
	const filters = searchBy === 'ids' ? { ids: values } : { names: values };
	const found = await collectEvents(client, { kind: 'search', filters });
	if (!found.ok) throw client.toError(found.failure, { itemIndex: i, attempts: found.attempts });
	if (found.events.length === 0) {
		return [{ found: false, [searchBy]: values, ...(found.unreadable ? { unreadableEvents: found.unreadable } : {}) }];
	}
	return found.events as IDataObject[];
}
