import type { INode, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MoEngageClient } from '../../shared/transport/client';
import type { MoEngageFailure } from '../../shared/transport/errors';
import type { V5TriggerData } from '../transport/schemasV5';
import { eventMissingMessage, formatWait, triggerRefusal } from './errorMessages';
import type { QuotaHit, TriggerQuotas } from './triggerQuota';
import { quotaWords } from './triggerQuota';

/** Version 2's messages about a trigger: quotas, nothing triggered, MoEngage's V5 400 answers. */

/** The node's own quota check refused an item before sending. */
export function ownQuotaError(node: INode, itemIndex: number, hit: QuotaHit, quotas: TriggerQuotas): NodeOperationError {
	const kind = hit.kind === 'campaign' ? 'campaigns' : 'flows';
	const at = formatWait(Math.max(0, hit.nextAt - Date.now()));
	return new NodeOperationError(
		node,
		`Business event quota: this execution already made ${hit.used} triggers that started ${kind} within the last ${hit.window} (quota: ${hit.limit} per ${hit.window}); the next trigger is possible at ${at} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `Nothing was sent for this item. MoEngage allows per workspace ${quotaWords(hit.kind, quotas)} for ${kind}; the node counts the triggers of this execution (other workflows using the same workspace count too). If MoEngage raised your quota, set it in Options.`,
		},
	);
}

/** MoEngage answered FAILURE: nothing was triggered, by quota or because nothing uses the event. */
export function triggerFailureError(
	node: INode,
	itemIndex: number,
	eventName: string,
	data: V5TriggerData,
	responseId?: string,
): NodeOperationError {
	const skippedCampaigns = data.failed_campaign_ids.length;
	const skippedFlows = data.failed_flow_ids.length;
	const reference = responseId ? `\nMoEngage response ID: ${responseId}` : '';
	if (skippedCampaigns + skippedFlows === 0) {
		return new NodeOperationError(
			node,
			`Business event "${eventName}" triggered nothing: no active campaign or flow uses it (MoEngage answered FAILURE) [item ${itemIndex}]`,
			{
				itemIndex,
				description: `In MoEngage, publish a campaign or flow triggered by this business event, then run again.${reference}`,
			},
		);
	}
	const list = (label: string, ids: string[]) => (ids.length ? `${label}: ${ids.join(', ')}` : '');
	return new NodeOperationError(
		node,
		`Business event "${eventName}" triggered nothing: MoEngage's trigger quota skipped ${skippedCampaigns} campaign(s) and ${skippedFlows} flow(s) (MoEngage answered FAILURE) [item ${itemIndex}]`,
		{
			itemIndex,
			description: [
				'MoEngage allows per workspace 10 campaign triggers per 5 minutes, 50 per hour and 200 per day, and 3 flow triggers per hour and 10 per day, unless it agreed other figures with you. Run this item again later.',
				list('Skipped campaigns', data.failed_campaign_ids),
				list('Skipped flows', data.failed_flow_ids),
			]
				.filter(Boolean)
				.join('\n') + reference,
		},
	);
}

function detailFor(failure: MoEngageFailure, pattern: RegExp) {
	return failure.details.find((d) => pattern.test(d.code ?? '') || pattern.test(d.message) || pattern.test(d.target ?? ''));
}

/** MoEngage's refusal of a V5 trigger (4xx), its documented 400 answers in the user's words. */
export function v5TriggerRejectionError(
	client: MoEngageClient,
	failure: MoEngageFailure,
	itemIndex: number,
	eventName: string,
	declared: Array<[string, string]>,
	attempts: number,
	retried: boolean,
): NodeApiError {
	const say = triggerRefusal(client, failure, itemIndex, attempts, retried);
	if (failure.httpCode !== 400) return say();
	if (failure.details.some((d) => d.target === 'triggered_by')) {
		return say(
			'"Triggered By" must be an email address, e.g. name@example.com: MoEngage refused the one given',
			'Give the email address of the person or system that triggers the event.',
		);
	}
	const typeProblem = failure.details.find((d) => d.code === 'INVALID_TYPE');
	if (typeProblem) {
		const attribute = (typeProblem.target ?? '?').replace(/^event_attributes\./, '');
		const declaredType = declared.find(([name]) => name === attribute)?.[1];
		return say(
			`Attribute "${attribute}" of business event "${eventName}" has a value of the wrong type: ${typeProblem.message}`,
			`Give a value of the type the event declares${declaredType ? ` (${declaredType})` : ''}.`,
		);
	}
	if (/wrong business event attribute/i.test(failure.message) || detailFor(failure, /wrong business event attribute/i)) {
		const attribute = detailFor(failure, /wrong business event attribute/i)?.target ?? '?';
		const known = declared.length ? ` (${declared.map(([name]) => name).join(', ')})` : '';
		return say(
			`Attribute "${attribute}" is not an attribute of business event "${eventName}": use the event's attributes${known}`,
			'Remove this attribute, or refresh the attribute fields of the node so that they match the event.',
		);
	}
	if (/does not exist/i.test(failure.message)) return say(eventMissingMessage(eventName));
	return say();
}
