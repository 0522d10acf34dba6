import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ExecutionState } from '../helpers/executionState';

/** One operation on one input item: its output items (one, or one per event found), or a throw. */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
) => Promise<IDataObject[]>;
