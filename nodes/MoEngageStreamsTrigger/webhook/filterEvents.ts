import { channelOfCode } from '../../shared/streams/enrichEvent';
import type { PlainObject } from '../../shared/streams/validateEvent';
import { NO_CHANNEL } from '../properties/filters';

/** Each set restricts one field; null lets everything through. */
export interface EventFilter {
	types: ReadonlySet<string> | null;
	codes: ReadonlySet<string> | null;
	channels: ReadonlySet<string> | null;
}

function setOrNull(values: string[]): ReadonlySet<string> | null {
	return values.length > 0 ? new Set(values) : null;
}

export function buildEventFilter(
	types: string[],
	codes: string[],
	customCodes: string,
	channels: string[],
): EventFilter {
	const custom = customCodes
		.split(',')
		.map((code) => code.trim())
		.filter((code) => code !== '');
	return {
		types: setOrNull(types),
		codes: setOrNull([...codes, ...custom]),
		channels: setOrNull(channels),
	};
}

/** For a valid event (event_code and event_type are strings). */
export function passesFilter(event: PlainObject, filter: EventFilter): boolean {
	if (filter.types && !filter.types.has(event.event_type as string)) return false;
	if (filter.codes && !filter.codes.has(event.event_code as string)) return false;
	if (filter.channels) {
		const channel = channelOfCode(event.event_code as string);
		if (!filter.channels.has(channel ?? NO_CHANNEL)) return false;
	}
	return true;
}
