import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { deliverElements } from '../../delivery/elements';
import { additionalFieldsProperty } from '../../descriptions/additionalFields';
import { attributeProperties } from '../../descriptions/attributes';
import { customerIdProperty } from '../../descriptions/customerId';
import {
	identifiersProperty,
	identifyByProperty,
	optionalCustomerIdProperty,
	showForIdentity,
} from '../../descriptions/identifyBy';
import { optionsProperty, RETRY_OPTIONS } from '../../descriptions/options';
import { PLATFORM_OPTIONS } from '../../descriptions/platforms';
import { showFor } from '../../descriptions/show';
import { normalizeEvent } from '../../elements/event';
import { attributesLabel, readAttributes } from '../../input/attributeInput';
import { readItemIdentity } from '../../input/identity';
import type { BuildContext, DataOperation } from '../operation';

/** Event → Track: one `event` element per item (one action, or several from JSON), sent by the element delivery. */

const show = showFor('event', 'track');
const oneAction = { ...show, actionsInput: ['single'] };

/** Names in messages when the item has one action built from the parameters below. */
const SINGLE_LABELS = {
	customer_id: 'Customer ID',
	device_id: 'Device ID',
	actions: 'Actions',
	action: 'Event Name',
	platform: 'Platform',
	app_version: 'App Version',
	user_time: 'User Time',
	current_time: 'Current Time',
	user_timezone_offset: 'User Timezone Offset',
	user_identifiers: 'Identifiers',
};
const LIST_LABELS = {
	customer_id: 'Customer ID',
	device_id: 'Device ID',
	actions: 'Actions (JSON)',
	user_identifiers: 'Identifiers',
};

/** SINGLE_LABELS with the attributes named as the chosen input shows them (one object per name). */
const singleLabels = new Map<string, typeof SINGLE_LABELS & { attributes: string }>();
function singleLabelsFor(attributes: string): typeof SINGLE_LABELS & { attributes: string } {
	let labels = singleLabels.get(attributes);
	if (!labels) {
		labels = { ...SINGLE_LABELS, attributes };
		singleLabels.set(attributes, labels);
	}
	return labels;
}

const TIME_HINT = 'ISO 8601 (no zone means UTC), epoch seconds or milliseconds, or a date from an expression';

const description: INodeProperties[] = [
	identifyByProperty(
		'event',
		'track',
		'How MoEngage finds the user. Identifiers: only for workspaces with Identity Resolution; they are sent as user_identifiers.',
	),
	{ ...customerIdProperty('event', 'track'), displayOptions: { show: showForIdentity('event', 'track', 'customerId') } },
	optionalCustomerIdProperty('event', 'track'),
	identifiersProperty('event', 'track'),
	{
		displayName: 'Actions Input',
		name: 'actionsInput',
		type: 'options',
		default: 'single',
		displayOptions: { show },
		options: [
			{
				name: 'One Event (Fields Below)',
				value: 'single',
				description: 'Track one event described by the fields below',
			},
			{
				name: 'Several Events (JSON)',
				value: 'json',
				description: 'Track a list of actions for this user in one go, given as JSON',
			},
		],
	},
	{
		displayName: 'Event Name',
		name: 'eventName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Purchase',
		description: 'Name of the event (action); names starting with moe_ are reserved for MoEngage',
		displayOptions: { show: oneAction },
	},
	...attributeProperties('event', 'track', { actionsInput: ['single'] }),
	{
		displayName: 'Actions (JSON)',
		name: 'actionsJson',
		type: 'json',
		default: '[\n  {\n    "action": "Purchase",\n    "attributes": { "amount": 12.5 }\n  }\n]',
		description:
			'A list of actions in MoEngage\'s format: {"action", "attributes", "platform", "app_version", "user_time", "current_time", "user_timezone_offset"}. Times and attributes are checked and converted as for one event.',
		displayOptions: { show: { ...show, actionsInput: ['json'] } },
	},
	additionalFieldsProperty('event', 'track', [
		{
			displayName: 'App Version',
			name: 'appVersion',
			type: 'string',
			default: '',
			description: 'Version of your app the event happened in',
			displayOptions: { show: { '/actionsInput': ['single'] } },
		},
		{
			displayName: 'Current Time',
			name: 'currentTime',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2024-05-31T14:30:00Z',
			description: `When the event happened (UTC): ${TIME_HINT}. Empty: when MoEngage receives it. Future times are refused.`,
			displayOptions: { show: { '/actionsInput': ['single'] } },
		},
		{
			displayName: 'Device ID',
			name: 'deviceId',
			type: 'string',
			default: '',
			description: 'The device the event happened on, when it matters',
		},
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'options',
			default: 'web',
			options: PLATFORM_OPTIONS,
			displayOptions: { show: { '/actionsInput': ['single'] } },
		},
		{
			displayName: 'User Time',
			name: 'userTime',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2024-05-31T20:00:00+05:30',
			description: `When the event happened, in the user's time: ${TIME_HINT}. Future times are refused.`,
			displayOptions: { show: { '/actionsInput': ['single'] } },
		},
		{
			displayName: 'User Timezone Offset',
			name: 'userTimezoneOffset',
			type: 'number',
			default: 0,
			description: "The user's offset from UTC in seconds, from -54000 to 54000 (e.g. 19800 for UTC+05:30)",
			displayOptions: { show: { '/actionsInput': ['single'] } },
		},
	]),
	optionsProperty('event', 'track', [
		'batch',
		'dateAttributes',
		'eventsPerMinute',
		'projectCode',
		'rateWindowSeconds',
		...RETRY_OPTIONS,
	]),
];

function readActionList(raw: unknown, build: BuildContext): unknown[] {
	let parsed = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch {
			return build.scope.fail('Actions (JSON)', {
				message: 'is not valid JSON',
				fix: 'Give a JSON list such as [{"action": "Purchase", "attributes": {"amount": 12.5}}].',
			});
		}
	}
	// One action object on its own is accepted as a list of one.
	return Array.isArray(parsed) ? parsed : [parsed];
}

function build(itemIndex: number, context: BuildContext) {
	const { scope, params, settings } = context;
	const identity = readItemIdentity(params, scope);
	const extra = params.get<IDataObject>('additionalFields', itemIndex, {});
	const several = params.get<string>('actionsInput', itemIndex, 'single') === 'json';
	const actions = several
		? readActionList(params.get<unknown>('actionsJson', itemIndex, '[]'), context)
		: [
				{
					action: params.get<unknown>('eventName', itemIndex, ''),
					attributes: readAttributes(params, scope),
					platform: extra.platform,
					app_version: extra.appVersion,
					user_time: extra.userTime,
					current_time: extra.currentTime,
					user_timezone_offset: extra.userTimezoneOffset,
				},
			];
	return normalizeEvent(
		{
			customer_id: params.get('customerId', itemIndex, ''),
			user_identifiers: identity?.values,
			device_id: extra.deviceId,
			actions,
		},
		scope,
		{
			labels: several ? LIST_LABELS : singleLabelsFor(attributesLabel(params, itemIndex)),
			dateNames: settings.dateAttributes,
			identity: identity?.rule,
		},
	);
}

export const track: DataOperation = {
	option: {
		name: 'Track',
		value: 'track',
		description: 'Track one or several events (actions) of a user',
		action: 'Track an event',
	},
	description,
	delivery: deliverElements(build),
};
