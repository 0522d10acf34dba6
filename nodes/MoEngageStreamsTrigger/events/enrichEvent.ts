import { lookupEventCode } from '../moengage/streamsCatalog';
import { epochSecondsOf, type PlainObject } from './checkEvent';

/** The channel an event's code implies (null for the control group and undocumented codes). */
export function channelOfCode(code: string): string | null {
	return lookupEventCode(code)?.channel ?? null;
}

function setIfAbsent(event: PlainObject, key: string, value: unknown): void {
	if (!Object.prototype.hasOwnProperty.call(event, key)) event[key] = value;
}

/**
 * Adds to a valid event (checked by checkStreamsEvent), never replacing a field it already has:
 * - `event_display_name`: the documented name of the code, else the event's own event_name, else the code;
 * - `channel`: as worked out for the filters (`channel`), so the item and the Channels filter agree;
 * - `event_time_iso`: event_time (epoch seconds) as an ISO 8601 UTC date.
 *
 * In place: the event is a freshly parsed object owned by the request, and copying it would cost
 * a second allocation per event.
 */
export function enrichStreamsEvent(event: PlainObject, channel: string | null): PlainObject {
	const code = event.event_code as string;
	const known = lookupEventCode(code);
	const ownName = typeof event.event_name === 'string' && event.event_name !== '' ? event.event_name : code;
	setIfAbsent(event, 'event_display_name', known ? known.displayName : ownName);
	setIfAbsent(event, 'channel', channel);
	const seconds = epochSecondsOf(event.event_time) as number;
	setIfAbsent(event, 'event_time_iso', new Date(Math.round(seconds * 1000)).toISOString());
	return event;
}
