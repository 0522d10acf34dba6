import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { bulkDescription } from './resources/bulk';
import { deviceDescription } from './resources/device';
import { eventDescription } from './resources/event';
import { userDescription } from './resources/user';
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
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'user',
				options: [
					{ name: 'Bulk', value: 'bulk', description: 'Users, events and devices together, in bulk requests' },
					{ name: 'Device', value: 'device', description: 'A device (push token) of a user' },
					{ name: 'Event', value: 'event', description: 'Something a user did' },
					{ name: 'User', value: 'user', description: 'A user profile and its attributes' },
				],
			},
			...userDescription,
			...eventDescription,
			...deviceDescription,
			...bulkDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
