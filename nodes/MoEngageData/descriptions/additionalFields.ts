import type { INodeProperties } from 'n8n-workflow';

import { showFor } from './show';

/** The "Additional Fields" collection of one operation, its fields listed by display name. */
export function additionalFieldsProperty(
	resource: string,
	operation: string,
	fields: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: showFor(resource, operation) },
		options: byDisplayName(fields),
	};
}

/** Collection entries in the order the editor lists them. */
export function byDisplayName(properties: INodeProperties[]): INodeProperties[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
