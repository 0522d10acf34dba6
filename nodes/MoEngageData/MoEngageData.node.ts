import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { dataProperties } from './actions/operations';
import { route } from './router';

export class MoEngageData implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MoEngage Data',
		name: 'moEngageData',
		icon: { light: 'file:../../icons/moengage.svg', dark: 'file:../../icons/moengage.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send users, devices and events to MoEngage, and get, merge or delete users',
		defaults: { name: 'MoEngage Data' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'moEngageApi', required: true }],
		properties: dataProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
