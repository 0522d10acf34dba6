import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsForV2, showFor, VERSIONS_2 } from '../../../descriptions/options';
import { isEmail } from '../../../helpers/email';
import {
	eventMissingMessage,
	inputError,
	quotaError,
	uncertainTriggerError,
} from '../../../helpers/errorMessages';
import type { ExecutionState } from '../../../helpers/executionState';
import type { OperationOptions } from '../../../helpers/requestPolicies';
import { requestPolicy, triggerPolicyV5 } from '../../../helpers/requestPolicies';
import { checkTriggerSize, chosenEventName, coercedAttributesOrThrow, readAttributeValues } from '../../../helpers/triggerInput';
import type { TriggerQuotas } from '../../../helpers/triggerQuota';
import { DOCUMENTED_TRIGGER_QUOTAS } from '../../../helpers/triggerQuota';
import { ownQuotaError, triggerFailureError, v5TriggerRejectionError } from '../../../helpers/v5Messages';
import { sendTriggerV5 } from '../../../transport/requestsV5';
import { v5AttributeTypesOf, v5TriggerRequestSchema, v5TriggerResponseSchema } from '../../../transport/schemasV5';
import type { V5TriggerData } from '../../../transport/schemasV5';

/** Sent when Triggered By is left empty: V5 requires an email address here. */
export const DEFAULT_TRIGGERED_BY = 'n8n@example.com';

export const description: INodeProperties[] = [
	{
		displayName: 'Triggered By',
		name: 'triggeredBy',
		type: 'string',
		default: DEFAULT_TRIGGERED_BY,
		placeholder: 'name@example.com',
		description:
			'Email address MoEngage records as who triggered the event; MoEngage requires one. By default n8n@example.com, which marks triggers sent by n8n; put your team\'s address to see it in MoEngage. Left empty, n8n@example.com is sent.',
		displayOptions: showFor('trigger', VERSIONS_2),
	},
	optionsForV2('trigger'),
];

function quotasOf(options: OperationOptions): TriggerQuotas {
	const pick = (value: unknown, fallback: number) => {
		const n = Number(value);
		return value === undefined || value === '' || !Number.isFinite(n) || n < 0 ? fallback : n;
	};
	const d = DOCUMENTED_TRIGGER_QUOTAS;
	return {
		per5Minutes: pick(options.quotaPer5Minutes, d.per5Minutes),
		perHour: pick(options.quotaPerHour, d.perHour),
		perDay: pick(options.quotaPerDay, d.perDay),
		flowsPerHour: pick(options.flowQuotaPerHour, d.flowsPerHour),
		flowsPerDay: pick(options.flowQuotaPerDay, d.flowsPerDay),
	};
}

const QUOTA_REASON = 'skipped by MoEngage\'s trigger quota';

/** The output item: what was sent, MoEngage's answer, and per campaign and flow what happened. */
function outputOf(body: IDataObject, responseId: string | undefined, data: V5TriggerData): IDataObject {
	const entries = (ids: string[], status: 'triggered' | 'skipped') =>
		ids.map((id) => (status === 'triggered' ? { id, status } : { id, status, reason: QUOTA_REASON }));
	return {
		...body,
		...data,
		campaigns: [...entries(data.triggered_campaign_ids, 'triggered'), ...entries(data.failed_campaign_ids, 'skipped')],
		flows: [...entries(data.triggered_flow_ids, 'triggered'), ...entries(data.failed_flow_ids, 'skipped')],
		...(responseId ? { response_id: responseId } : {}),
	};
}

export async function execute(this: IExecuteFunctions, i: number, state: ExecutionState): Promise<IDataObject[]> {
	const node = this.getNode();
	const eventName = chosenEventName.call(this, i);
	const triggeredBy = String(this.getNodeParameter('triggeredBy', i, DEFAULT_TRIGGERED_BY) ?? '').trim() || DEFAULT_TRIGGERED_BY;
	if (!isEmail(triggeredBy)) {
		throw inputError(
			node,
			i,
			`"Triggered By" must be an email address, not "${triggeredBy}"`,
			`MoEngage requires an email address here: give one such as name@example.com, or leave the field empty to send ${DEFAULT_TRIGGERED_BY}.`,
		);
	}
	const values = readAttributeValues.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as OperationOptions;

	const client = await state.getClient();
	const schema = await state.lookupSchemaV5(eventName, requestPolicy(options));
	if (schema.status === 'missing') {
		throw inputError(node, i, eventMissingMessage(eventName), 'Names are case-sensitive. Nothing was triggered.');
	}
	if (schema.status === 'failed') {
		throw client.toError(schema.failure, {
			itemIndex: i,
			attempts: schema.attempts,
			message: `Could not load the attributes of business event "${eventName}": ${schema.failure.message}`,
			hint: 'The node reads the event\'s attributes (V5 list) to check the values before triggering. Nothing was triggered.',
		});
	}
	const types = v5AttributeTypesOf(schema.event);
	// Datetimes are always sent in ISO 8601; slashes only with Options → Date Format.
	const attributes = coercedAttributesOrThrow(node, i, eventName, values, types, { slashOrder: options.dateFormat, send: 'iso' });
	const body = v5TriggerRequestSchema.parse({
		event_name: eventName,
		triggered_by: triggeredBy,
		event_attributes: attributes,
	});
	const text = JSON.stringify(body);
	checkTriggerSize(node, i, eventName, text, attributes);

	const quotas = quotasOf(options);
	const hit = state.ledger.check(eventName, quotas);
	if (hit) throw ownQuotaError(node, i, hit, quotas);
	const refusal = state.quotaRefusal;
	if (refusal && Date.now() < refusal.resetAt) throw quotaError(client, refusal.failure, i, refusal.resetAt, false);

	const outcome = await sendTriggerV5(client.withPolicy(triggerPolicyV5(options)), text);
	if (outcome.ok) {
		const answer = v5TriggerResponseSchema.safeParse(outcome.response.body);
		if (!answer.success) {
			// MoEngage took the request (2xx) but its answer cannot be read: report it as sent, as it is.
			return [{ ...body, triggered_status: 'UNKNOWN', answer: outcome.response.body as IDataObject }];
		}
		const { data, response_id: responseId } = answer.data;
		state.ledger.record(eventName, {
			campaignsTriggered: data.triggered_campaign_ids.length,
			flowsTriggered: data.triggered_flow_ids.length,
			campaigns: data.triggered_campaign_ids.length + data.failed_campaign_ids.length,
			flows: data.triggered_flow_ids.length + data.failed_flow_ids.length,
		});
		if (data.triggered_status === 'FAILURE') throw triggerFailureError(node, i, eventName, data, responseId);
		return [outputOf(body, responseId, data)];
	}

	const { failure, attempts, mayBeRepeated } = outcome;
	if (failure.httpCode === 429) {
		const resetAt = failure.retryAfterMs === undefined ? Infinity : Date.now() + failure.retryAfterMs;
		state.quotaRefusal = { failure, resetAt };
		throw quotaError(client, failure, i, resetAt, true, attempts, mayBeRepeated);
	}
	if (failure.httpCode >= 500 || outcome.network?.maybeDelivered) {
		throw uncertainTriggerError(client, failure, i, eventName, attempts, mayBeRepeated, 'the event\'s trigger_count, operation Get Many or Search');
	}
	if (failure.httpCode === 0) throw client.toError(failure, { itemIndex: i, attempts });
	throw v5TriggerRejectionError(client, failure, i, eventName, [...types.entries()], attempts, mayBeRepeated);
}
