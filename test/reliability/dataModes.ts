/**
 * The MoEngage Data node's sending operations, each in the shape the reliability tests drive them:
 * items carry a unique `id` (the customer_id, the accounting marker) and an optional `note`.
 * MODES_BY_OPERATION lists every operation of nodes/MoEngageData/actions/operations.ts: a new
 * operation does not compile here until it gets its modes (or a reason it has none).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { OperationKey } from '../../nodes/MoEngageData/actions/operations';
import { MoEngageData } from '../../nodes/MoEngageData/MoEngageData.node';
import type { RecordedRequest, Sandbox } from '../../sandbox';
import type { NodeRunResult } from '../support/runNode';
import { runNode, sandboxCredentials } from '../support/runNode';

export interface DataMode {
	/** e.g. "user createOrUpdate, batched" */
	name: string;
	resource: string;
	operation: string;
	batched: boolean;
	parameters: IDataObject;
	/** the input item for marker `id` */
	item: (id: string, note: string) => IDataObject;
	/** MoEngage may keep two copies when this operation's request is taken twice */
	duplicatesAreHarmless: boolean;
}

const byId = '={{ $json.id }}';
const noteJson = '={{ JSON.stringify({ note: $json.note }) }}';

export const USER_BATCHED: DataMode = {
	name: 'User → Create or Update, batched',
	resource: 'user',
	operation: 'createOrUpdate',
	batched: true,
	parameters: { customerId: byId, attributesMode: 'json', attributesJson: noteJson },
	item: (id, note) => ({ id, note }),
	duplicatesAreHarmless: true,
};

export const USER_SINGLE: DataMode = { ...USER_BATCHED, name: 'User → Create or Update, one request per item', batched: false };

export const EVENT_BATCHED: DataMode = {
	name: 'Event → Track, batched',
	resource: 'event',
	operation: 'track',
	batched: true,
	parameters: { customerId: byId, eventName: 'Viewed', attributesMode: 'json', attributesJson: noteJson },
	item: (id, note) => ({ id, note }),
	duplicatesAreHarmless: false,
};

export const EVENT_SINGLE: DataMode = { ...EVENT_BATCHED, name: 'Event → Track, one request per item', batched: false };

export const DEVICE_SINGLE: DataMode = {
	name: 'Device → Create or Update, one request per item',
	resource: 'device',
	operation: 'createOrUpdate',
	batched: false,
	parameters: {
		customerId: byId,
		deviceId: '={{ "device-" + $json.id }}',
		platform: 'ANDROID',
		pushToken: '={{ "token-" + $json.id }}',
		additionalFields: { model: '={{ $json.note }}' },
	},
	item: (id, note) => ({ id, note: note.slice(0, 100) || 'Pixel' }),
	duplicatesAreHarmless: true,
};

export const BULK_IMPORT: DataMode = {
	name: 'Bulk → Import',
	resource: 'bulk',
	operation: 'import',
	batched: true,
	parameters: { elementSource: 'inputItem' },
	item: (id, note) => ({ type: 'customer', customer_id: id, attributes: { note } }),
	duplicatesAreHarmless: true,
};

/** The modes each operation is driven in by the fault scenarios, or why it has none here. */
export const MODES_BY_OPERATION: Record<OperationKey, DataMode[] | { notHere: string }> = {
	'user.createOrUpdate': [USER_BATCHED, USER_SINGLE],
	'event.track': [EVENT_BATCHED, EVENT_SINGLE],
	'device.createOrUpdate': [DEVICE_SINGLE],
	'bulk.import': [BULK_IMPORT],
	'user.delete': { notHere: 'no customer_id marker per element: its own tests in dataFaults.test.ts (User → Delete, Merge and Get)' },
	'user.get': { notHere: 'reads, sends nothing to keep: its own test in dataFaults.test.ts (User → Delete, Merge and Get)' },
	'user.merge': { notHere: 'pairs, not elements: its own tests in dataFaults.test.ts (User → Delete, Merge and Get)' },
	'cohort.addMembers': {
		notHere: 'members of a cohort payload, not elements: a failed request failing exactly its items is in test/data/cohort/addMembers.test.ts',
	},
	'cohort.removeMembers': {
		notHere: 'members of a cohort payload, not elements: a failed request failing exactly its items is in test/data/cohort/removeMembers.test.ts',
	},
};

export const ALL_MODES = Object.values(MODES_BY_OPERATION).flatMap((modes) => (Array.isArray(modes) ? modes : []));

/** Options that keep failure tests fast; rates high enough that pacing never waits. */
export const FAST_OPTIONS: IDataObject = {
	maxAttempts: 3,
	retryBaseDelayMs: 5,
	timeoutMs: 5000,
	usersPerMinute: 1_000_000,
	eventsPerMinute: 1_000_000,
};

export async function runMode(
	sb: Sandbox,
	mode: DataMode,
	items: IDataObject[],
	options: { options?: IDataObject; continueOnFail?: boolean; credentials?: Partial<Record<string, string>> } = {},
): Promise<NodeRunResult> {
	const bulkHasNoBatchOption = mode.resource === 'bulk';
	return await runNode({
		nodeType: new MoEngageData(),
		parameters: {
			resource: mode.resource,
			operation: mode.operation,
			...mode.parameters,
			options: {
				...FAST_OPTIONS,
				...(bulkHasNoBatchOption ? {} : { batch: mode.batched }),
				...(options.options ?? {}),
			},
		},
		items: items.map((json): INodeExecutionData => ({ json })),
		credentials: sandboxCredentials(sb, options.credentials),
		continueOnFail: options.continueOnFail ?? true,
	});
}

/** The customer_ids one recorded request carried (a bulk import carries several). */
export function customersIn(request: RecordedRequest): string[] {
	// A faulted request is not processed, so only its raw body is recorded.
	const body = (request.body ?? (request.rawBody ? JSON.parse(request.rawBody) : undefined)) as
		| { elements?: Array<{ customer_id?: unknown }>; customer_id?: unknown }
		| undefined;
	if (!body) return [];
	if (Array.isArray(body.elements)) return body.elements.map((e) => String(e.customer_id));
	return body.customer_id === undefined ? [] : [String(body.customer_id)];
}
