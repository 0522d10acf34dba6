import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

export { send };

/** The Alert resource: its operations and their parameters. */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['alert'] } },
		default: 'send',
		options: [
			{
				name: 'Send',
				value: 'send',
				action: 'Send a transactional alert',
				description: 'Send an Inform alert to one user on one or more channels (SMS, RCS, WhatsApp, email, push)',
			},
		],
	},
	...send.description,
];
