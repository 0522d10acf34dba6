import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export type OperationName = 'trigger' | 'search' | 'create';

/** Shows a field on one operation of the Business Event resource. */
export function showFor(operation: OperationName): IDisplayOptions {
	return { show: { resource: ['businessEvent'], operation: [operation] } };
}

const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1000 },
	default: 30000,
	description: 'How long to wait for MoEngage to answer one request, in milliseconds',
};

const retryOnServerErrorOption: INodeProperties = {
	displayName: 'Retry on Timeout or Server Error',
	name: 'retryOnServerError',
	type: 'boolean',
	default: false,
	description:
		'Whether to send the trigger again when MoEngage does not answer in time or answers with a server error (5xx). Off by default: MoEngage may have triggered the event already, and a retry can fire the campaign twice.',
};

/** The "Options" collection of one operation. */
export function optionsFor(operation: OperationName): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(operation),
		options: operation === 'trigger' ? [retryOnServerErrorOption, timeoutOption] : [timeoutOption],
	};
}
