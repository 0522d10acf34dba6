import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { DataResource } from '../actions/operation';

function byName(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

/** The Resource list; the editor starts on `defaultResource`. */
export function resourceProperty(resources: DataResource[], defaultResource: string): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: defaultResource,
		options: byName(resources.map((resource) => resource.option)),
	};
}

/** A resource's Operation list (its first operation is the default), then its operations' parameters. */
export function resourceProperties({ option, operations }: DataResource): INodeProperties[] {
	const list = Object.values(operations);
	const firstOperation = list[0].option.value;
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [option.value] } },
			default: firstOperation,
			options: byName(list.map((operation) => operation.option)),
		},
		...list.flatMap((operation) => operation.description),
	];
}
