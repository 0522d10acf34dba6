import type { IDataObject, INode } from 'n8n-workflow';

import { itemProblemError, shown } from '../../shared/validation/problem';
import { setOwn } from '../../shared/validation/safeObject';
import { isPlainObject } from '../../shared/values';
import type { Channel } from '../transport/endpoints';
import { CHANNELS } from '../transport/endpoints';
import { checkRecipient } from './recipients';

/** One channel's entry of MoEngage's `payloads`. */
export type ChannelPayload = Record<string, unknown> & { recipient: string };

export type Payloads = Partial<Record<Channel, ChannelPayload>>;

/** The fields MoEngage documents per channel entry, and the channels that take each. */
const CHANNEL_FIELDS: Record<string, readonly Channel[]> = {
	recipient: CHANNELS,
	personalized_attributes: CHANNELS,
	sender_attributes: ['SMS', 'EMAIL', 'PUSH'],
	personalized_attachments: ['EMAIL', 'PUSH'],
	live_activity_attributes: ['PUSH'],
};

/** The parameter names of the channel groups in "Channels" (fields mode). */
export const CHANNEL_PARAMETERS: Record<Channel, string> = {
	SMS: 'sms',
	RCS: 'rcs',
	WHATSAPP: 'whatsapp',
	EMAIL: 'email',
	PUSH: 'push',
};

/** Checks one item's values and throws naming the item, the field and the fix. */
export class ItemCheck {
	constructor(
		readonly node: INode,
		readonly itemIndex: number,
	) {}

	fail(field: string, message: string, fix: string): never {
		throw itemProblemError(this.node, this.itemIndex, field, { message, fix });
	}

	/** A JSON parameter: an object, or text holding one. */
	object(field: string, raw: unknown, example: string): Record<string, unknown> {
		let value = raw;
		if (typeof raw === 'string') {
			if (raw.trim() === '') return {};
			try {
				value = JSON.parse(raw);
			} catch {
				return this.fail(field, 'is not valid JSON', `Give a JSON object, e.g. ${example}, or an expression that returns one.`);
			}
		}
		if (!isPlainObject(value)) {
			return this.fail(field, `is ${shown(value)}, but it must be a JSON object`, `Give a JSON object, e.g. ${example}.`);
		}
		return value;
	}
}

function channelOf(key: string): Channel | undefined {
	const upper = key.trim().toUpperCase().replace(/[\s_-]/g, '');
	return (CHANNELS as readonly string[]).includes(upper) ? (upper as Channel) : undefined;
}

const PAYLOADS_EXAMPLE = '{"SMS": {"recipient": "919876543210", "personalized_attributes": {"firstname": "Ada"}}}';

/**
 * "Payloads (JSON)": MoEngage's `payloads` object, one entry per channel. Channel names are
 * accepted in any case ("email", "WhatsApp") and sent as MoEngage spells them.
 */
export function payloadsFromJson(check: ItemCheck, raw: unknown): Payloads {
	const label = 'Payloads (JSON)';
	const given = check.object(label, raw, PAYLOADS_EXAMPLE);
	const payloads: Payloads = {};
	for (const [key, entry] of Object.entries(given)) {
		const channel = channelOf(key);
		if (!channel) {
			check.fail(`${label} → ${key}`, 'is not an Inform channel', `Use ${CHANNELS.join(', ')} as keys, e.g. ${PAYLOADS_EXAMPLE}.`);
		}
		if (payloads[channel]) check.fail(`${label} → ${key}`, `repeats the channel ${channel}`, 'Give each channel once.');
		const field = `${label} → ${channel}`;
		if (!isPlainObject(entry)) {
			check.fail(field, `is ${shown(entry)}, but it must be an object with a recipient`, `e.g. ${PAYLOADS_EXAMPLE}.`);
		}
		const out: Record<string, unknown> = {};
		for (const [name, value] of Object.entries(entry)) {
			const channels = CHANNEL_FIELDS[name];
			if (!channels) {
				check.fail(
					`${field} → ${name}`,
					'is not a field MoEngage Inform takes',
					`Use ${Object.keys(CHANNEL_FIELDS).filter((f) => CHANNEL_FIELDS[f].includes(channel)).join(', ')}.`,
				);
			}
			if (!channels.includes(channel)) {
				check.fail(`${field} → ${name}`, `is not taken on ${channel}`, `MoEngage takes it on ${channels.join(', ')} only.`);
			}
			setOwn(out, name, value);
		}
		const recipient = checkRecipient(channel, entry.recipient);
		if (!recipient.ok) check.fail(`${field} → recipient`, recipient.problem.message, recipient.problem.fix);
		out.recipient = recipient.value;
		for (const name of ['personalized_attributes', 'personalized_attachments', 'live_activity_attributes']) {
			if (out[name] !== undefined && !isPlainObject(out[name])) {
				check.fail(`${field} → ${name}`, `is ${shown(out[name])}, but it must be an object`, 'Give an object of names and values.');
			}
		}
		const senders = out.sender_attributes;
		if (senders !== undefined && !(Array.isArray(senders) && senders.every((s) => typeof s === 'string'))) {
			check.fail(`${field} → sender_attributes`, `is ${shown(senders)}, but it must be a list of texts`, 'e.g. ["sender_name"].');
		}
		payloads[channel] = out as ChannelPayload;
	}
	if (Object.keys(payloads).length === 0) {
		check.fail(label, 'names no channel', `Give at least one channel, e.g. ${PAYLOADS_EXAMPLE}.`);
	}
	return payloads;
}

interface AttributeRow {
	name?: unknown;
	value?: unknown;
}

/** "Personalized Attributes" as name/value rows, or as a JSON object. */
export function personalizedAttributes(
	check: ItemCheck,
	mode: string,
	rows: IDataObject,
	json: unknown,
): Record<string, unknown> {
	if (mode === 'json') return check.object('Personalized Attributes (JSON)', json, '{"firstname": "Ada", "orderid": "ORD_1"}');
	const out: Record<string, unknown> = {};
	for (const row of ((rows.attribute ?? []) as AttributeRow[])) {
		const name = String(row.name ?? '').trim();
		if (name === '') {
			if (row.value === undefined || row.value === '') continue;
			check.fail('Personalized Attributes → Name', 'is empty', 'Give every attribute a name, or remove the empty row.');
		}
		if (Object.prototype.hasOwnProperty.call(out, name)) {
			check.fail('Personalized Attributes → Name', `repeats ${shown(name)}`, 'Give each attribute once.');
		}
		setOwn(out, name, row.value ?? '');
	}
	return out;
}

/**
 * "Channels" (fields mode): one recipient per channel chosen; every channel gets the same
 * personalized attributes.
 */
export function payloadsFromFields(check: ItemCheck, channels: IDataObject, attributes: Record<string, unknown>): Payloads {
	const payloads: Payloads = {};
	for (const channel of CHANNELS) {
		const group = channels[CHANNEL_PARAMETERS[channel]];
		if (!isPlainObject(group)) continue;
		const field = `Channels → ${channel} → Recipient`;
		const recipient = checkRecipient(channel, group.recipient);
		if (!recipient.ok) check.fail(field, recipient.problem.message, recipient.problem.fix);
		payloads[channel] = {
			recipient: recipient.value,
			...(Object.keys(attributes).length > 0 ? { personalized_attributes: attributes } : {}),
		};
	}
	if (Object.keys(payloads).length === 0) {
		check.fail('Channels', 'has no channel', 'Add at least one channel (SMS, RCS, WhatsApp, Email or Push) with its recipient.');
	}
	return payloads;
}
