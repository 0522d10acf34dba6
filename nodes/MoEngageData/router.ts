import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MoEngageClient } from '../shared/transport/client';
import { pacerFor } from '../shared/transport/pacer';
import { elementSizeProblem, utf8Bytes } from '../shared/validation/size';
import { Delivery } from './delivery/delivery';
import type { ItemOutcome } from './delivery/outcomes';
import { toOutputItems } from './delivery/outcomes';
import type { PreparedElement } from './delivery/sendElements';
import { costOf, sendElements } from './delivery/sendElements';
import { sendMerges } from './delivery/sendMerges';
import { sendRequests } from './delivery/sendRequests';
import { ItemScope } from './itemScope';
import { ParameterReader } from './parameters';
import { bulkOperations } from './resources/bulk';
import { deviceOperations } from './resources/device';
import { eventOperations } from './resources/event';
import { userOperations } from './resources/user';
import { readSettings } from './settings';
import type { ElementJob, MergeJob, OperationDefinition, RequestJob } from './types';

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

/** Serialises the element once: these exact bytes are measured, packed and sent. */
function prepareElement(job: ElementJob, scope: ItemScope): PreparedElement {
	let serialized: string;
	try {
		serialized = JSON.stringify(job.element);
	} catch {
		// Only a value nested too deep for the stack (or circular) gets here.
		return scope.fail(`the ${job.element.type}`, {
			message: 'cannot be turned into JSON: it is nested too deeply or refers to itself',
			fix: 'Flatten the attributes: MoEngage attributes are plain values, lists or shallow objects.',
		});
	}
	const bytes = utf8Bytes(serialized);
	const tooBig = elementSizeProblem(bytes);
	if (tooBig) {
		throw new NodeOperationError(scope.node, `Item ${scope.itemIndex}: the ${job.element.type} ${tooBig.message}`, {
			itemIndex: scope.itemIndex,
			description: tooBig.fix,
		});
	}
	return {
		itemIndex: scope.itemIndex,
		type: job.element.type,
		serialized,
		bytes,
		cost: costOf(job.element),
		summary: job.summary,
	};
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
	const elements: PreparedElement[] = [];
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
			if (job.kind === 'element') elements.push(prepareElement(job, scope));
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
	await sendElements(delivery, elements, settings.batch);
	await sendRequests(delivery, requests);
	await sendMerges(delivery, merges);
	return [toOutputItems(outcomes)];
}
