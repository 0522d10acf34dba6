import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../types';
import * as create from './create.operation';
import * as search from './search.operation';
import * as trigger from './trigger.operation';

export const operations: Record<string, OperationExecute> = {
	trigger: trigger.execute,
	search: search.execute,
	create: create.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['businessEvent'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a business event with its attributes',
				action: 'Create a business event',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find business events by name or ID',
				action: 'Search business events',
			},
			{
				name: 'Trigger',
				value: 'trigger',
				description: 'Trigger a business event, which runs the campaigns that use it',
				action: 'Trigger a business event',
			},
		],
		default: 'trigger',
	},
	...trigger.description,
	...search.description,
	...create.description,
];
