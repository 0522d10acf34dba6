import type { INodeProperties } from 'n8n-workflow';

import { showFor } from './show';

/** The Customer ID parameter, shared by the operations that identify a user by it. */
export function customerIdProperty(resource: string, operation: string, description?: string): INodeProperties {
	return {
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.user_id }}',
		description:
			description ??
			"The user's unique ID in MoEngage (customer_id): the ID your apps set as the unique user ID. Placeholders such as guest, null or 0 are refused.",
		displayOptions: { show: showFor(resource, operation) },
	};
}
