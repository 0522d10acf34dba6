/**
 * Runs the MoEngage Data node in-process (test/support/runNode.ts: n8n-core's WorkflowExecute,
 * n8n's real HTTP helpers) against a sandbox, and a pass-through node through the same harness.
 *
 * Two ways a workflow sends event items, both measured:
 * - `eventTrack`: Event → Track, each field mapped from the item by an expression, as a user sets
 *   it up in the editor (items as makeEventItems builds them);
 * - `bulkImport`: Bulk → Import, each item already a MoEngage event element (no expressions).
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { MoEngageData } from '../../nodes/MoEngageData/MoEngageData.node';
import { runNode, sandboxCredentials, type SandboxLike } from '../../test/support/runNode';
import type { BenchEvent } from './events';

export type DataNodeSetup = 'eventTrack' | 'bulkImport';

export interface Pacing {
	eventsPerMinute: number;
	rateWindowSeconds: number;
}

/** Far above anything a run sends: pacing never waits (the sandbox's limits are off too). */
export const NO_PACING: Pacing = { eventsPerMinute: 1_000_000_000, rateWindowSeconds: 60 };

export function dataNodeParameters(setup: DataNodeSetup, pacing: Pacing): INode['parameters'] {
	return dataNodeParametersWith(setup, { eventsPerMinute: pacing.eventsPerMinute, rateWindowSeconds: pacing.rateWindowSeconds });
}

/** The node's parameters for `setup` with these Options (Event → Track always with Batch on). */
export function dataNodeParametersWith(setup: DataNodeSetup, options: INodeParameters): INode['parameters'] {
	if (setup === 'bulkImport') {
		return { resource: 'bulk', operation: 'import', elementSource: 'inputItem', options };
	}
	return {
		resource: 'event',
		operation: 'track',
		customerId: '={{ $json.customer_id }}',
		actionsInput: 'single',
		eventName: '={{ $json.action }}',
		attributesMode: 'json',
		attributesJson: '={{ $json.attributes }}',
		additionalFields: { userTime: '={{ $json.user_time }}' },
		options: { ...options, batch: true },
	};
}

/** Items for a setup: event items as they are, or turned into bulk event elements. */
export function itemsFor(setup: DataNodeSetup, items: INodeExecutionData[]): INodeExecutionData[] {
	if (setup === 'eventTrack') return items;
	return items.map((item) => {
		const e = item.json as unknown as BenchEvent;
		const json: IDataObject = {
			type: 'event',
			customer_id: e.customer_id,
			actions: [{ action: e.action, attributes: e.attributes, user_time: e.user_time }],
		};
		// Built in one literal either way: the item's shape is what n8n-core's copy of it costs.
		return item.pairedItem === undefined ? { json } : { json, pairedItem: item.pairedItem };
	});
}

export interface NodeOutcome {
	outputItems: number;
	/** output items that are not a success */
	errorItems: number;
	/** the node's error, or the first error item's message */
	error?: string;
}

export async function runDataNode(
	sb: SandboxLike,
	setup: DataNodeSetup,
	items: INodeExecutionData[],
	pacing: Pacing = NO_PACING,
	/** called when the run is over, while its output is still held (memory sampling) */
	onFinished?: () => void,
): Promise<NodeOutcome> {
	const { outputs, error } = await runNode({
		nodeType: new MoEngageData(),
		parameters: dataNodeParameters(setup, pacing),
		items,
		credentials: sandboxCredentials(sb),
	});
	onFinished?.();
	const out = outputs[0] ?? [];
	let errorItems = 0;
	let firstError: string | undefined;
	for (const item of out) {
		if (item.json.status !== 'success') {
			errorItems++;
			firstError ??= String(item.json.error ?? item.json.status);
		}
	}
	return { outputItems: out.length, errorItems, error: error?.message ?? firstError };
}

/** The description of a bench control node: one input, one output, no parameters. */
export function controlNodeDescription(
	displayName: string,
	name: string,
	extra: Partial<INodeType['description']> = {},
): INodeType['description'] {
	return {
		displayName,
		name,
		group: ['transform'],
		version: 1,
		description: 'Bench control',
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		...extra,
	};
}

/** Does nothing but hand every item on: what the harness costs by itself. */
class PassThrough implements INodeType {
	description = controlNodeDescription('Pass Through', 'benchPassThrough');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}

export async function runPassThrough(items: INodeExecutionData[], onFinished?: () => void): Promise<NodeOutcome> {
	const { outputs, error } = await runNode({ nodeType: new PassThrough(), parameters: {}, items });
	onFinished?.();
	return { outputItems: outputs[0]?.length ?? 0, errorItems: 0, error: error?.message };
}
