import type { INodeProperties } from 'n8n-workflow';

import { showFor } from './show';

/**
 * "Identify By": Customer ID (the default, as before) or Identifiers, for workspaces with
 * MoEngage's Identity Resolution, where customer_id is optional.
 */

export type IdentifyBy = 'customerId' | 'identifiers';

export function identifyByProperty(resource: string, operation: string, description: string): INodeProperties {
	return {
		displayName: 'Identify By',
		name: 'identifyBy',
		type: 'options',
		default: 'customerId',
		description,
		displayOptions: { show: showFor(resource, operation) },
		options: [
			{ name: 'Customer ID', value: 'customerId', description: "The user's unique ID (customer_id)" },
			{
				name: 'Identifiers',
				value: 'identifiers',
				description:
					'Workspaces with Identity Resolution: the identifiers the workspace has activated (e.g. moe_mobile, email); the customer ID is optional',
			},
		],
	};
}

/** displayOptions.show for one operation in one Identify By mode. */
export function showForIdentity(resource: string, operation: string, mode: IdentifyBy) {
	return { ...showFor(resource, operation), identifyBy: [mode] };
}

/** The optional Customer ID of the Identifiers mode (the same parameter as the required one). */
export function optionalCustomerIdProperty(resource: string, operation: string): INodeProperties {
	return {
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.user_id }}',
		description:
			"Optional with Identity Resolution: the user's unique ID (customer_id), sent beside the identifiers when set. Placeholders such as guest, null or 0 are refused.",
		displayOptions: { show: showForIdentity(resource, operation, 'identifiers') },
	};
}

/** The identifier name/value pairs of one item (User → Create or Update, Event → Track). */
export function identifiersProperty(resource: string, operation: string): INodeProperties {
	return {
		displayName: 'Identifiers',
		// Not "identifiers": User → Get has a text parameter of that name.
		name: 'userIdentifiers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Identifier',
		default: {},
		description:
			'The identifiers the workspace has activated for Identity Resolution (Settings › Data › Identity resolution), with this user\'s values. At least one needs a value; blank values are left out, since MoEngage never matches them.',
		displayOptions: { show: showForIdentity(resource, operation, 'identifiers') },
		options: [
			{
				displayName: 'Identifier',
				name: 'identifier',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. moe_mobile',
						description: 'The identifier\'s attribute name, as activated in the workspace (e.g. moe_mobile, email)',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. {{ $json.mobile }}',
						description: 'MoEngage matches it as exact text; surrounding spaces are removed',
					},
				],
			},
		],
	};
}

/** Bulk → Import: the workspace's identifier names, for elements that leave customer_id out. */
export function identifierNamesProperty(resource: string, operation: string): INodeProperties {
	return {
		displayName: 'Identifier Names',
		name: 'identifierNames',
		type: 'string',
		default: '',
		placeholder: 'moe_mobile, email',
		description:
			'Comma-separated names of the identifiers the workspace has activated for Identity Resolution. A customer element without customer_id needs one of them with a value in "attributes", an event element one in "user_identifiers".',
		displayOptions: { show: showForIdentity(resource, operation, 'identifiers') },
	};
}
