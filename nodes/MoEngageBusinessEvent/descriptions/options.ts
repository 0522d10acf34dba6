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

const dateFormatOption: INodeProperties = {
	displayName: 'Date Format',
	name: 'dateFormat',
	type: 'options',
	default: 'MM/DD/YYYY',
	description:
		'How to read date attribute values written with slashes, such as 01/02/2024. Without this option, version 1.1 refuses them (they are ambiguous) and version 1 reads them as MM/DD/YYYY.',
	options: [
		{ name: 'MM/DD/YYYY (Month First)', value: 'MM/DD/YYYY' },
		{ name: 'DD/MM/YYYY (Day First)', value: 'DD/MM/YYYY' },
	],
};

const sendDatesAsOption: INodeProperties = {
	displayName: 'Send Dates As',
	name: 'sendDatesAs',
	type: 'options',
	default: 'iso',
	description:
		'The form date attributes are sent in. MoEngage does not document the form its legacy Business Events API expects; its only example is 11/11/2023.',
	options: [
		{ name: 'ISO 8601 (2024-05-31T14:30:00Z)', value: 'iso' },
		{ name: 'MM/DD/YYYY (05/31/2024, the UTC Date)', value: 'MM/DD/YYYY' },
	],
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
		options:
			operation === 'trigger'
				? [dateFormatOption, retryOnServerErrorOption, sendDatesAsOption, timeoutOption]
				: [timeoutOption],
	};
}
