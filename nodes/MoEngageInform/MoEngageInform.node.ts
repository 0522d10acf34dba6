import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as alert from './actions/alert';
import { route } from './actions/router';

export class MoEngageInform implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MoEngage Inform',
		name: 'moEngageInform',
		icon: { light: 'file:../../icons/moengage.svg', dark: 'file:../../icons/moengage.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send transactional alerts (OTPs, order updates) by SMS, RCS, WhatsApp, email or push with MoEngage Inform',
		defaults: { name: 'MoEngage Inform' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'moEngageApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'alert',
				options: [{ name: 'Alert', value: 'alert', description: 'A transactional alert set up in MoEngage Inform' }],
			},
			...alert.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
