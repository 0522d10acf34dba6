import { MAX_EPOCH_SECONDS } from '../receiverBounds';
import { isPlainObject } from '../../shared/values';

/**
 * Fast check of one Streams event, mirroring `streamsEventSchema` (moengage/streamsSchema.ts):
 * zod with passthrough costs several times more per event than this, and the trigger must keep
 * up with 1,000-event batches. test/streams keeps the two in agreement.
 */

export type PlainObject = Record<string, unknown>;

/** A decimal number written as a string, e.g. "1580967474" (accepted for event_time). */
export const NUMERIC_STRING = /^\d+(\.\d+)?$/;

/** `event_time` as epoch seconds, or undefined when it is not a valid one. */
export function epochSecondsOf(value: unknown): number | undefined {
	let seconds: number;
	if (typeof value === 'number') seconds = value;
	else if (typeof value === 'string' && NUMERIC_STRING.test(value)) seconds = Number(value);
	else return undefined;
	return Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_EPOCH_SECONDS ? seconds : undefined;
}

function describe(value: unknown): string {
	if (value === undefined) return 'it is missing';
	if (value === null) return 'got null';
	if (Array.isArray(value)) return 'got an array';
	if (typeof value === 'string') return `got "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (typeof value === 'object') return 'got an object';
	return `got ${typeof value} ${String(value)}`;
}

function isNonEmptyString(value: unknown): boolean {
	return typeof value === 'string' && value.length > 0;
}

const ATTRIBUTE_FIELDS = ['event_attributes', 'user_attributes', 'device_attributes'] as const;

/** Why `event` breaks the documented schema, or undefined when it is a valid event. */
export function checkStreamsEvent(event: unknown): string | undefined {
	if (!isPlainObject(event)) return `An event must be a JSON object (${describe(event)})`;
	if (!isNonEmptyString(event.event_code)) {
		return `event_code must be a non-empty string (${describe(event.event_code)})`;
	}
	if (!isNonEmptyString(event.event_uuid)) {
		return `event_uuid must be a non-empty string (${describe(event.event_uuid)})`;
	}
	if (epochSecondsOf(event.event_time) === undefined) {
		return `event_time must be epoch seconds between 0 and ${MAX_EPOCH_SECONDS} (${describe(event.event_time)})`;
	}
	if (!isNonEmptyString(event.event_type)) {
		return `event_type must be a non-empty string such as CAMPAIGN_EVENT (${describe(event.event_type)})`;
	}
	const name = event.event_name;
	if (name !== undefined && name !== null && typeof name !== 'string') {
		return `event_name must be a string (${describe(name)})`;
	}
	for (const field of ATTRIBUTE_FIELDS) {
		const attributes = event[field];
		if (attributes !== undefined && attributes !== null && !isPlainObject(attributes)) {
			return `${field} must be a JSON object (${describe(attributes)})`;
		}
	}
	return undefined;
}
