import type { DisplayCondition, IDisplayOptions, INodeProperties } from 'n8n-workflow';

export type OperationName = 'trigger' | 'search' | 'create' | 'getAll';

/** Versions 1 and 1.1 (legacy API) and version 2 (V5 API), as displayOptions `@version` conditions. */
type Versions = Array<number | DisplayCondition>;
export const VERSIONS_1: Versions = [1, 1.1];
export const VERSIONS_2: Versions = [{ _cnd: { gte: 2 } }];

/** Shows a field on one operation of the Business Event resource, in every version or in some. */
export function showFor(operation: OperationName, versions?: Versions): IDisplayOptions {
	return {
		show: { resource: ['businessEvent'], operation: [operation], ...(versions ? { '@version': versions } : {}) },
	};
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

/** The "Options" collection of one operation in versions 1 and 1.1. */
export function optionsFor(operation: OperationName): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(operation, VERSIONS_1),
		options:
			operation === 'trigger'
				? [dateFormatOption, retryOnServerErrorOption, sendDatesAsOption, timeoutOption]
				: [timeoutOption],
	};
}

function quotaOption(name: string, displayName: string, defaultValue: number, what: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'number',
		typeOptions: { minValue: 0 },
		default: defaultValue,
		description: `${what} MoEngage's documented default is ${defaultValue}; set what MoEngage agreed for your workspace, or 0 not to check`,
	};
}

const v2DateFormatOption: INodeProperties = {
	...dateFormatOption,
	description:
		'How to read datetime attribute values written with slashes, such as 01/02/2024. Without this option they are refused (they are ambiguous). Datetimes are always sent in ISO 8601 (2024-05-31T14:30:00Z).',
};

const quotaOptions: INodeProperties[] = [
	quotaOption('quotaPer5Minutes', 'Campaign Trigger Quota per 5 Minutes', 10, 'Triggers that start campaigns this execution may make within 5 minutes before items fail without sending.'),
	quotaOption('quotaPerHour', 'Campaign Trigger Quota per Hour', 50, 'Triggers that start campaigns this execution may make within an hour.'),
	quotaOption('quotaPerDay', 'Campaign Trigger Quota per Day', 200, 'Triggers that start campaigns this execution may make within a day.'),
	quotaOption('flowQuotaPerHour', 'Flow Trigger Quota per Hour', 3, 'Triggers that start flows this execution may make within an hour (checked for events that start only flows).'),
	quotaOption('flowQuotaPerDay', 'Flow Trigger Quota per Day', 10, 'Triggers that start flows this execution may make within a day (checked for events that start only flows).'),
];

/** The "Options" collection of one operation in version 2. */
export function optionsForV2(operation: OperationName): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(operation, VERSIONS_2),
		options:
			operation === 'trigger'
				? [...quotaOptions, v2DateFormatOption, retryOnServerErrorOption, timeoutOption].sort((a, b) =>
						a.displayName.localeCompare(b.displayName),
					)
				: [timeoutOption],
	};
}
