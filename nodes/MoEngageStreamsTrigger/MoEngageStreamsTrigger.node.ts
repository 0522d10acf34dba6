import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperties } from './description/authentication';
import { outputProperties } from './description/output';
import { setupNoticeProperties, triggerPanel } from './description/panel';
import { settingsProperties } from './description/settings';
import { filterProperties } from './filters/eventFilter';
import { credentialTest } from './methods/credentialTest';
import { receiveStreamsBatch } from './webhook/receive';

export class MoEngageStreamsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MoEngage Streams Trigger',
		name: 'moEngageStreamsTrigger',
		icon: { light: 'file:../../icons/moengage.svg', dark: 'file:../../icons/moengage.dark.svg' },
		group: ['trigger'],
		// 1.1: n8n parses the JSON body itself, so it no longer evaluates the `options.binaryData`
		// expression of version 1 (about 7 ms of CPU per request in n8n 2.41's expression isolate);
		// malformed JSON then gets n8n's 422 instead of the node's 400.
		// 1.2: a campaign event whose code implies no channel (the control group) takes its
		// campaign_channel, in items and in the Channels filter. See README.md, "Versions".
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		subtitle: '={{$parameter["outputMode"] === "perBatch" ? "One item per batch" : "One item per event"}}',
		description: 'Starts the workflow when MoEngage Streams sends events',
		documentationUrl: 'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage#moengage-streams-trigger',
		defaults: { name: 'MoEngage Streams Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Events', 'Rejected'],
		triggerPanel,
		// What MoEngage must send, kept encrypted by n8n (node parameters are stored in clear).
		credentials: [
			{
				name: 'moEngageStreamsBasicAuthApi',
				required: true,
				testedBy: 'streamsBasicAuthCheck',
				displayOptions: { show: { authentication: ['basicAuth'] } },
			},
			{
				name: 'moEngageStreamsHeaderAuthApi',
				required: true,
				testedBy: 'streamsHeaderAuthCheck',
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// An empty 200: MoEngage only needs a 2xx, and n8n would otherwise answer with a
				// placeholder text for a node that declares no response data.
				responseData: 'noData',
				path: 'moengage-streams',
			},
		],
		properties: [
			...setupNoticeProperties,
			...authenticationProperties,
			...outputProperties,
			...filterProperties,
			...settingsProperties,
		],
	};

	methods = { credentialTest };

	// Streams is configured on MoEngage's side, by hand: there is nothing to register here.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveStreamsBatch.call(this);
	}
}
