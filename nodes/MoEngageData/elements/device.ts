import { shown } from '../../shared/validation/problem';
import { PLATFORM_OPTIONS } from '../descriptions/platforms';
import type { ItemScope } from '../input/itemScope';
import type { DeviceElement } from '../schemas/dataApi';
import { checkCustomerId } from '../validation/customerId';
import { normalizeAttributes } from './attributes';
import type { FieldLabels } from './labels';
import { labelOf } from './labels';
import { otherKeys } from './otherKeys';

/** The keys handled here; any other key of the raw element is passed on. */
const DEVICE_KEYS: ReadonlySet<string> = new Set(['type', 'customer_id', 'device_id', 'attributes']);

/** The platforms the Track Device API accepts, by their lower-case spelling. */
const DEVICE_PLATFORMS: ReadonlyMap<string, string> = new Map(
	PLATFORM_OPTIONS.map(({ value }) => [String(value).toLowerCase(), String(value)]),
);

export interface RawDevice {
	customer_id?: unknown;
	device_id?: unknown;
	attributes?: unknown;
	[key: string]: unknown;
}

function requiredText(value: unknown, field: string, scope: ItemScope, fix: string): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string' && value.trim() !== '') return value;
	return scope.fail(field, {
		message: value === undefined || value === '' ? 'is empty' : `is ${shown(value)}, but it must be text`,
		fix,
	});
}

/**
 * A checked `device` object, ready for `/device` or a bulk import. `allowedReserved`: the `moe_`
 * attributes MoEngage documents for devices.
 */
export function normalizeDevice(
	raw: RawDevice,
	scope: ItemScope,
	options: { labels: FieldLabels; allowedReserved: readonly string[] },
): DeviceElement {
	const { labels } = options;
	const customerId = scope.take(labelOf(labels, 'customer_id'), checkCustomerId(raw.customer_id));
	const deviceId = requiredText(
		raw.device_id,
		labelOf(labels, 'device_id'),
		scope,
		"Give the device's unique ID: the one MoEngage's SDK assigned, or your own (e.g. the push token).",
	);
	// A copy: platform and push_id are set on it below, and the checked object may be the item's own.
	const attributes = {
		...normalizeAttributes(raw.attributes, scope, {
			dateNames: [],
			allowedReserved: options.allowedReserved,
			label: labelOf(labels, 'attributes'),
		}),
	};
	const platformLabel = labelOf(labels, 'platform');
	const platform = requiredText(attributes.platform, platformLabel, scope, 'Give one of ANDROID, iOS, web or TV.');
	const known = DEVICE_PLATFORMS.get(platform.trim().toLowerCase());
	if (!known) {
		scope.fail(platformLabel, {
			message: `is ${shown(platform)}, which MoEngage does not know`,
			fix: 'Use one of ANDROID, iOS, web or TV.',
		});
	}
	attributes.platform = known;
	// MoEngage needs only device_id and platform: a device without a push token yet is still a device.
	if (attributes.push_id === undefined || attributes.push_id === null || attributes.push_id === '') {
		delete attributes.push_id;
	} else {
		attributes.push_id = requiredText(
			attributes.push_id,
			labelOf(labels, 'push_id'),
			scope,
			"Give the device's push token (FCM registration token, APNs device token or web push subscription), or leave it empty.",
		);
	}
	return {
		type: 'device',
		customer_id: customerId,
		device_id: deviceId,
		attributes,
		...otherKeys(raw, DEVICE_KEYS),
	};
}
