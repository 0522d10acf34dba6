import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { MoEngageClient, SendOutcome } from '../../../shared/transport/client';
import type { MoEngageFailure } from '../../../shared/transport/errors';
import { isPlainObject } from '../../../shared/values';
import type { Payloads } from '../../helpers/payloads';
import { ItemCheck, payloadsFromFields, payloadsFromJson, personalizedAttributes } from '../../helpers/payloads';
import { deriveTransactionId } from '../../helpers/transactionId';
import { CHANNELS, DUPLICATE_WINDOW_MINUTES, MAX_TRANSACTION_ID_LENGTH, SEND_ALERT_PATH } from '../../transport/endpoints';
import { isDuplicateTransaction, withInformFields } from '../../transport/informErrors';

const show = { resource: ['alert'], operation: ['send'] };

/** Alert → Send: its parameters. Written so that an AI agent using the node as a tool can fill them. */
export const description: INodeProperties[] = [
	{
		displayName: 'Alert By',
		name: 'alertBy',
		type: 'options',
		default: 'id',
		displayOptions: { show },
		description: 'How to name the Inform alert to send',
		options: [
			{ name: 'ID', value: 'id', description: "The alert's ID (alert_id)" },
			{ name: 'Reference Name', value: 'referenceName', description: "The alert's reference name (alert_reference_name)" },
		],
	},
	{
		displayName: 'Alert ID',
		name: 'alertId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '636b77e6e2cf83277195fb60',
		displayOptions: { show: { ...show, alertBy: ['id'] } },
		description:
			"ID of the Inform alert (MoEngage dashboard → Inform → the alert). With Test on, give the alert's test alert ID instead.",
	},
	{
		displayName: 'Alert Reference Name',
		name: 'alertReferenceName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'order_shipped',
		displayOptions: { show: { ...show, alertBy: ['referenceName'] } },
		description: 'Reference name of the Inform alert, as set in MoEngage',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		placeholder: 'u-1001',
		displayOptions: { show },
		description:
			"Optional: your ID of the user (their customer ID in MoEngage), so delivery events are added to the user's profile",
	},
	{
		displayName: 'Test',
		name: 'test',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description:
			"Whether to send through MoEngage's test host (sandbox-api-XX) instead of the live one. Use the alert's test alert ID there. Behind a custom base URL, the credential's Inform Test Base URL is used.",
	},
	{
		displayName: 'Payloads Input',
		name: 'payloadsInput',
		type: 'options',
		default: 'fields',
		displayOptions: { show },
		description: 'How to give the channels, their recipients and personalized attributes',
		options: [
			{ name: 'Fields Below', value: 'fields', description: 'A recipient per channel, and attributes shared by all channels' },
			{
				name: 'Payloads (JSON)',
				value: 'json',
				description: "MoEngage's payloads object, e.g. mapped from the input item",
			},
		],
	},
	{
		displayName: 'Channels',
		name: 'channels',
		type: 'fixedCollection',
		placeholder: 'Add Channel',
		default: {},
		displayOptions: { show: { ...show, payloadsInput: ['fields'] } },
		description: 'The channels the alert is sent on, each with its recipient. Add at least one.',
		options: [
			{
				displayName: 'Email',
				name: 'email',
				values: [
					{ displayName: 'Recipient', name: 'recipient', type: 'string', default: '', placeholder: 'ada@example.com', description: 'Email address' },
				],
			},
			{
				displayName: 'Push',
				name: 'push',
				values: [
					{ displayName: 'Recipient', name: 'recipient', type: 'string', default: '', description: 'Push token of the device' },
				],
			},
			{
				displayName: 'RCS',
				name: 'rcs',
				values: [
					{ displayName: 'Recipient', name: 'recipient', type: 'string', default: '', placeholder: '919876543210', description: 'Mobile number with country code, digits only' },
				],
			},
			{
				displayName: 'SMS',
				name: 'sms',
				values: [
					{ displayName: 'Recipient', name: 'recipient', type: 'string', default: '', placeholder: '919876543210', description: 'Mobile number with country code, digits only' },
				],
			},
			{
				displayName: 'WhatsApp',
				name: 'whatsapp',
				values: [
					{ displayName: 'Recipient', name: 'recipient', type: 'string', default: '', placeholder: '919876543210', description: 'Mobile number with country code, digits only' },
				],
			},
		],
	},
	{
		displayName: 'Personalized Attributes Input',
		name: 'attributesInput',
		type: 'options',
		default: 'fields',
		displayOptions: { show: { ...show, payloadsInput: ['fields'] } },
		options: [
			{ name: 'Fields Below', value: 'fields', description: 'Name and value pairs' },
			{ name: 'JSON', value: 'json', description: 'One JSON object of names and values' },
		],
	},
	{
		displayName: 'Personalized Attributes',
		name: 'personalizedAttributes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attribute',
		default: {},
		displayOptions: { show: { ...show, payloadsInput: ['fields'], attributesInput: ['fields'] } },
		description: "Values for the alert template's personalization, sent with every channel",
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'firstname' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'Ada' },
				],
			},
		],
	},
	{
		displayName: 'Personalized Attributes (JSON)',
		name: 'personalizedAttributesJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { ...show, payloadsInput: ['fields'], attributesInput: ['json'] } },
		description: 'Values for the template\'s personalization, sent with every channel, e.g. {"firstname": "Ada", "orderid": "ORD_1"}',
	},
	{
		displayName: 'Payloads (JSON)',
		name: 'payloadsJson',
		type: 'json',
		default: '{\n  "SMS": {\n    "recipient": "919876543210",\n    "personalized_attributes": { "firstname": "Ada" }\n  }\n}',
		displayOptions: { show: { ...show, payloadsInput: ['json'] } },
		description:
			'One entry per channel (SMS, RCS, WHATSAPP, EMAIL, PUSH), each with a "recipient" (mobile number with country code, email address, or push token) and optional "personalized_attributes"; also "sender_attributes" (SMS, EMAIL, PUSH), "personalized_attachments" (EMAIL, PUSH), "live_activity_attributes" (PUSH). Use an expression to take it from the input item.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Max Attempts',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 4,
				description:
					'Attempts in all after a timeout or a server error (MoEngage asks for up to 3 retries). Safe: a repeat carries the same transaction ID, which MoEngage refuses for 5 minutes once it was taken.',
			},
			{
				displayName: 'Retry Base Delay (Ms)',
				name: 'retryBaseDelayMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1000,
				description: 'First wait before a retry; it doubles on each attempt',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30000,
				description: 'How long to wait for MoEngage to answer one attempt',
			},
			{
				displayName: 'Transaction ID',
				name: 'transactionId',
				type: 'string',
				default: '',
				placeholder: 'order-1234-shipped',
				description:
					'Your unique ID for this message (at most 50 characters), e.g. an order ID: MoEngage refuses a repeat within 5 minutes. Empty: derived from the alert, user and payloads, so the same item sent again is not delivered twice, but two identical messages within 5 minutes are sent only once.',
			},
		],
	},
];

