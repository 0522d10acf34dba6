import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../../types';
import { createOrUpdate } from './createOrUpdate';

export const deviceOperations: Record<string, OperationDefinition> = { createOrUpdate };

export const deviceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['device'] } },
		default: 'createOrUpdate',
		options: [
			{
				name: 'Create or Update',
				value: 'createOrUpdate',
				description: "Add a device to an existing user, or update a device's push token and attributes",
				action: 'Create or update a device',
			},
		],
	},
	...createOrUpdate.description,
];
