import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** "Customer ID or MoEngage ID": how Delete and Get name the users they act on. */
export function identifierTypeProperty(displayName: string, show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName,
		name: 'identifierType',
		type: 'options',
		default: 'customerId',
		displayOptions: { show },
		options: [
			{ name: 'Customer ID', value: 'customerId', description: 'Your unique ID of the user (customer_id)' },
			{ name: 'MoEngage ID', value: 'moengageId', description: "MoEngage's own ID of the user" },
		],
	};
}
