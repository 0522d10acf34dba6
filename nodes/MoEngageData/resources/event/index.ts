import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../../types';
import { track } from './track';

export const eventOperations: Record<string, OperationDefinition> = { track };

export const eventDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		default: 'track',
		options: [
			{
				name: 'Track',
				value: 'track',
				description: 'Track one or several events (actions) of a user',
				action: 'Track an event',
			},
		],
	},
	...track.description,
];
