import type { INodeProperties } from 'n8n-workflow';

import * as getStats from './getStats.operation';

export { getStats };

/** The Campaign resource: its operations and their parameters. */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Get Stats',
				value: 'getStats',
				action: 'Get campaign stats',
				description:
					'Delivery, engagement and conversion figures of campaigns over a date range, per platform, locale and variation',
			},
		],
		default: 'getStats',
	},
	...getStats.description,
];
