import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { deliverElements } from '../../delivery/elements';
import { additionalFieldsProperty } from '../../descriptions/additionalFields';
import { customerIdProperty } from '../../descriptions/customerId';
import { optionsProperty, RETRY_OPTIONS } from '../../descriptions/options';
import { PLATFORM_OPTIONS } from '../../descriptions/platforms';
import { showFor } from '../../descriptions/show';
import { normalizeDevice } from '../../elements/device';
import { isReservedName } from '../../validation/names';
import type { BuildContext, DataOperation } from '../operation';

/** Device → Create or Update: one `device` element per item, sent by the element delivery. */

const show = showFor('device', 'createOrUpdate');

const LABELS = {
	customer_id: 'Customer ID',
	device_id: 'Device ID',
	platform: 'Platform',
	push_id: 'Push Token',
	attributes: 'Additional Fields',
};

/**
 * The device attributes MoEngage documents, each with the Additional Field that sets it, in the
 * order they are sent. A new device attribute is one entry here.
 */
const DEVICE_ATTRIBUTES: Array<{ attribute: string; field: INodeProperties }> = [
	{
		attribute: 'moe_gaid',
		field: {
			displayName: 'Advertising ID (GAID)',
			name: 'advertisingId',
			type: 'string',
			default: '',
			description: "The Android device's Google advertising ID (moe_gaid)",
		},
	},
	{
		attribute: 'app_version',
		field: { displayName: 'App Version', name: 'appVersion', type: 'string', default: '' },
	},
	{
		attribute: 'idfv',
		field: {
			displayName: 'IDFV',
			name: 'idfv',
			type: 'string',
			default: '',
			description: "The iOS device's identifier for vendor",
		},
	},
	{
		attribute: 'model',
		field: {
			displayName: 'Model',
			name: 'model',
			type: 'string',
			default: '',
			description: 'The device model, e.g. Pixel 8',
		},
	},
	{
		attribute: 'os_version',
		field: { displayName: 'OS Version', name: 'osVersion', type: 'string', default: '' },
	},
	{
		attribute: 'moe_push_opted',
		field: {
			displayName: 'Push Opt-In',
			name: 'pushOptIn',
			type: 'boolean',
			default: true,
			description: 'Whether the user allowed push notifications on this device (moe_push_opted)',
		},
	},
	{
		attribute: 'moe_push_provisional_opted',
		field: {
			displayName: 'Provisional Push Opt-In',
			name: 'provisionalPushOptIn',
			type: 'boolean',
			default: false,
			description:
				'Whether the user allowed provisional (quiet) push notifications on iOS (moe_push_provisional_opted)',
		},
	},
];

/** The `moe_` device attributes MoEngage documents: allowed here and in Bulk → Import. */
export const DOCUMENTED_RESERVED_DEVICE_ATTRIBUTES: readonly string[] = DEVICE_ATTRIBUTES.map(
	({ attribute }) => attribute,
).filter(isReservedName);

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
		options: PLATFORM_OPTIONS,
		displayOptions: { show },
	},
	{
		displayName: 'Push Token',
		name: 'pushToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			"The device's push token (push_id): FCM registration token, APNs device token or web push subscription. Leave empty for a device without one yet.",
		displayOptions: { show },
	},
	additionalFieldsProperty(
		'device',
		'createOrUpdate',
		DEVICE_ATTRIBUTES.map(({ field }) => field),
	),
	optionsProperty('device', 'createOrUpdate', ['batch', 'rateWindowSeconds', ...RETRY_OPTIONS]),
];

function build(itemIndex: number, { scope, params }: BuildContext) {
	const extra = params.get<IDataObject>('additionalFields', itemIndex, {});
	const attributes: Record<string, unknown> = {
		platform: params.get('platform', itemIndex, ''),
		push_id: params.get('pushToken', itemIndex, ''),
	};
	for (const { attribute, field } of DEVICE_ATTRIBUTES) {
		const value = extra[field.name];
		if (value === undefined || value === '') continue;
		// MoEngage documents the opt-in flags as the strings "True" and "False".
		attributes[attribute] = typeof value === 'boolean' ? (value ? 'True' : 'False') : value;
	}
	return normalizeDevice(
		{
			customer_id: params.get('customerId', itemIndex, ''),
			device_id: params.get('deviceId', itemIndex, ''),
			attributes,
		},
		scope,
		{ labels: LABELS, allowedReserved: DOCUMENTED_RESERVED_DEVICE_ATTRIBUTES },
	);
}

export const createOrUpdate: DataOperation = {
	option: {
		name: 'Create or Update',
		value: 'createOrUpdate',
		description: "Add a device to an existing user, or update a device's push token and attributes",
		action: 'Create or update a device',
	},
	description,
	delivery: deliverElements(build),
};
