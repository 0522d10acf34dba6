import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { DataElement } from '../shared/schemas/dataApi';
import { MoEngageClient } from '../shared/transport/client';
import { pacerFor } from '../shared/transport/pacer';
import { elementSizeProblem, jsonBytesBound, MAX_ELEMENT_BYTES, utf8Bytes } from '../shared/validation/size';
import { CheckedElements } from './delivery/checkedElements';
import { Delivery } from './delivery/delivery';
import type { ItemOutcome } from './delivery/outcomes';
import { toOutputItems } from './delivery/outcomes';
import { sendElements } from './delivery/sendElements';
import { sendMerges } from './delivery/sendMerges';
import { sendRequests } from './delivery/sendRequests';
import { summaryOf } from './elements/summary';
import { ItemScope } from './itemScope';
import { ParameterReader } from './parameters';
import { bulkOperations } from './resources/bulk';
import { deviceOperations } from './resources/device';
import { eventOperations } from './resources/event';
import { userOperations } from './resources/user';
import { readSettings } from './settings';
import type { MergeJob, OperationDefinition, RequestJob } from './types';

const OPERATIONS: Record<string, Record<string, OperationDefinition>> = {
	bulk: bulkOperations,
	device: deviceOperations,
	event: eventOperations,
	user: userOperations,
};

function asItemError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * Checks that the element can be sent. Usually a bound shows that it fits in a request without
 * serialising it (its text is made when its request is built); otherwise it is serialised and
 * measured now, and that text is returned to be sent.
 */
function checkSendable(element: DataElement, scope: ItemScope): string | undefined {
	if (jsonBytesBound(element, MAX_ELEMENT_BYTES) !== undefined) return undefined;
	let serialized: string;
	try {
		serialized = JSON.stringify(element);
	} catch {
		// Only a value nested too deep for the stack (or circular) gets here.
		return scope.fail(`the ${element.type}`, {
			message: 'cannot be turned into JSON: it is nested too deeply or refers to itself',
			fix: 'Flatten the attributes: MoEngage attributes are plain values, lists or shallow objects.',
		});
	}
	const tooBig = elementSizeProblem(utf8Bytes(serialized));
	if (tooBig) {
		throw new NodeOperationError(scope.node, `Item ${scope.itemIndex}: the ${element.type} ${tooBig.message}`, {
			itemIndex: scope.itemIndex,
			description: tooBig.fix,
		});
	}
	return serialized;
}

/**
 * Owns the item loop: every item is built and checked on its own first (a bad item fails alone;
 * without Continue On Fail the first bad item stops the run before any request), then the good
 * items are delivered, and every input item gets exactly one output item.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const definition = OPERATIONS[resource]?.[operation];
	if (!definition) {
		throw new NodeOperationError(node, `The operation "${operation}" of resource "${resource}" is not supported`);
	}

	const params = new ParameterReader(this);
	const settings = readSettings(params);
	const client = await MoEngageClient.create(this, settings.retry);
	client.requireKey('data');

	const continueOnFail = this.continueOnFail();
	const nowMs = Date.now();
	const outcomes: ItemOutcome[] = new Array(items.length);
	const elements = new CheckedElements(items.length);
	const requests: Array<{ itemIndex: number; job: RequestJob }> = [];
	const merges: Array<{ itemIndex: number; job: MergeJob }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const scope = new ItemScope(node, itemIndex, nowMs);
		try {
			const job = definition.build.call(this, itemIndex, {
				scope,
				params,
				settings,
				workspaceId: client.workspaceId,
			});
			if (job.kind === 'element') elements.add(itemIndex, job.element, checkSendable(job.element, scope));
			else if (job.kind === 'request') requests.push({ itemIndex, job });
			else merges.push({ itemIndex, job });
		} catch (error) {
			const failure = asItemError(node, error, itemIndex);
			if (!continueOnFail) throw failure;
			outcomes[itemIndex] = { error: failure };
		}
	}

	const pacer = pacerFor(client.credentials.baseUrl, client.workspaceId);
	const delivery = new Delivery(this, client, pacer, settings, outcomes);
	await sendElements(delivery, elements, settings.batch, definition.summarize ?? summaryOf);
	await sendRequests(delivery, requests);
	await sendMerges(delivery, merges);
	return [toOutputItems(outcomes)];
}