/** One item's alert, checked and ready to send. */
export interface PreparedAlert {
	body: {
		alert_id?: string;
		alert_reference_name?: string;
		user_id?: string;
		transaction_id: string;
		payloads: Payloads;
	};
	test: boolean;
	/** The item gave its own transaction ID (else it was derived). */
	ownTransactionId: boolean;
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** Reads and checks one item: throws naming the item, the field and the fix. Sends nothing. */
export function prepare(this: IExecuteFunctions, itemIndex: number, client: MoEngageClient): PreparedAlert {
	const check = new ItemCheck(this.getNode(), itemIndex);
	const param = <T>(name: string, fallback: T): T => this.getNodeParameter(name, itemIndex, fallback) as T;

	const alertBy = param<string>('alertBy', 'id');
	const alertField = alertBy === 'referenceName' ? 'Alert Reference Name' : 'Alert ID';
	const alert = text(param(alertBy === 'referenceName' ? 'alertReferenceName' : 'alertId', ''));
	if (alert === '') {
		check.fail(alertField, 'is empty', `Give the ${alertField === 'Alert ID' ? "alert's ID" : "alert's reference name"} from MoEngage → Inform.`);
	}
	const test = param<unknown>('test', false) === true;
	if (test && !client.credentials.informTestBaseUrl) {
		check.fail(
			'Test',
			"is on, but the credential has no address for MoEngage's test host",
			"With a custom base URL, set the credential's Inform Test Base URL, or turn Test off.",
		);
	}
	const userId = text(param('userId', ''));

	let payloads: Payloads;
	if (param<string>('payloadsInput', 'fields') === 'json') {
		payloads = payloadsFromJson(check, param<unknown>('payloadsJson', '{}'));
	} else {
		const attributes = personalizedAttributes(
			check,
			param<string>('attributesInput', 'fields'),
			param<IDataObject>('personalizedAttributes', {}),
			param<unknown>('personalizedAttributesJson', '{}'),
		);
		payloads = payloadsFromFields(check, param<IDataObject>('channels', {}), attributes);
	}

	const alertKey = alertBy === 'referenceName' ? { alert_reference_name: alert } : { alert_id: alert };
	const options = param<IDataObject>('options', {});
	const given = text(options.transactionId);
	if (given.length > MAX_TRANSACTION_ID_LENGTH) {
		check.fail(
			'Transaction ID',
			`has ${given.length} characters, more than MoEngage's ${MAX_TRANSACTION_ID_LENGTH}`,
			'Shorten it, or leave it empty to use one derived from the alert, user and payloads.',
		);
	}
	const transactionId =
		given || deriveTransactionId({ ...alertKey, ...(userId ? { user_id: userId } : {}), payloads, test });
	return {
		body: { ...alertKey, ...(userId ? { user_id: userId } : {}), transaction_id: transactionId, payloads },
		test,
		ownTransactionId: given !== '',
	};
}

/** The per-channel results MoEngage adds to its answer when the CSM enabled them. */
function channelResults(body: unknown): IDataObject | undefined {
	if (!isPlainObject(body)) return undefined;
	const found: IDataObject = {};
	for (const channel of CHANNELS) if (isPlainObject(body[channel])) found[channel] = body[channel] as IDataObject;
	return Object.keys(found).length > 0 ? found : undefined;
}

function summary(alert: PreparedAlert): IDataObject {
	const { body } = alert;
	return {
		...(body.alert_id ? { alertId: body.alert_id } : { alertReferenceName: body.alert_reference_name }),
		...(body.user_id ? { userId: body.user_id } : {}),
		channels: Object.keys(body.payloads),
		transactionId: body.transaction_id,
		test: alert.test,
	};
}

export type SendResult = { ok: true; json: IDataObject } | { ok: false; failure: MoEngageFailure; mayBeRepeated: boolean; attempts: number };

/** Sends one prepared alert; a 409 "Duplicate Transaction ID" is a success marked `alreadySent`. */
export async function execute(client: MoEngageClient, alert: PreparedAlert): Promise<{ result: SendResult; outcome: SendOutcome }> {
	const outcome = await client.send({
		path: SEND_ALERT_PATH,
		body: alert.body,
		...(alert.test ? { host: 'informTest' as const } : {}),
	});
	if (outcome.ok) {
		const body = outcome.response.body;
		const message = isPlainObject(body) && typeof body.message === 'string' ? body.message : undefined;
		const perChannel = channelResults(body);
		return {
			outcome,
			result: {
				ok: true,
				json: {
					sent: true,
					alreadySent: false,
					...summary(alert),
					requestId: outcome.response.requestId ?? null,
					...(message ? { message } : {}),
					...(perChannel ? { channelResults: perChannel } : {}),
				},
			},
		};
	}
	if (isDuplicateTransaction(outcome.failure)) {
		const how = outcome.mayBeRepeated
			? 'an earlier attempt of this request reached MoEngage although its answer was lost'
			: alert.ownTransactionId
				? 'an earlier run, or another message with this Transaction ID, was accepted'
				: 'the same item (same alert, user and payloads) was accepted earlier, e.g. by a re-run';
		return {
			outcome,
			result: {
				ok: true,
				json: {
					sent: true,
					alreadySent: true,
					...summary(alert),
					requestId: null,
					message: `Not sent again: MoEngage had already accepted this transaction ID within the last ${DUPLICATE_WINDOW_MINUTES} minutes (${how}).`,
				},
			},
		};
	}
	return {
		outcome,
		result: { ok: false, failure: withInformFields(outcome.failure), mayBeRepeated: outcome.mayBeRepeated, attempts: outcome.attempts },
	};
}
