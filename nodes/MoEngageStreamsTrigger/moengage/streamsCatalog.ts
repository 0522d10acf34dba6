/**
 * MoEngage's Streams vocabulary, as its Streams documentation page gives it ("Campaign Interaction
 * Events", "Streams Data Glossary"): event types, channels and the campaign interaction event
 * codes. The node's filters and enrichment read these lists; nothing else spells them out.
 *
 * The doc leaves the channel cell of the ten email rows blank: they are the Email channel (the
 * doc's own sample sends them with `campaign_channel: "Email"`). The control-group row says "-":
 * the code implies no channel; its events name their campaign's channel in
 * `event_attributes.campaign_channel` ("With the above events, the following event attributes
 * will be exported by default - campaign_id, campaign_name, campaign_type, campaign_channel").
 */

/** `event_type` values ("Streams Data Glossary"); other values are passed on, not refused. */
export const STREAMS_EVENT_TYPES = [
	{ value: 'CAMPAIGN_EVENT', displayName: 'Campaign Event' },
	{ value: 'USER_ACTION_EVENT', displayName: 'User Action Event' },
] as const;

export const CAMPAIGN_EVENT: string = STREAMS_EVENT_TYPES[0].value;

export const STREAMS_CHANNELS = [
	'Email',
	'SMS',
	'Push',
	'Connector',
	'Cards',
	'Mobile In-Apps',
	'On-site Messaging',
	'Flows',
] as const;

export type StreamsChannel = (typeof STREAMS_CHANNELS)[number];

export interface StreamsEventCodeInfo {
	code: string;
	displayName: string;
	/** null: the code implies no channel (the control group) */
	channel: StreamsChannel | null;
}

const TABLE: ReadonlyArray<[displayName: string, code: string, channel: StreamsChannel | null]> = [
	['Email Sent', 'MOE_EMAIL_SENT', 'Email'],
	['Email Deferred', 'MOE_EMAIL_DEFERRED', 'Email'],
	['Email Delivered', 'MOE_EMAIL_DELIVERED', 'Email'],
	['Email Dropped', 'MOE_EMAIL_DROP', 'Email'],
	['Email Bounced', 'MOE_EMAIL_HARD_BOUNCE', 'Email'],
	['Email Soft Bounced', 'MOE_EMAIL_SOFT_BOUNCE', 'Email'],
	['Email Opened', 'MOE_EMAIL_OPEN', 'Email'],
	['Email Clicked', 'MOE_EMAIL_CLICK', 'Email'],
	['Email Unsubscribed', 'MOE_EMAIL_UNSUBSCRIBE', 'Email'],
	['Email Spam Complained', 'MOE_EMAIL_SPAM', 'Email'],
	['SMS Sent', 'SMS_SENT', 'SMS'],
	['SMS Delivered', 'SMS_DELIVERED', 'SMS'],
	['Notification Received Android', 'NOTIFICATION_RECEIVED_MOE', 'Push'],
	['Notification Clicked Android', 'NOTIFICATION_CLICKED_MOE', 'Push'],
	['Notification Swiped Android', 'NOTIFICATION_CLEARED_MOE', 'Push'],
	['Notification Sent iOS', 'n_i_s', 'Push'],
	['Notification Clicked iOS', 'NOTIFICATION_CLICKED_IOS_MOE', 'Push'],
	['Notification Received Web', 'NOTIFICATION_RECEIVED_WEB_MOE', 'Push'],
	['Notification Clicked Web', 'NOTIFICATION_CLICKED_WEB_MOE', 'Push'],
	['Connector Sent', 'MOE_CONNECTOR_SENT', 'Connector'],
	['Card Sent', 'MOE_CARD_SENT', 'Cards'],
	['Card Delivered', 'MOE_CARD_DELIVERED', 'Cards'],
	['Card Viewed', 'MOE_CARD_VIEWED', 'Cards'],
	['Card Clicked', 'MOE_CARD_CLICKED', 'Cards'],
	['Mobile In-App Shown', 'MOE_IN_APP_SHOWN', 'Mobile In-Apps'],
	['Mobile In-App Clicked', 'MOE_IN_APP_CLICKED', 'Mobile In-Apps'],
	['Mobile In-App Closed', 'MOE_IN_APP_DISMISSED', 'Mobile In-Apps'],
	['On-site Message Shown', 'MOE_ONSITE_MESSAGE_SHOWN', 'On-site Messaging'],
	['On-site Message Clicked', 'MOE_ONSITE_MESSAGE_CLICKED', 'On-site Messaging'],
	['On-site Message Closed', 'MOE_ONSITE_MESSAGE_DISMISSED', 'On-site Messaging'],
	['User Entered Flow', 'USER_ENTERED_FLOW', 'Flows'],
	['User Exited Flow', 'USER_EXITED_FLOW', 'Flows'],
	['User Added to Control Group', 'MOE_CAMPAIGN_CONTROL_GROUP', null],
];

export const STREAMS_EVENT_CODES: readonly StreamsEventCodeInfo[] = TABLE.map(
	([displayName, code, channel]) => ({ code, displayName, channel }),
);

const BY_CODE = new Map(STREAMS_EVENT_CODES.map((info) => [info.code, info]));

/** The documented row for `code` (codes are case-sensitive: `n_i_s` is lower case). */
export function lookupEventCode(code: string): StreamsEventCodeInfo | undefined {
	return BY_CODE.get(code);
}

const CHANNEL_BY_LOWER_CASE = new Map<string, StreamsChannel>(
	STREAMS_CHANNELS.map((channel) => [channel.toLowerCase(), channel]),
);

/** The table's spelling of a channel named in any case ("PUSH" → "Push"), else undefined. */
export function knownChannel(name: string): StreamsChannel | undefined {
	return CHANNEL_BY_LOWER_CASE.get(name.toLowerCase());
}
