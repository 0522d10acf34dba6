import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as businessEvent from './actions/businessEvent/BusinessEvent.resource';
import { router } from './actions/router';
import { listSearch, resourceMapping } from './methods';

export class MoEngageBusinessEvent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MoEngage Business Event',
		name: 'moEngageBusinessEvent',
		icon: { light: 'file:../../icons/moengage.svg', dark: 'file:../../icons/moengage.dark.svg' },
		group: ['output'],
		// 1.1: dates written with slashes (01/02/2024) need Options → Date Format, as in the Data node.
		// 2: MoEngage's V5 API for Trigger (per campaign and flow results, quotas) and Search, and Get Many.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Trigger, list, search and create MoEngage business events',
		defaults: { name: 'MoEngage Business Event' },
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
				options: [{ name: 'Business Event', value: 'businessEvent' }],
				default: 'businessEvent',
			},
			...businessEvent.description,
		],
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
