import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { MoEngageClient } from '../../../shared/transport/client';
import type { MoEngageFailure } from '../../../shared/transport/errors';
import { optionsFor, showFor } from '../../descriptions/options';
import { isEmail } from '../../helpers/email';
import {
	alreadyExistsError,
	createRejectionError,
	inputError,
	isAlreadyExists,
	unconfirmedCreateError,
} from '../../helpers/errorMessages';
import type { ExecutionState } from '../../helpers/executionState';
import type { OperationOptions } from '../../helpers/requestPolicies';
import { requestPolicy } from '../../helpers/requestPolicies';
import { findEvent, sendCreate } from '../../transport/requests';
import type { AttributeDataType, BusinessEvent, CreateRequest } from '../../transport/schemas';
import { ATTRIBUTE_DATA_TYPES, attributeTypesOf, createRequestSchema, createResponseSchema } from '../../transport/schemas';

export const description: INodeProperties[] = [
	{
		displayName: 'Event Name',
		name: 'eventName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PriceDrop',
		description: 'Name of the new business event. A workspace holds at most 50, and MoEngage cannot delete them.',
		displayOptions: showFor('create'),
	},
	{
		displayName: 'Attributes',
		name: 'attributes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Attribute',
		default: {},
		description: 'The attributes every trigger of this event can carry; they cannot be changed later',
		displayOptions: showFor('create'),
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. new_price',
					},
					{
						displayName: 'Data Type',
						name: 'dataType',
						type: 'options',
						default: 'string',
						options: [
							{ name: 'Array', value: 'array' },
							{ name: 'Date', value: 'date' },
							{ name: 'Float', value: 'float' },
							{ name: 'Int', value: 'int' },
							{ name: 'String', value: 'string' },
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Created By',
		name: 'createdBy',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'name@example.com',
		description: 'Email address of the creator, recorded by MoEngage',
		displayOptions: showFor('create'),
	},
	optionsFor('create'),
];

type AttributeRow = { name?: string; dataType?: string };

function readAttributes(this: IExecuteFunctions, i: number): CreateRequest['event_attributes'] {
	const node = this.getNode();
	const rows = (this.getNodeParameter('attributes.attribute', i, []) as AttributeRow[]) ?? [];
	const seen = new Set<string>();
	return rows.map((row, n) => {
		const name = String(row.name ?? '').trim();
		if (!name) throw inputError(node, i, `Attribute ${n + 1} has no name`, 'Give every attribute a name, or remove it.');
		if (seen.has(name)) throw inputError(node, i, `Attribute "${name}" is listed twice`, 'Give each attribute once.');
		seen.add(name);
		const dataType = String(row.dataType ?? 'string');
		if (!(ATTRIBUTE_DATA_TYPES as readonly string[]).includes(dataType)) {
			throw inputError(
				node,
				i,
				`Attribute "${name}" has the unknown data type "${dataType}"`,
				`Use one of: ${ATTRIBUTE_DATA_TYPES.join(', ')}.`,
			);
		}
		return { attribute_name: name, attribute_data_type: dataType as AttributeDataType };
	});
}

function declaresSame(event: BusinessEvent, body: CreateRequest): boolean {
	const types = attributeTypesOf(event);
	return (
		types.size === body.event_attributes.length &&
		body.event_attributes.every((a) => types.get(a.attribute_name) === a.attribute_data_type)
	);
}

/**
 * A retried Create refused as "already exists": the earlier attempt whose answer was lost most
 * likely created the event. Confirmed when Search shows it with the attributes asked for; with
 * other attributes it was there before, and is refused like any existing name.
 */
async function confirmEarlierCreate(
	client: MoEngageClient,
	i: number,
	body: CreateRequest,
	failure: MoEngageFailure,
	attempts: number,
): Promise<IDataObject[]> {
	const name = body.event_name;
	const unconfirmed = (problem: string) => unconfirmedCreateError(client, failure, i, name, attempts, problem);
	const match = await findEvent(client, name);
	if (match.status === 'failed') throw unconfirmed(`Search failed: ${match.failure.message}`);
	if (match.status === 'missing') throw unconfirmed('Search does not find it');
	if (match.status === 'unreadable') throw unconfirmed(match.failure.message);
	if (!declaresSame(match.event, body)) throw alreadyExistsError(client, failure, i, name, attempts);
	return [
		{
			message: 'Business event created by an earlier attempt of this request (MoEngage\'s answer to it was lost)',
			...match.event,
			createdByEarlierAttempt: true,
		} as IDataObject,
	];
}

/** The output of a created event: MoEngage's message and the new `event_id`, then what was created. */
function createdItem(answerBody: unknown, body: CreateRequest): IDataObject {
	const answer = createResponseSchema.safeParse(answerBody);
	if (!answer.success) return { ...body };
	const { message, event_id: eventId, data, ...rest } = answer.data;
	const head: IDataObject = {};
	if (message !== undefined) head.message = message;
	if (eventId !== undefined) head.event_id = eventId;
	return (data ? { ...head, ...data } : { ...head, ...rest, ...body }) as IDataObject;
}

export async function execute(this: IExecuteFunctions, i: number, state: ExecutionState): Promise<IDataObject[]> {
	const node = this.getNode();
	const eventName = String(this.getNodeParameter('eventName', i, '') ?? '').trim();
	if (!eventName) throw inputError(node, i, '"Event Name" is empty', 'Give the new business event a name.');
	const createdBy = String(this.getNodeParameter('createdBy', i, '') ?? '').trim();
	if (!isEmail(createdBy)) {
		throw inputError(
			node,
			i,
			`"Created By" must be an email address, not "${createdBy}"`,
			'Give the email address of the creator, such as name@example.com.',
		);
	}
	const body: CreateRequest = createRequestSchema.parse({
		event_name: eventName,
		event_attributes: readAttributes.call(this, i),
		created_by: createdBy,
	});
	const options = this.getNodeParameter('options', i, {}) as OperationOptions;

	const client = (await state.getClient()).withPolicy(requestPolicy(options));
	const outcome = await sendCreate(client, body);
	if (!outcome.ok) {
		const { failure, attempts, mayBeRepeated } = outcome;
		// An earlier attempt whose answer was lost (timeout, reset, 5xx) may have created the event.
		if (mayBeRepeated && isAlreadyExists(failure)) return await confirmEarlierCreate(client, i, body, failure, attempts);
		throw (
			createRejectionError(client, failure, i, eventName, attempts) ??
			client.toError(failure, { itemIndex: i, attempts })
		);
	}
	return [createdItem(outcome.response.body, body)];
}
