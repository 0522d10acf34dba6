import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as campaign from './campaign';

interface Operation<Run> {
	prepare(this: IExecuteFunctions): Promise<Run>;
	execute(this: IExecuteFunctions, itemIndex: number, run: Run): Promise<INodeExecutionData[]>;
}

const OPERATIONS: Record<string, Record<string, Operation<campaign.getStats.RunContext>>> = {
	campaign: { getStats: campaign.getStats },
};

/**
 * The item loop. Every input item gives its own output items, each paired with it. A failed item
 * (bad input, refused call) stops the run, or with Continue On Fail gives exactly one item
 * `{ error, details }` in its place (none of its partial results), which n8n sends to the error
 * output under "Continue (using error output)".
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = OPERATIONS[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(node, `The operation "${operationName}" of resource "${resource}" is not supported`);
	}
	const run = await operation.prepare.call(this);
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			out.push(...(await operation.execute.call(this, itemIndex, run)));
		} catch (caught) {
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(node, caught as Error, { itemIndex });
			if (!this.continueOnFail()) throw error;
			out.push({
				json: { error: error.message, ...(error.description ? { details: error.description } : {}) },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [out];
}
