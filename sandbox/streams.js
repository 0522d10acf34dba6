// @ts-check
'use strict';
/**
 * The sandbox acting as MoEngage Streams: the documented event table, batch builders
 * (003_*.txt format) and a POST helper.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');

/**
 * @typedef {{ code: string, name: string, channel: string }} StreamsEventCode
 */

/**
 * The table of 003_*.txt. The doc leaves the channel cell of the ten email rows blank: the
 * sandbox says 'Email' (the channel those events carry in `campaign_channel` of the sample).
 * The control-group row keeps the doc's '-'.
 * @type {ReadonlyArray<Readonly<StreamsEventCode>>}
 */
const STREAMS_EVENT_CODES = Object.freeze(
	/** @type {Array<[string, string, string]>} */ ([
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
		['User Added to Control Group', 'MOE_CAMPAIGN_CONTROL_GROUP', '-'],
	]).map(([name, code, channel]) => Object.freeze({ code, name, channel })),
);

const BY_CODE = new Map(STREAMS_EVENT_CODES.map((e) => [e.code, e]));

const CAMPAIGN_CHANNEL = /** @type {Record<string, string>} */ ({
	Email: 'Email',
	SMS: 'SMS',
	Push: 'Push',
	Connector: 'Connector',
	Cards: 'Cards',
	'Mobile In-Apps': 'In-App',
	'On-site Messaging': 'On-site',
	Flows: 'Flows',
	'-': 'Push',
});

const CAMPAIGN_TYPES = ['General', 'Smart Trigger', 'Periodic'];

/**
 * @typedef {{ events?: number, codes?: string[], appName?: string }} MakeBatchOptions
 */

/**
 * A batch in the documented format. Codes not in the documented table become USER_ACTION_EVENTs
 * (event_name = code, no campaign attributes). `events` defaults to one per code.
 * @param {MakeBatchOptions} [opts]
 */
function makeStreamsBatch(opts = {}) {
	const codes = opts.codes && opts.codes.length > 0 ? opts.codes : STREAMS_EVENT_CODES.map((e) => e.code);
	const count = opts.events === undefined ? codes.length : opts.events;
	const nowSec = Math.floor(Date.now() / 1000);
	/** @type {Record<string, unknown>[]} */
	const events = [];
	for (let i = 0; i < count; i++) {
		const code = codes[i % codes.length];
		const known = BY_CODE.get(code);
		const user = (i % 25) + 1;
		/** @type {Record<string, unknown>} */
		const ev = {
			event_name: known ? known.name : code,
			event_code: code,
			event_uuid: crypto.randomUUID(),
			event_time: nowSec - (count - i),
			event_type: known ? 'CAMPAIGN_EVENT' : 'USER_ACTION_EVENT',
			event_source: 'MOENGAGE',
		};
		if (known && known.channel === 'Push') ev.push_id = `sandbox-push-token-${user}`;
		if (known && known.channel === 'Email') ev.email_id = `user${user}@example.com`;
		if (known && known.channel === 'SMS') ev.mobile_number = `+1555000${String(user).padStart(4, '0')}`;
		ev.uid = `sandbox-user-${user}`;
		if (known) {
			const campaign = (i % 7) + 1;
			/** @type {Record<string, unknown>} */
			const attrs = {
				campaign_id: `sandboxcampaign${String(campaign).padStart(4, '0')}`,
				campaign_name: `Sandbox campaign ${campaign}`,
				campaign_type: CAMPAIGN_TYPES[campaign % CAMPAIGN_TYPES.length],
				campaign_channel: CAMPAIGN_CHANNEL[known.channel] || known.channel,
			};
			if (i % 3 === 0) attrs.variation_id = `v${(i % 2) + 1}`;
			if (i % 5 === 0) {
				attrs.locale_id = 'locale-en';
				attrs.locale_name = 'English';
				attrs.parent_campaign_id = `sandboxparent${String(campaign).padStart(4, '0')}`;
			}
			if (known.channel === 'Flows' || i % 11 === 0) {
				attrs.parent_flow_id = `sandboxflow${campaign}`;
				attrs.parent_flow_name = `Sandbox flow ${campaign}`;
			}
			ev.event_attributes = attrs;
		} else {
			ev.event_attributes = { sandbox_index: i, product_id: `sku-${(i % 50) + 1}` };
		}
		ev.user_attributes = { moengage_user_id: `moe-user-${user}`, first_name: `User${user}`, plan: user % 2 ? 'free' : 'pro' };
		ev.device_attributes = { moengage_device_id: `moe-device-${user}`, platform: user % 2 ? 'ANDROID' : 'iOS' };
		events.push(ev);
	}
	return {
		app_name: opts.appName || 'Sandbox App',
		source: 'MOENGAGE',
		moe_request_id: crypto.randomUUID(),
		events,
	};
}

