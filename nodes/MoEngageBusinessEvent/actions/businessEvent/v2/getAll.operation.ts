import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsForV2, showFor, VERSIONS_2 } from '../../../descriptions/options';
import type { ExecutionState } from '../../../helpers/executionState';
import type { OperationOptions } from '../../../helpers/requestPolicies';
import { requestPolicy } from '../../../helpers/requestPolicies';
import { collectEvents } from '../../../transport/requestsV5';

const showForGetAll = showFor('getAll', VERSIONS_2);

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: showForGetAll,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...showForGetAll.show, returnAll: [false] } },
	},
	optionsForV2('getAll'),
];

/**
 * Every business event of the workspace (or the first Limit), read from MoEngage's V5 list 20 at
 * a time: one output item per event, in V5's shape. A workspace without any yields `{found: false}`.
 */
export async function execute(this: IExecuteFunctions, i: number, state: ExecutionState): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Math.floor(Number(this.getNodeParameter('limit', i, 50)) || 1));
	const options = this.getNodeParameter('options', i, {}) as OperationOptions;
	const client = (await state.getClient()).withPolicy(requestPolicy(options));
	const found = await collectEvents(client, { kind: 'list' }, limit);
	if (!found.ok) throw client.toError(found.failure, { itemIndex: i, attempts: found.attempts });
	if (found.events.length === 0) return [{ found: false, ...(found.unreadable ? { unreadableEvents: found.unreadable } : {}) }];
	return found.events as IDataObject[];
}
