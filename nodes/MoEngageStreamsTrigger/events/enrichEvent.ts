import { CAMPAIGN_EVENT, knownChannel, lookupEventCode } from '../moengage/streamsCatalog';
import { isPlainObject } from '../../shared/values';
import { epochSecondsOf, type PlainObject } from './checkEvent';

/**
 * How an event's channel is worked out. `code`: only from the code table (versions 1 and 1.1:
 * null for the control group and undocumented codes). `codeThenCampaign` (1.2): a campaign event
 * whose code implies no channel takes its `event_attributes.campaign_channel`.
 */
export type ChannelRule = 'code' | 'codeThenCampaign';

function campaignChannelOf(event: PlainObject): string | null {
	const attributes = event.event_attributes;
	const named = isPlainObject(attributes) ? attributes.campaign_channel : undefined;
	if (typeof named !== 'string') return null;
	const trimmed = named.trim();
	if (trimmed === '') return null;
	return knownChannel(trimmed) ?? trimmed;
}

/** The channel of a valid event (checked by checkStreamsEvent), or null. */
export function channelOf(event: PlainObject, rule: ChannelRule): string | null {
	const implied = lookupEventCode(event.event_code as string)?.channel;
	if (implied) return implied;
	// A user action's attributes are the customer's own: a campaign_channel there is no channel.
	return rule === 'codeThenCampaign' && event.event_type === CAMPAIGN_EVENT ? campaignChannelOf(event) : null;
}

function setIfAbsent(event: PlainObject, key: string, value: unknown): void {
	if (!Object.prototype.hasOwnProperty.call(event, key)) event[key] = value;
}

/**
 * Adds to a valid event (checked by checkStreamsEvent), never replacing a field it already has:
 * - `event_display_name`: the documented name of the code, else the event's own event_name, else the code;
 * - `channel`: as worked out for the filters (`channelOf`), so the item and the Channels filter agree;
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
