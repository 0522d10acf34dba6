import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RetryPolicy } from '../../shared/transport/retryPolicy';
import { RETRY_POLICIES } from '../../shared/transport/retryPolicy';
import { MoEngageClient } from '../../shared/transport/client';
import { DUPLICATE_WINDOW_MINUTES } from '../transport/endpoints';
import { INFORM_BUDGET, INFORM_COST, informPacerFor } from '../transport/pacing';
import type { PreparedAlert, SendResult } from './alert/send.operation';
import { send } from './alert';

type ItemError = NodeApiError | NodeOperationError;

function asItemError(node: ReturnType<IExecuteFunctions['getNode']>, error: unknown, itemIndex: number): ItemError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** The run's retry settings, from the first item's Options. */
function retryPolicy(ctx: IExecuteFunctions): RetryPolicy {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const num = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
	return {
		...RETRY_POLICIES.informSend,
		maxAttempts: Math.max(1, Math.floor(num(options.maxAttempts, RETRY_POLICIES.informSend.maxAttempts))),
		baseDelayMs: Math.max(0, num(options.retryBaseDelayMs, RETRY_POLICIES.informSend.baseDelayMs)),
		timeoutMs: Math.max(1, num(options.timeoutMs, RETRY_POLICIES.informSend.timeoutMs)),
	};
}

/** The error item n8n shows, or routes to the error output: `{ error, details }`, as the Data node. */
function errorItem(error: ItemError, itemIndex: number): INodeExecutionData {
	return {
		json: { error: error.message, ...(error.description ? { details: error.description } : {}) },
		pairedItem: { item: itemIndex },
	};
}

function failureError(client: MoEngageClient, alert: PreparedAlert, result: Extract<SendResult, { ok: false }>, itemIndex: number) {
	const { failure } = result;
	const tx = alert.body.transaction_id;
	const rerun = `Re-running this item within ${DUPLICATE_WINDOW_MINUTES} minutes cannot send it twice: it carries the same transaction ID (${tx}).`;
	let hint: string | undefined;
	let message: string | undefined;
	if (failure.httpCode === 400) {
		message = `MoEngage refused the alert: ${failure.message}`;
		hint = alert.test
			? "Test is on: give the alert's test alert ID (MoEngage dashboard → Inform → the alert), and check the recipients and attributes."
			: 'Check the alert ID or reference name (with Test off, the live alert ID), the recipients and the attributes.';
	} else if (failure.httpCode === 0 || failure.httpCode >= 500) {
		hint = result.mayBeRepeated ? `MoEngage may have taken the alert before the failure. ${rerun}` : rerun;
	} else if (failure.httpCode === 429) {
		message = `MoEngage's Inform rate limit was reached: ${failure.message}`;
		hint = `Inform allows 10,000 requests a minute by default. ${rerun}`;
	}
	return client.toError(failure, { itemIndex, message, hint, attempts: result.attempts });
}

/**
 * The item loop: every item is read and checked first (a bad item fails alone; without Continue
 * On Fail the first bad item stops the run before any request), then the alerts are sent one by
 * one, paced under Inform's 10,000 requests a minute. Every input item gets exactly one output
 * item, paired with it: on the main output, or on the error output when the node has one.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource !== 'alert' || operation !== 'send') {
		throw new NodeOperationError(node, `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	const client = await MoEngageClient.create(this, retryPolicy(this));
	client.requireKey('inform');
	const continueOnFail = this.continueOnFail();

	const output: INodeExecutionData[] = new Array(items.length);
	const prepared: Array<PreparedAlert | undefined> = new Array(items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared[itemIndex] = send.prepare.call(this, itemIndex, client);
		} catch (error) {
			const failure = asItemError(node, error, itemIndex);
			if (!continueOnFail) throw failure;
			output[itemIndex] = errorItem(failure, itemIndex);
		}
	}

	const signal = this.getExecutionCancelSignal?.();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const alert = prepared[itemIndex];
		if (!alert) continue;
		const host = alert.test ? (client.credentials.informTestBaseUrl ?? '') : client.credentials.baseUrl;
		const ticket = await informPacerFor(host, client.workspaceId).acquire(INFORM_COST, INFORM_BUDGET, signal);
		if (!ticket) {
			throw new NodeOperationError(node, 'The execution was cancelled', {
				itemIndex,
				description: `Items from ${itemIndex} on were not sent.`,
			});
		}
		let result: SendResult;
		try {
			const sent = await send.execute(client, alert);
			result = sent.result;
			ticket.release(sent.outcome.ok ? sent.outcome.response.rateLimit : undefined, ['events']);
		} catch (error) {
			ticket.release();
			const failure = asItemError(node, error, itemIndex);
			if (!continueOnFail) throw failure;
			output[itemIndex] = errorItem(failure, itemIndex);
			continue;
		}
		if (result.ok) {
			output[itemIndex] = { json: result.json, pairedItem: { item: itemIndex } };
			continue;
		}
		const error = failureError(client, alert, result, itemIndex);
		if (!continueOnFail) throw error;
		output[itemIndex] = errorItem(error, itemIndex);
	}
	return [output];
}