/**
 * @param {Record<string, unknown>} head
 * @param {string} campaignType
 * @param {string} channel
 */
function sampleEvent(head, campaignType, channel) {
	return {
		...head,
		uid: '<MoEngage customer_id>',
		event_attributes: {
			campaign_id: '353df897hkbh67658',
			campaign_name: 'Name of the Campaign',
			campaign_type: campaignType,
			campaign_channel: channel,
		},
		user_attributes: { moengage_user_id: 'moe_internal_user_id', user_attr_1: 'user_attr_val1', user_attr_2: 'user_attr_val2' },
		device_attributes: {
			moengage_device_id: 'moe_internal_device_id',
			device_attr_1: 'device_attr_val1',
			device_attr_2: 'device_attr_val2',
		},
	};
}

/** The sample request body of 003_*.txt, with its values verbatim (a fresh copy on each call). */
function sampleStreamsBatch() {
	/** @param {string} name @param {string} code */
	const head = (name, code) => ({
		event_name: name,
		event_code: code,
		event_uuid: 'moengage unique id for each event',
		event_time: 1580967474,
		event_type: 'CAMPAIGN_EVENT',
		event_source: 'MOENGAGE',
	});
	return {
		app_name: 'App Name',
		source: 'MOENGAGE',
		moe_request_id: 'moengage unique request id for each request',
		events: [
			sampleEvent({ ...head('Notification Received Android', 'NOTIFICATION_RECEIVED_MOE'), push_id: 'recipient device’s push token' }, 'Smart Trigger', 'Push'),
			sampleEvent({ ...head('Email Sent', 'MOE_EMAIL_SENT'), email_id: 'recipient email_id' }, 'General', 'Email'),
			sampleEvent({ ...head('SMS Delivered', 'SMS_DELIVERED'), mobile_number: 'recipient mobile number' }, 'Smart Trigger', 'SMS'),
		],
	};
}

/**
 * POSTs a batch to `url` like Streams does (Content-Type: application/json unless overridden).
 * @param {string} url
 * @param {object | string | Buffer} batch
 * @param {{ headers?: Record<string, string>, contentType?: string, timeoutMs?: number }} [opts]
 * @returns {Promise<{ status: number, body: string, headers: import('node:http').IncomingHttpHeaders }>}
 */
function postStreamsBatch(url, batch, opts = {}) {
	const payload = Buffer.isBuffer(batch) ? batch : Buffer.from(typeof batch === 'string' ? batch : JSON.stringify(batch), 'utf8');
	const target = new URL(url);
	const lib = target.protocol === 'https:' ? https : http;
	/** @type {Record<string, string | number>} */
	const headers = { 'content-type': opts.contentType || 'application/json' };
	for (const [k, val] of Object.entries(opts.headers || {})) headers[k.toLowerCase()] = val;
	headers['content-length'] = payload.length;
	return new Promise((resolve, reject) => {
		const req = lib.request(target, { method: 'POST', headers, agent: false }, (res) => {
			/** @type {Buffer[]} */
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode || 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.setTimeout(opts.timeoutMs || 30000, () => req.destroy(new Error(`postStreamsBatch: no answer from ${url} in time`)));
		req.end(payload);
	});
}

module.exports = { STREAMS_EVENT_CODES, makeStreamsBatch, sampleStreamsBatch, postStreamsBatch };
