import type { INodeProperties } from 'n8n-workflow';

/** One item per event or per batch (see README.md, "Items"). */
export const outputProperties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		options: [
			{
				name: 'One Item per Event',
				value: 'perEvent',
				description: 'Each event with app_name, moe_request_id and source of its batch',
			},
			{
				name: 'One Item per Batch',
				value: 'perBatch',
				description: 'One item per POST: app_name, source, moe_request_id, event_count and the events',
			},
		],
		default: 'perEvent',
	},
];
