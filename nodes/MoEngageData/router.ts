import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { MoEngageClient } from '../shared/transport/client';
import { pacerFor } from '../shared/transport/pacer';
import { operationOf } from './actions/operations';
import { Delivery } from './delivery/delivery';
import { ItemOutcomes } from './delivery/outcomes';
import type { PaceRoute } from './delivery/paceRoutes';
import { ItemScope, RunNotes } from './input/itemScope';
import { ParameterReader } from './input/parameters';
import { readSettings } from './input/settings';

function asItemError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * Owns the item loop: every item is built and checked on its own first (a bad item fails alone;
 * without Continue On Fail the first bad item stops the run before any request), then the
 * operation's delivery sends the good items, and every input item gets exactly one output item.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const definition = operationOf(resource, operation);
	if (!definition) {
		throw new NodeOperationError(node, `The operation "${operation}" of resource "${resource}" is not supported`);
	}

	const params = new ParameterReader(this);
	const base = readSettings(params);
	const settings = definition.settings ? definition.settings(base, params) : base;
	const client = await MoEngageClient.create(this, settings.retry);
	client.requireKey('data');

	const outcomes = new ItemOutcomes(items.length, this.continueOnFail());
	const nowMs = Date.now();
	const notes = new RunNotes();
	const run = definition.delivery.start(items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const scope = new ItemScope(node, itemIndex, nowMs, notes);
		try {
			run.add(itemIndex, { scope, params, settings, workspaceId: client.workspaceId });
		} catch (error) {
			outcomes.fail(itemIndex, asItemError(node, error, itemIndex));
		}
	}

	// One pacer per endpoint: MoEngage limits each endpoint of the workspace on its own.
	const pacerOf = (route: PaceRoute) => pacerFor(client.credentials.baseUrl, client.workspaceId, `data ${route}`);
	const delivery = new Delivery(this, client, pacerOf, settings, outcomes);
	await run.send(delivery);
	for (const message of delivery.limitHints()) this.addExecutionHints({ type: 'warning', location: 'outputPane', message });
	for (const [name, { itemIndex, value }] of notes.slashDates) {
		this.addExecutionHints({
			type: 'warning',
			location: 'outputPane',
			message: `Attribute "${name}" holds "${value}" (item ${itemIndex}), a date written with slashes: MoEngage keeps it as text, since day and month order cannot be told. To store a date, send it as YYYY-MM-DD (e.g. with a Date & Time node).`,
		});
	}
	return [outcomes.toOutputItems()];
}
