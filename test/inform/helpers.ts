import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { MoEngageInform } from '../../nodes/MoEngageInform/MoEngageInform.node';
import type { NodeRunResult } from '../support/runNode';
import { runNode, sandboxCredentials } from '../support/runNode';
import { DEFAULT_INFORM_ALERTS, type Sandbox } from '../../sandbox';

export const LIVE_ALERT_ID = DEFAULT_INFORM_ALERTS.find((a) => !a.test)!.alert_id;
export const TEST_ALERT_ID = DEFAULT_INFORM_ALERTS.find((a) => a.test)!.alert_id;

/** Quick retries and a short timeout, so failure tests stay fast. */
export const FAST = { maxAttempts: 4, retryBaseDelayMs: 5, timeoutMs: 5000 };

export interface InformRun {
	parameters?: IDataObject;
	options?: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
	onError?: INode['onError'];
	/** Credential fields to change; the Inform key and the test host are set by default. */
	credentials?: Partial<Record<string, string>>;
}

/** Fields mode: an SMS to the item's `mobile`, with the item's `name` as `firstname`. */
export const SMS_FIELDS: IDataObject = {
	alertBy: 'id',
	alertId: LIVE_ALERT_ID,
	userId: '={{ $json.user }}',
	payloadsInput: 'fields',
	channels: { sms: { recipient: '={{ $json.mobile }}' } },
	attributesInput: 'fields',
	personalizedAttributes: { attribute: [{ name: 'firstname', value: '={{ $json.name }}' }] },
};

export async function runInform(sb: Sandbox, run: InformRun = {}): Promise<NodeRunResult> {
	const items: INodeExecutionData[] = (run.items ?? [{ user: 'u-1001', mobile: '919876543210', name: 'Ada' }]).map((json) => ({ json }));
	return await runNode({
		nodeType: new MoEngageInform(),
		parameters: {
			resource: 'alert',
			operation: 'send',
			...(run.parameters ?? SMS_FIELDS),
			options: { ...FAST, ...(run.options ?? {}) },
		},
		items,
		credentials: sandboxCredentials(sb, {
			informApiKey: sb.informApiKey,
			informTestBaseUrl: sb.informTestUrl,
			...(run.credentials ?? {}),
		}),
		continueOnFail: run.continueOnFail,
		onError: run.onError,
	});
}

/** The items of the node's main output; fails when the node failed. */
export function output(result: NodeRunResult): IDataObject[] {
	if (result.error) throw new Error(`node failed: ${result.error.message} ${result.error.description ?? ''}`);
	return (result.outputs[0] ?? []).map((item) => item.json);
}
