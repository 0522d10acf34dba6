import { STREAMS_CHANNELS, STREAMS_EVENT_CODES, STREAMS_EVENT_TYPES } from '../moengage/streamsCatalog';
import { chosenValues, commaSeparated, keepWhenIn, type StreamsFilter } from './filterDefinition';

/**
 * The Streams Trigger's filters, in the order the node shows them. Each entry declares its
 * parameters and how they select events: the node's description and the webhook's matching are
 * both derived from this list (filters/eventFilter.ts), so a new filter is one entry here.
 */

/** Value of the Channels filter that matches events without a channel. */
const NO_CHANNEL = 'none';

const eventTypes: StreamsFilter = {
	properties: [
		{
			displayName: 'Event Types',
			name: 'eventTypes',
			type: 'multiOptions',
			options: STREAMS_EVENT_TYPES.map((type) => ({ name: type.displayName, value: type.value })),
			default: [],
			description: 'Keep only events of these types (event_type). Empty: all types.',
		},
	],
	compile: (read) => keepWhenIn(chosenValues(read('eventTypes', [])), (event) => event.event_type),
};

const eventCodes: StreamsFilter = {
	properties: [
		{
			displayName: 'Event Codes',
			name: 'eventCodes',
			type: 'multiOptions',
			options: STREAMS_EVENT_CODES.map((info) => ({
				name: `${info.displayName} (${info.code})`,
				value: info.code,
			})),
			default: [],
			description:
				'Keep only events with these codes (event_code), together with the custom codes below. Empty (both): all codes.',
		},
		{
			displayName: 'Custom Event Codes',
			name: 'customEventCodes',
			type: 'string',
			default: '',
			placeholder: 'e.g. Added to Cart, Purchase',
			description:
				'More event codes to keep, comma-separated, such as your own user actions. Codes are case-sensitive.',
		},
	],
	compile: (read) =>
		keepWhenIn(
			[...chosenValues(read('eventCodes', [])), ...commaSeparated(read('customEventCodes', ''))],
			(event) => event.event_code,
		),
};

const channels: StreamsFilter = {
	properties: [
		{
			displayName: 'Channels',
			name: 'channels',
			type: 'multiOptions',
			options: [
				...STREAMS_CHANNELS.map((channel) => ({ name: channel, value: channel })),
				{
					name: 'No Channel',
					value: NO_CHANNEL,
					description:
						'User actions, and campaign events whose code has no channel in MoEngage’s table (the control group); from node version 1.2 only those that name no campaign_channel either',
				},
			],
			default: [],
			description:
				'Keep only events of these channels: the channel of the event code, else (node version 1.2) the campaign_channel of a campaign event. Empty: all channels.',
		},
	],
	compile: (read) => keepWhenIn(chosenValues(read('channels', [])), (_event, channel) => channel ?? NO_CHANNEL),
};

export const STREAMS_FILTERS: readonly StreamsFilter[] = [eventTypes, eventCodes, channels];
