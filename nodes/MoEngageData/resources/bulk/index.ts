import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../../types';
import { bulkImport } from './import';

export const bulkOperations: Record<string, OperationDefinition> = { import: bulkImport };

export const bulkDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bulk'] } },
		default: 'import',
		options: [
			{
				name: 'Import',
				value: 'import',
				description: 'Send users, events and devices from the input items in bulk requests of up to 100 KB',
				action: 'Import data in bulk',
			},
		],
	},
	...bulkImport.description,
];
