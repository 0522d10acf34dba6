import type { INodeProperties } from 'n8n-workflow';

import { STREAMS_CHANNELS, STREAMS_EVENT_CODES } from '../../shared/streams/eventCodes';

/** Value of the Channels filter that matches events without a channel. */
export const NO_CHANNEL = 'none';

/**
 * Which events start the workflow. Each filter left empty lets everything through; filters
 * combine with AND. A batch with nothing left is answered 200 and starts nothing.
 */
export const filterProperties: INodeProperties[] = [
	{
		displayName: 'Event Types',
		name: 'eventTypes',
		type: 'multiOptions',
		options: [
			{ name: 'Campaign Event', value: 'CAMPAIGN_EVENT' },
			{ name: 'User Action Event', value: 'USER_ACTION_EVENT' },
		],
		default: [],
		description: 'Keep only events of these types (event_type). Empty: all types.',
	},
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
	{
		displayName: 'Channels',
		name: 'channels',
		type: 'multiOptions',
		options: [
			...STREAMS_CHANNELS.map((channel) => ({ name: channel, value: channel })),
			{
				name: 'No Channel (Control Group, User Actions)',
				value: NO_CHANNEL,
				description: 'Events whose code has no channel in MoEngage’s table',
			},
		],
		default: [],
		description: 'Keep only events of these channels (from the event code). Empty: all channels.',
	},
];
