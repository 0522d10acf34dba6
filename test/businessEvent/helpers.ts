/**
 * Shared by the Business Event tests: parameters of the node, the sandbox's requests by route, and
 * a real n8n-core LoadOptionsContext (the context the editor gives list and mapper methods), whose
 * helpers.httpRequestWithAuthentication is n8n-core's own, with our credential's authenticate.
 */
import type { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { MoEngageBusinessEvent } from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node';
import type { RecordedRequest, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { NodeRunResult } from '../support/runNode';
import { loadOptionsContext as editorContext, runNode, sandboxCredentials } from '../support/runNode';

const PATHS = {
	businessEventTrigger: '/v1.0/business_event/trigger',
	businessEventSearch: '/v1.0/business_event/search',
	businessEventCreate: '/v1.0/business_event',
	businessEventTriggerV5: '/v5/business-events/triggers',
	businessEventListV5: '/v5/business-events',
	businessEventSearchV5: '/v5/business-events/search',
};

export type Route = keyof typeof PATHS;

/** The requests that reached one endpoint (by path: a faulted request has no route). */
export function requestsTo(sb: Sandbox, route: Route): RecordedRequest[] {
	return sb.requests.filter((r) => r.path === PATHS[route]);
}

/** The Authorization header MoEngage expects for Business Events: Basic workspace:BE key. */
export function businessEventsAuth(sb: Sandbox): string {
	return `Basic ${Buffer.from(`${sb.workspaceId}:${sb.businessEventsApiKey}`).toString('base64')}`;
}

/** Checks a request carried the Business Events key and nothing of the Data API's. */
export function expectBusinessEventsKey(sb: Sandbox, request: RecordedRequest): void {
	expect(request.headers.authorization).toBe(businessEventsAuth(sb));
	expect(request.headers['moe-appkey']).toBeUndefined();
	const decoded = Buffer.from(String(request.headers.authorization).slice(6), 'base64').toString();
	expect(decoded).not.toContain(sb.dataApiKey);
}

/**
 * One sandbox for the test file, handed to `setSandbox`; before each test its requests and faults
 * are cleared and its rate-limit counters emptied (`beforeEachTest` may set other limits).
 */
export function useSandbox(
	setSandbox: (sb: Sandbox) => void,
	options: Parameters<typeof startSandbox>[0] = {},
	beforeEachTest: (sb: Sandbox) => void = (sb) => sb.resetRateLimits(),
): void {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
		setSandbox(sandbox);
	});
	afterAll(async () => await sandbox?.close());
	beforeEach(() => {
		sandbox!.clearRequests();
		sandbox!.clearFaults();
		beforeEachTest(sandbox!);
	});
}

export interface RunOptions {
	continueOnFail?: boolean;
	/** n8n's node setting "On Error"; `continueErrorOutput` gives the node a second output for failed items. */
	onError?: INode['onError'];
	credentials?: Partial<Record<string, string>>;
	typeVersion?: number;
}

/** Runs the node in-process against the sandbox, one input item per JSON object. */
export async function runBusinessEvent(
	sb: Sandbox,
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	options: RunOptions = {},
): Promise<NodeRunResult> {
	return await runNode({
		nodeType: new MoEngageBusinessEvent(),
		parameters,
		items: items.map((json) => ({ json })),
		credentials: sandboxCredentials(sb, options.credentials),
		continueOnFail: options.continueOnFail,
		onError: options.onError,
		typeVersion: options.typeVersion,
	});
}

/** A resourceMapper value as the editor saves it. */
export function mapped(value: Record<string, unknown>): INodeParameters {
	return {
		mappingMode: 'defineBelow',
		value: value as INodeParameters,
		matchingColumns: [],
		schema: [],
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}

export function triggerParameters(
	eventName: string,
	values: Record<string, unknown>,
	extra: INodeParameters = {},
): INodeParameters {
	return {
		resource: 'businessEvent',
		operation: 'trigger',
		businessEvent: { __rl: true, mode: 'list', value: eventName },
		attributesInput: 'mapFields',
		eventAttributes: mapped(values),
		...extra,
	};
}

export function triggerJsonParameters(eventName: string, json: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'businessEvent',
		operation: 'trigger',
		businessEvent: { __rl: true, mode: 'name', value: eventName },
		attributesInput: 'json',
		eventAttributesJson: json,
		...extra,
	};
}

/**
 * The context n8n gives `methods.listSearch.*` and `methods.resourceMapping.*` while the editor
 * shows the node with `parameters`.
 */
export function loadOptionsContext(
	sb: Sandbox,
	parameters: INodeParameters,
	credentialOverrides: Partial<Record<string, string>> = {},
	typeVersion?: number,
): LoadOptionsContext {
	return editorContext({
		nodeType: new MoEngageBusinessEvent(),
		parameters,
		credentials: sandboxCredentials(sb, credentialOverrides),
		path: 'parameters.businessEvent',
		typeVersion,
	});
}

/**
 * A Search answer with what the docs leave open: display-only fields in other types than the
 * sample's (the docs show them only as placeholders, e.g. "<Usage Count>"), `event_attributes: null`,
 * and one event without `event_name`.
 */
export const ODD_SEARCH_ANSWER = {
	data: [
		{
			event_id: '647597767459c85d7d6d6dfd',
			event_name: 'NewMovies',
			event_attributes: [
				{ attribute_name: 'MovieName', attribute_data_type: 'array' },
				{ attribute_name: 'rating', attribute_data_type: 'string' },
			],
			total_trigger: '<Number of times the Business event has been triggered>',
			usage_count: '<Usage Count>',
			created_by: { name: 'John Doe', email: 'john.doe@moengage.com' },
			created_at: 1685385412,
			last_received_time: 0,
		},
		{ event_name: 'NoAttributes', event_attributes: null, total_sent_message: '12' },
		{ event_id: '64a54500633fda13b6681163', event_attributes: [] },
	],
};
