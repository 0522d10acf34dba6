import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsFor, showFor, VERSIONS_1 } from '../../descriptions/options';
import type { DateRules } from '../../helpers/coerceAttributes';
import { VERSION_1_DATE_RULES } from '../../helpers/coerceAttributes';
import { isEmail } from '../../helpers/email';
import {
	eventMissingMessage,
	inputError,
	quotaError,
	triggerRejectionError,
	uncertainTriggerError,
} from '../../helpers/errorMessages';
import type { ExecutionState } from '../../helpers/executionState';
import { checkTriggerSize, chosenEventName, coercedAttributesOrThrow, readAttributeValues } from '../../helpers/triggerInput';
import type { OperationOptions } from '../../helpers/requestPolicies';
import { requestPolicy, triggerPolicy } from '../../helpers/requestPolicies';
import { sendTrigger } from '../../transport/requests';
import type { TriggerRequest } from '../../transport/schemas';
import { attributeTypesOf, triggerRequestSchema, triggerResponseSchema } from '../../transport/schemas';

const showForTrigger = showFor('trigger');

export const description: INodeProperties[] = [
	{
		displayName: 'Business Event',
		name: 'businessEvent',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The business event to trigger',
		displayOptions: showForTrigger,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a business event...',
				typeOptions: { searchListMethod: 'searchBusinessEvents', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. NewMovies',
			},
		],
	},
	{
		displayName: 'Attributes Input',
		name: 'attributesInput',
		type: 'options',
		default: 'mapFields',
		description: 'How to give the values of the event\'s attributes',
		displayOptions: showForTrigger,
		options: [
			{
				name: 'Map Fields',
				value: 'mapFields',
				description: 'One field per attribute of the event, typed as the event declares it',
			},
			{
				name: 'JSON',
				value: 'json',
				description: 'A JSON object of attribute names and values',
			},
		],
	},
	{
		displayName: 'Attributes',
		name: 'eventAttributes',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		description: 'Values of the event\'s attributes; attributes left empty are not sent',
		displayOptions: { show: { ...showForTrigger.show, attributesInput: ['mapFields'] } },
		typeOptions: {
			loadOptionsDependsOn: ['businessEvent.value'],
			resourceMapper: {
				resourceMapperMethod: 'getAttributeSchema',
				mode: 'add',
				fieldWords: { singular: 'attribute', plural: 'attributes' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError: 'This business event declares no attributes',
			},
		},
	},
	{
		displayName: 'Attributes (JSON)',
		name: 'eventAttributesJson',
		type: 'json',
		default: '{}',
		description: 'Attribute names and values, e.g. {"season": "Season 1", "episodes": 12}. Values are converted to the types the event declares.',
		displayOptions: { show: { ...showForTrigger.show, attributesInput: ['json'] } },
	},
	{
		displayName: 'Triggered By',
		name: 'triggeredBy',
		type: 'string',
		default: '',
		placeholder: 'name@example.com',
		description: 'Email address of whoever triggers the event; MoEngage records it. Optional.',
		displayOptions: showFor('trigger', VERSIONS_1),
	},
	optionsFor('trigger'),
];

/** Version 1 reads 01/02/2024 as MM/DD/YYYY unless told otherwise; version 1.1 only when told. */
function dateRules(typeVersion: number, options: OperationOptions): DateRules {
	const versionDefault = typeVersion < 1.1 ? VERSION_1_DATE_RULES.slashOrder : undefined;
	return { slashOrder: options.dateFormat ?? versionDefault, send: options.sendDatesAs ?? 'iso' };
}

export async function execute(this: IExecuteFunctions, i: number, state: ExecutionState): Promise<IDataObject[]> {
	const node = this.getNode();
	const eventName = chosenEventName.call(this, i);
	const triggeredBy = String(this.getNodeParameter('triggeredBy', i, '') ?? '').trim();
	if (triggeredBy && !isEmail(triggeredBy)) {
		throw inputError(
			node,
			i,
			`"Triggered By" must be an email address, not "${triggeredBy}"`,
			'Give an email address such as name@example.com, or leave "Triggered By" empty.',
		);
	}
	const values = readAttributeValues.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as OperationOptions;

	const client = await state.getClient();
	const schema = await state.lookupSchema(eventName, requestPolicy(options));
	if (schema.status === 'missing') {
		throw inputError(node, i, eventMissingMessage(eventName), 'Names are case-sensitive. Nothing was triggered.');
	}
	if (schema.status === 'failed' || schema.status === 'unreadable') {
		throw client.toError(schema.failure, {
			itemIndex: i,
			attempts: schema.attempts,
			message: `Could not load the attributes of business event "${eventName}": ${schema.failure.message}`,
			hint: 'The node reads the event\'s attributes (Search API) to check the values before triggering. Nothing was triggered.',
		});
	}
	const types = attributeTypesOf(schema.event);
	const attributes = coercedAttributesOrThrow(node, i, eventName, values, types, dateRules(this.getNode().typeVersion, options));

	const body: TriggerRequest = triggerRequestSchema.parse({
		event_name: eventName,
		event_attributes: attributes,
		...(triggeredBy ? { triggered_by: triggeredBy } : {}),
	});
	const text = JSON.stringify(body);
	checkTriggerSize(node, i, eventName, text, attributes);

	const refusal = state.quotaRefusal;
	if (refusal && Date.now() < refusal.resetAt) throw quotaError(client, refusal.failure, i, refusal.resetAt, false);

	const outcome = await sendTrigger(client.withPolicy(triggerPolicy(options)), text);
	if (outcome.ok) {
		const answer = triggerResponseSchema.safeParse(outcome.response.body);
		return [{ ...(answer.success ? answer.data : {}), ...body } as IDataObject];
	}

	const { failure, attempts, mayBeRepeated } = outcome;
	if (failure.httpCode === 429) {
		const resetAt = failure.retryAfterMs === undefined ? Infinity : Date.now() + failure.retryAfterMs;
		state.quotaRefusal = { failure, resetAt };
		throw quotaError(client, failure, i, resetAt, true, attempts, mayBeRepeated);
	}
	if (failure.httpCode >= 500 || outcome.network?.maybeDelivered) {
		throw uncertainTriggerError(client, failure, i, eventName, attempts, mayBeRepeated);
	}
	// No connection at all (refused, DNS): MoEngage neither took nor refused the last attempt.
	if (failure.httpCode === 0) throw client.toError(failure, { itemIndex: i, attempts });
	throw triggerRejectionError(client, failure, i, eventName, [...types.keys()], attempts, mayBeRepeated);
}
