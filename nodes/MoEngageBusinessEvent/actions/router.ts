import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeError, NodeOperationError } from 'n8n-workflow';

import { ExecutionState } from '../helpers/executionState';
import { operations as businessEventOperations } from './businessEvent/BusinessEvent.resource';
import type { OperationExecute } from './types';

const resources: Record<string, Record<string, OperationExecute>> = {
	businessEvent: businessEventOperations,
};

function asNodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
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
	const execute = resources[resource]?.[operation];
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
			const json: IDataObject = { error: nodeError.message };
			if (nodeError.description) json.description = nodeError.description;
			returnData.push({ json, pairedItem: { item: i } });
		}
	}
	return [returnData];
}
