import { lookupEventCode } from './eventCodes';
import { epochSecondsOf, type PlainObject } from './validateEvent';

/** Fields the trigger adds to each event (never replacing a field the event already has). */
export interface StreamsEventEnrichment {
	/** The documented display name of the code, else the event's own event_name, else the code. */
	event_display_name: string;
	/** The documented channel of the code; null for the control group and undocumented codes. */
	channel: string | null;
	/** event_time (epoch seconds) as an ISO 8601 UTC date. */
	event_time_iso: string;
}

function setIfAbsent(event: PlainObject, key: string, value: unknown): void {
	if (!Object.prototype.hasOwnProperty.call(event, key)) event[key] = value;
}

/**
 * Adds the enrichment fields to a valid event (checked by checkStreamsEvent), in place: the
 * event is a freshly parsed object owned by the request, and copying it would cost a second
 * allocation per event.
 */
export function enrichStreamsEvent(event: PlainObject): PlainObject {
	const code = event.event_code as string;
	const known = lookupEventCode(code);
	const ownName = typeof event.event_name === 'string' && event.event_name !== '' ? event.event_name : code;
	setIfAbsent(event, 'event_display_name', known ? known.displayName : ownName);
	setIfAbsent(event, 'channel', known ? known.channel : null);
	const seconds = epochSecondsOf(event.event_time) as number;
	setIfAbsent(event, 'event_time_iso', new Date(Math.round(seconds * 1000)).toISOString());
	return event;
}

/** The lookups filters need, without touching the event. */
export function channelOfCode(code: string): string | null {
	return lookupEventCode(code)?.channel ?? null;
}
