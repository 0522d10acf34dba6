import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as campaign from './actions/campaign';
import { router } from './actions/router';

export class MoEngageCampaign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MoEngage Campaign',
		name: 'moEngageCampaign',
		icon: { light: 'file:../../icons/moengage.svg', dark: 'file:../../icons/moengage.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Get the delivery, engagement and conversion stats of MoEngage campaigns',
		defaults: { name: 'MoEngage Campaign' },
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
				options: [{ name: 'Campaign', value: 'campaign' }],
				default: 'campaign',
			},
			...campaign.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
