import type { INode, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BUSINESS_EVENT_TRIGGERS_PER_DAY, BUSINESS_EVENT_TRIGGERS_PER_HOUR, MAX_BUSINESS_EVENTS_PER_WORKSPACE } from '../../shared/limits';
import type { MoEngageClient } from '../../shared/transport/client';
import type { MoEngageFailure } from '../../shared/transport/errors';

/** Bad input found before any request: names the item, the field and the fix. */
export function inputError(node: INode, itemIndex: number, message: string, fix: string): NodeOperationError {
	return new NodeOperationError(node, `${message} [item ${itemIndex}]`, { itemIndex, description: fix });
}

function mentions(failure: MoEngageFailure, pattern: RegExp, target?: string): boolean {
	if (target !== undefined) {
		return failure.details.some((d) => d.target === target && pattern.test(d.message));
	}
	return pattern.test(failure.message) || failure.details.some((d) => pattern.test(d.message));
}

function targetOf(failure: MoEngageFailure, pattern: RegExp): string | undefined {
	return failure.details.find((d) => pattern.test(d.message))?.target;
}

export function eventMissingMessage(eventName: string): string {
	return `Business event "${eventName}" does not exist in this workspace: create it (operation Create) or check the name`;
}

export function formatWait(ms: number, now = Date.now()): string {
	const at = new Date(now + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const minutes = Math.ceil(ms / 60_000);
	const inWords = ms < 90_000 ? `${Math.max(1, Math.ceil(ms / 1000))} s` : minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
	return `${at} (in ${inWords})`;
}

/** A refusal speaks only for the attempt it answered; an earlier one whose answer was lost may have fired. */
export function refusedAfterRetryHint(attempts: number): string {
	return `MoEngage refused attempt ${attempts}, but an earlier attempt got no answer (timeout, reset or server error): the trigger may or may not have fired a campaign. Check the campaign analytics (or the event's total_trigger, operation Search) before running this item again.`;
}

function quotaHint(sent: boolean, attempts: number, mayBeRepeated: boolean): string {
	if (!sent) {
		return 'This item was not sent: MoEngage already refused a trigger of this run with HTTP 429, and the quota has not reset yet.';
	}
	if (mayBeRepeated) return refusedAfterRetryHint(attempts);
	return 'MoEngage refused this trigger (HTTP 429): nothing was triggered for this item. The node does not wait and retry, so that no campaign fires late.';
}

/** MoEngage's documented trigger quota per workspace (campaign triggers); MoEngage can raise it. */
const DOCUMENTED_QUOTA = `10 triggers per 5 minutes, ${BUSINESS_EVENT_TRIGGERS_PER_HOUR} per hour, ${BUSINESS_EVENT_TRIGGERS_PER_DAY} per day`;

/** A limit written out, e.g. "500 per hour" or "10 requests every 5 minutes". */
const STATED_LIMIT = /\d\s*(?:[a-z]+\s+)?(?:per|every|\/)\s*(?:\d+\s*)?(?:seconds?|minutes?|mins?|hours?|days?)\b/i;

/** MoEngage's own words on the quota it applied, when its answer states a limit. */
function statedQuota(failure: MoEngageFailure): string | undefined {
	return [failure.message, ...failure.details.map((d) => d.message)].find((text) => STATED_LIMIT.test(text));
}

/** The 429 on Trigger: never waited out in a loop, the item fails with when to try again. */
export function quotaError(
	client: MoEngageClient,
	failure: MoEngageFailure,
	itemIndex: number,
	resetAt: number,
	sent: boolean,
	attempts = 1,
	mayBeRepeated = false,
): NodeApiError {
	const when = Number.isFinite(resetAt) ? formatWait(Math.max(0, resetAt - Date.now())) : 'the quota window resets';
	const stated = statedQuota(failure);
	const quota = stated === undefined ? DOCUMENTED_QUOTA : `MoEngage: ${stated}`;
	return client.toError(failure, {
		itemIndex,
		attempts,
		message: `MoEngage business event quota reached (${quota}): try again after ${when}`,
		hint: quotaHint(sent, attempts, mayBeRepeated),
	});
}

/** Timeout, connection reset or 5xx after sending: the campaign may or may not have fired. */
export function uncertainTriggerError(
	client: MoEngageClient,
	failure: MoEngageFailure,
	itemIndex: number,
	eventName: string,
	attempts: number,
	retried: boolean,
	counter = 'the event\'s total_trigger, operation Search',
): NodeApiError {
	const reason = failure.httpCode ? `HTTP ${failure.httpCode}: ${failure.message}` : failure.message;
	return client.toError(failure, {
		itemIndex,
		attempts,
		message: `MoEngage did not confirm the trigger of business event "${eventName}" (${reason})`,
		hint: retried
			? `The trigger may or may not have fired a campaign. Check the campaign analytics (or ${counter}) before running this item again.`
			: `The trigger may or may not have fired a campaign. The node did not retry, so that no campaign is sent twice: check the campaign analytics (or ${counter}) before running this item again, or turn on Options → Retry on Timeout or Server Error.`,
	});
}

/**
 * The error for MoEngage's refusal of a trigger, in the given words (else MoEngage's), saying
 * first when the refusal came only after a retry.
 */
export function triggerRefusal(
	client: MoEngageClient,
	failure: MoEngageFailure,
	itemIndex: number,
	attempts: number,
	retried: boolean,
): (message?: string, hint?: string) => NodeApiError {
	return (message, hint) =>
		client.toError(failure, {
			itemIndex,
			attempts,
			message,
			hint: retried ? [refusedAfterRetryHint(attempts), hint].filter(Boolean).join('\n') : hint,
		});
}

/** MoEngage's refusal of a trigger (4xx), its documented 400 answers in the user's words. */
export function triggerRejectionError(
	client: MoEngageClient,
	failure: MoEngageFailure,
	itemIndex: number,
	eventName: string,
	knownAttributes: string[],
	attempts: number,
	retried: boolean,
): NodeApiError {
	const say = triggerRefusal(client, failure, itemIndex, attempts, retried);
	if (failure.httpCode !== 400) return say();
	// Checked first: MoEngage answers a bad triggered_by with the top-level message "Business event does not exists".
	if (failure.details.some((d) => d.target === 'triggered_by') || mentions(failure, /invalid email/i)) {
		return say(
			'"Triggered By" must be an email address, e.g. name@example.com: MoEngage refused the one given',
			'Leave "Triggered By" empty, or give the email address of the person or system that triggers the event.',
		);
	}
	if (mentions(failure, /attribute type/i)) {
		const attribute = failure.details[0]?.target ?? '?';
		return say(
			`Attribute "${attribute}" of business event "${eventName}" has a value of the wrong type`,
			'Give a value of the type the event declares for this attribute (see the attribute fields, or operation Search).',
		);
	}
	if (mentions(failure, /wrong business event attribute/i)) {
		const attribute = targetOf(failure, /wrong business event attribute/i) ?? '?';
		const known = knownAttributes.length ? ` (${knownAttributes.join(', ')})` : '';
		return say(
			`Attribute "${attribute}" is not an attribute of business event "${eventName}": use the event's attributes${known}`,
			'Remove this attribute, or refresh the attribute fields of the node so that they match the event.',
		);
	}
	if (mentions(failure, /no active campaign/i)) {
		return say(
			`No active campaign uses business event "${eventName}": ${retried ? '' : 'MoEngage accepted nothing; '}publish a campaign triggered by this event [item ${itemIndex}]`,
			'In MoEngage, create or publish a Business Event triggered campaign that uses this event, then run again.',
		);
	}
	if (mentions(failure, /does not exist/i, 'event_name') || mentions(failure, /business event does not exist/i)) {
		return say(eventMissingMessage(eventName));
	}
	return say();
}

export function isAlreadyExists(failure: MoEngageFailure): boolean {
	return failure.httpCode === 400 && mentions(failure, /already exist/i);
}

export function alreadyExistsError(
	client: MoEngageClient,
	failure: MoEngageFailure,
	itemIndex: number,
	eventName: string,
	attempts: number,
): NodeApiError {
	return client.toError(failure, {
		itemIndex,
		attempts,
		message: `Business event "${eventName}" already exists in this workspace: trigger it (operation Trigger) or choose another name`,
	});
}

/** A retried Create refused as "already exists", and Search could not show it is the event asked for. */
export function unconfirmedCreateError(
	client: MoEngageClient,
	failure: MoEngageFailure,
	itemIndex: number,
	eventName: string,
	attempts: number,
	lookupProblem: string,
): NodeApiError {
	return client.toError(failure, {
		itemIndex,
		attempts,
		message: `Business event "${eventName}" may have been created by an earlier attempt of this request, whose answer was lost: MoEngage now says it already exists`,
		hint: `The node could not confirm it (${lookupProblem}). Check with operation Search before running this item again.`,
	});
}

/** MoEngage's 400 answers to Create, in the user's words. Undefined when none fits. */
export function createRejectionError(
	client: MoEngageClient,
	failure: MoEngageFailure,
	itemIndex: number,
	eventName: string,
	attempts: number,
): NodeApiError | undefined {
	if (failure.httpCode !== 400) return undefined;
	const say = (message: string, hint?: string) => client.toError(failure, { itemIndex, message, hint, attempts });
	if (isAlreadyExists(failure)) return alreadyExistsError(client, failure, itemIndex, eventName, attempts);
	if (mentions(failure, /limit|maximum|at most/i)) {
		return say(
			`This workspace already has MoEngage's maximum of ${MAX_BUSINESS_EVENTS_PER_WORKSPACE} business events: "${eventName}" was not created`,
			'MoEngage offers no API to delete a business event: reuse an existing one (operation Search lists them) or ask MoEngage support.',
		);
	}
	if (failure.details.some((d) => d.target === 'created_by') || mentions(failure, /invalid email/i)) {
		return say('"Created By" must be an email address, e.g. name@example.com: MoEngage refused the one given');
	}
	return undefined;
}
