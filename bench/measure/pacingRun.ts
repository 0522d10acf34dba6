/* eslint-disable @n8n/community-nodes/no-restricted-globals -- bench tooling, never shipped */
/**
 * One n8n process of the pacing case, in a fresh process (its own pacer, as a queue-mode worker or
 * another n8n instance): runs the MoEngage Data node once, in-process through n8n-core, on its
 * share of the items, against a sandbox another process runs. It starts at `startAt` (epoch ms),
 * so that the processes of a run begin together once each has loaded.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { MoEngageData } from '../../nodes/MoEngageData/MoEngageData.node';
import { runNode, sandboxCredentials } from '../../test/support/runNode';
import { dataNodeParametersWith } from '../support/dataNode';
import { makeEvent } from '../support/events';
import { isolatedMain } from '../support/isolated';
import type { SandboxInfo } from '../support/sandboxProtocol';

/** Bulk → Import and Event → Track send events, User → Create or Update sends users. */
export type PacingSetup = 'bulkImport' | 'eventTrack' | 'userUpsert';

export interface PacingRunInput {
	sandbox: SandboxInfo;
	setup: PacingSetup;
	/** this process's tag: every customer_id it sends starts with `<tag>-` */
	tag: string;
	items: number;
	/** the Data node's Options (none: its defaults) */
	options: IDataObject;
	startAt: number;
}

export interface PacingRunOutput {
	tag: string;
	items: number;
	wallMs: number;
	/** output items that are not a success */
	errorItems: number;
	error?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function itemsOf(input: PacingRunInput): INodeExecutionData[] {
	const items: INodeExecutionData[] = new Array(input.items);
	for (let i = 0; i < input.items; i++) {
		const e = makeEvent(i);
		const customer_id = `${input.tag}-${i}`;
		let json: IDataObject;
		if (input.setup === 'bulkImport') {
			json = { type: 'event', customer_id, actions: [{ action: e.action, attributes: e.attributes, user_time: e.user_time }] };
		} else if (input.setup === 'eventTrack') {
			json = { ...e, customer_id } as unknown as IDataObject;
		} else {
			json = { customer_id, attributes: { plan: e.attributes.category, city: e.attributes.currency, visits: e.attributes.quantity } };
		}
		items[i] = { json: JSON.parse(JSON.stringify(json)) as IDataObject, pairedItem: { item: i } };
	}
	return items;
}

function parametersOf(input: PacingRunInput): INodeParameters {
	const options = { ...input.options } as INodeParameters;
	if (input.setup !== 'userUpsert') return dataNodeParametersWith(input.setup, options);
	return {
		resource: 'user',
		operation: 'createOrUpdate',
		customerId: '={{ $json.customer_id }}',
		attributesMode: 'json',
		attributesJson: '={{ $json.attributes }}',
		options,
	};
}

isolatedMain<PacingRunInput, PacingRunOutput>(async (input) => {
	const items = itemsOf(input);
	const nodeType = new MoEngageData();
	await sleep(Math.max(0, input.startAt - Date.now()));
	const t0 = Date.now();
	const { outputs, error } = await runNode({
		nodeType,
		parameters: parametersOf(input),
		items,
		credentials: sandboxCredentials(input.sandbox),
		continueOnFail: true,
	});
	const wallMs = Date.now() - t0;
	let errorItems = 0;
	let firstError: string | undefined;
	for (const item of outputs[0] ?? []) {
		if (item.json.status === 'success') continue;
		errorItems++;
		firstError ??= String(item.json.error ?? item.json.status);
	}
	const missing = input.items - (outputs[0]?.length ?? 0);
	return { tag: input.tag, items: input.items, wallMs, errorItems: errorItems + missing, error: error?.message ?? firstError };
});
