import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normalizeDevice } from '../../elements/device';
import { optionsProperty, RETRY_OPTIONS } from '../../settings';
import type { BuildContext, ElementJob, OperationDefinition } from '../../types';
import { customerIdProperty } from '../common';

const show = { resource: ['device'], operation: ['createOrUpdate'] };

const LABELS = {
	customer_id: 'Customer ID',
	device_id: 'Device ID',
	platform: 'Platform',
	push_id: 'Push Token',
	attributes: 'Additional Fields',
};

/** Additional fields and the device attributes MoEngage documents for them. */
const ATTRIBUTE_OF: Record<string, string> = {
	advertisingId: 'moe_gaid',
	appVersion: 'app_version',
	idfv: 'idfv',
	model: 'model',
	osVersion: 'os_version',
	pushOptIn: 'moe_push_opted',
	provisionalPushOptIn: 'moe_push_provisional_opted',
};

const description: INodeProperties[] = [
	customerIdProperty(
		'device',
		'createOrUpdate',
		'The unique ID (customer_id) of the user the device belongs to. MoEngage adds devices to existing users only.',
	),
	{
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		required: true,
		default: '',
		description:
			"The device's unique ID: the one MoEngage's SDK assigned, or your own (e.g. the push token) if you do not use the SDK",
		displayOptions: { show },
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		required: true,
		default: 'ANDROID',
		options: [
			{ name: 'Android', value: 'ANDROID' },
			{ name: 'iOS', value: 'iOS' },
			{ name: 'TV', value: 'TV' },
			{ name: 'Web', value: 'web' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Push Token',
		name: 'pushToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			"The device's push token (push_id): FCM registration token, APNs device token or web push subscription",
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Advertising ID (GAID)',
				name: 'advertisingId',
				type: 'string',
				default: '',
				description: "The Android device's Google advertising ID (moe_gaid)",
			},
			{
				displayName: 'App Version',
				name: 'appVersion',
				type: 'string',
				default: '',
			},
			{
				displayName: 'IDFV',
				name: 'idfv',
				type: 'string',
				default: '',
				description: "The iOS device's identifier for vendor",
			},
			{
				displayName: 'Model',
				name: 'model',
				type: 'string',
				default: '',
				description: 'The device model, e.g. Pixel 8',
			},
			{
				displayName: 'OS Version',
				name: 'osVersion',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Provisional Push Opt-In',
				name: 'provisionalPushOptIn',
				type: 'boolean',
				default: false,
				description:
					'Whether the user allowed provisional (quiet) push notifications on iOS (moe_push_provisional_opted)',
			},
			{
				displayName: 'Push Opt-In',
				name: 'pushOptIn',
				type: 'boolean',
				default: true,
				description: 'Whether the user allowed push notifications on this device (moe_push_opted)',
			},
		],
	},
	optionsProperty('device', 'createOrUpdate', ['batch', 'rateWindowSeconds', ...RETRY_OPTIONS]),
];

function build(this: IExecuteFunctions, itemIndex: number, { scope, params }: BuildContext): ElementJob {
	const extra = params.get<IDataObject>('additionalFields', itemIndex, {});
	const attributes: Record<string, unknown> = {
		platform: params.get('platform', itemIndex, ''),
		push_id: params.get('pushToken', itemIndex, ''),
	};
	for (const [field, attribute] of Object.entries(ATTRIBUTE_OF)) {
		const value = extra[field];
		if (value === undefined || value === '') continue;
		// MoEngage documents the opt-in flags as the strings "True" and "False".
		attributes[attribute] = typeof value === 'boolean' ? (value ? 'True' : 'False') : value;
	}
	const element = normalizeDevice(
		{
			customer_id: params.get('customerId', itemIndex, ''),
			device_id: params.get('deviceId', itemIndex, ''),
			attributes,
		},
		scope,
		{ labels: LABELS },
	);
	return { kind: 'element', element };
}

export const createOrUpdate: OperationDefinition = { description, build };
