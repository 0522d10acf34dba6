/**
 * A node used only by tests: it sends one MoEngage request per item through the shared client,
 * so the client's retries, errors and redaction are exercised inside a real n8n-core run.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { MoEngageRequest } from '../../nodes/shared/transport/client';
import { MoEngageClient } from '../../nodes/shared/transport/client';
import type { RetryPolicy } from '../../nodes/shared/transport/retryPolicy';

export class ClientProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Client Probe',
		name: 'clientProbe',
		icon: 'file:probe.svg',
		group: ['output'],
		version: 1,
		subtitle: 'probe',
		description: 'Sends the request described by each item',
		defaults: { name: 'Client Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'moEngageApi', required: true }],
		properties: [
			{ displayName: 'Policy', name: 'policy', type: 'json', default: '{}' },
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'request' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const policy = JSON.parse(this.getNodeParameter('policy', 0) as string) as Partial<RetryPolicy>;
		const mode = this.getNodeParameter('mode', 0) as string;
		const client = await MoEngageClient.create(this, policy);
		const out: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const request = items[i].json as unknown as MoEngageRequest;
			if (mode === 'send') {
				const outcome = await client.send(request);
				out.push({ json: outcome as unknown as JsonObject, pairedItem: { item: i } });
			} else {
				const outcome = await client.send(request);
				if (!outcome.ok) throw client.toError(outcome.failure, { itemIndex: i, attempts: outcome.attempts });
				out.push({ json: outcome.response as unknown as JsonObject, pairedItem: { item: i } });
			}
		}
		return [out];
	}
}
