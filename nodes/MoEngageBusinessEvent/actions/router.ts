import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ExecutionState } from '../helpers/executionState';
import { operationsFor as businessEventOperations } from './businessEvent/BusinessEvent.resource';
import type { OperationExecute } from './types';

const resources: Record<string, (typeVersion: number) => Record<string, OperationExecute>> = {
	businessEvent: businessEventOperations,
};

type ItemError = NodeApiError | NodeOperationError;

function asNodeError(node: INode, error: unknown, itemIndex: number): ItemError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * A failed item under Continue On Fail. On the regular output it is `{ error, description }`, as
 * version 1 always gave it. n8n (2.41) moves an item to the error output only when its json has no
 * other keys than error, message and details (or when the item carries the error object, and then
 * n8n cuts its json down to `{ error }`), so there it is `{ error, details }`, as the Data node's.
 */
function errorItem(node: INode, error: ItemError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) {
		json[node.onError === 'continueErrorOutput' ? 'details' : 'description'] = error.description;
	}
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs the chosen operation once per input item: one output item per input item (or one per
 * business event found, for Search), each paired with its input; under Continue On Fail a failed
 * item becomes an error item and the next items still run.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = resources[resource]?.(this.getNode().typeVersion)[operation];
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const state = new ExecutionState(this);
	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const results = await execute.call(this, i, state);
			for (const json of results) returnData.push({ json, pairedItem: { item: i } });
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, i);
			if (!this.continueOnFail()) throw nodeError;
			returnData.push(errorItem(this.getNode(), nodeError, i));
		}
	}
	return [returnData];
}
