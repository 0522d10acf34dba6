import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { MoEngageClient } from '../../shared/transport/client';
import { RETRY_POLICIES } from '../../shared/transport/retryPolicy';
import { eventMissingMessage } from '../helpers/errorMessages';
import { findEvent } from '../transport/requests';
import { findEventV5 } from '../transport/requestsV5';
import type { EventAttribute } from '../transport/schemas';

const FIELD_TYPES: Record<string, FieldType> = {
	string: 'string',
	int: 'number',
	float: 'number',
	array: 'array',
	date: 'dateTime',
	// V5 (version 2)
	number: 'number',
	boolean: 'boolean',
	datetime: 'dateTime',
};

/**
 * One mapper field per declared attribute. n8n has one number type, so MoEngage's own type is kept
 * in the label ("stock (int)"); at run time the node converts values with the types it reads
 * from MoEngage, not with these fields.
 */
export function toMapperField(attribute: EventAttribute): ResourceMapperField {
	const { attribute_name: name, attribute_data_type: dataType } = attribute;
	return {
		id: name,
		displayName: `${name} (${dataType})`,
		type: FIELD_TYPES[dataType] ?? 'string',
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
	};
}

/**
 * The attribute fields of the chosen business event, from its schema: the legacy Search API in
 * versions 1 and 1.1, the V5 list (with V5's types) in version 2.
 */
export async function getAttributeSchema(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const eventName = String(this.getNodeParameter('businessEvent', '', { extractValue: true }) ?? '').trim();
	if (!eventName) return { fields: [], emptyFieldsNotice: 'Choose a business event first' };
	const client = await MoEngageClient.create(this, RETRY_POLICIES.editor);
	client.requireKey('businessEvents');
	if (this.getNode().typeVersion >= 2) {
		const v5 = await findEventV5(client, eventName);
		if (v5.status === 'failed') {
			throw client.toError(v5.failure, {
				message: `Could not load the attributes of business event "${eventName}": ${v5.failure.message}`,
			});
		}
		if (v5.status === 'missing') return { fields: [], emptyFieldsNotice: eventMissingMessage(eventName) };
		if (v5.event.attributes.length === 0) {
			return { fields: [], emptyFieldsNotice: `Business event "${eventName}" declares no attributes` };
		}
		return {
			fields: v5.event.attributes.map((a) => toMapperField({ attribute_name: a.name, attribute_data_type: a.data_type })),
		};
	}
	const match = await findEvent(client, eventName);
	if (match.status === 'failed' || match.status === 'unreadable') {
		throw client.toError(match.failure, {
			message: `Could not load the attributes of business event "${eventName}": ${match.failure.message}`,
		});
	}
	if (match.status === 'missing') return { fields: [], emptyFieldsNotice: eventMissingMessage(eventName) };
	const { event } = match;
	if (event.event_attributes.length === 0) {
		return { fields: [], emptyFieldsNotice: `Business event "${eventName}" declares no attributes` };
	}
	return { fields: event.event_attributes.map(toMapperField) };
}
