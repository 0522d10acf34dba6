import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeFailure } from '../../shared/transport/errors';
import type { MoEngageFailure } from '../../shared/transport/errors';
import type { MoEngageClient, MoEngageRequest, MoEngageResponse, SendOutcome } from '../../shared/transport/client';
import type { PaceBucket, PaceCost, Pacer } from '../../shared/transport/pacer';
import { bucketsOf } from '../../shared/transport/pacer';
import type { RunSettings } from '../settings';
import type { ItemOutcome } from './outcomes';

export type Sent =
	| { requestIndex: number; ok: true; response: MoEngageResponse }
	| { requestIndex: number; ok: false; failure: MoEngageFailure; attempts: number };

/** Below this share of the limit left in a window, a request waits for room instead of being cut small. */
const MIN_CUT_SHARE = 0.05;

function reportsFailure(body: unknown): boolean {
	return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'fail';
}

/** What an accepted request adds to each of its items' output. */
export function answerOf(sent: Extract<Sent, { ok: true }>): IDataObject {
	const body = sent.response.body as { message?: unknown } | undefined;
	const { attempts, mayBeRepeated } = sent.response;
	return {
		requestIndex: sent.requestIndex,
		requestId: sent.response.requestId ?? null,
		...(typeof body?.message === 'string' ? { message: body.message } : {}),
		...(attempts > 1 ? { attempts } : {}),
		// Lets a workflow flag events MoEngage may have recorded twice (see README, "what a retry can repeat").
		...(mayBeRepeated ? { possibleDuplicate: true } : {}),
	};
}

/**
 * One run's sending: every request goes through the workspace's pacer, is numbered (items say
 * which request carried them), and records an outcome per item. Without Continue On Fail the
 * first failed item stops the run with its error.
 */
export class Delivery {
	private requestCount = 0;
	private acceptedCount = 0;
	private readonly continueOnFail: boolean;

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly client: MoEngageClient,
		private readonly pacer: Pacer,
		readonly settings: RunSettings,
		readonly outcomes: ItemOutcome[],
	) {
		this.continueOnFail = ctx.continueOnFail();
	}

	get workspaceId(): string {
		return this.client.workspaceId;
	}

	/**
	 * The count caps for the next bulk request: the budget per window, cut down to the room left
	 * in the current window when that room is worth a request (at least MIN_CUT_SHARE of the
	 * limit), so the window fills up to the limit rather than stopping one partial request short.
	 */
	capsNow(): PaceCost {
		const { budget } = this.settings;
		const caps: PaceCost = {};
		for (const bucket of Object.keys(budget.limits) as PaceBucket[]) {
			const limit = budget.limits[bucket];
			if (limit === undefined) continue;
			const room = this.pacer.room(bucket, budget);
			caps[bucket] = room < limit && room >= Math.max(1, limit * MIN_CUT_SHARE) ? room : limit;
		}
		return caps;
	}

	/** Waits for the rate budget, sends, and tells the pacer what MoEngage's headers said. */
	async send(request: MoEngageRequest, cost: PaceCost, headerBuckets: PaceBucket[]): Promise<Sent> {
		const signal = this.ctx.getExecutionCancelSignal?.();
		const ticket = await this.pacer.acquire(cost, this.settings.budget, signal);
		if (!ticket) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				'The execution was cancelled while waiting for the MoEngage rate limit',
				{
					description: `${this.acceptedCount} item(s) had been accepted by MoEngage before.`,
				},
			);
		}
		const requestIndex = this.requestCount++;
		let outcome: SendOutcome | undefined;
		try {
			outcome = await this.client.send(request, {
				// Other runs on this workspace would only collect 429s of their own until then.
				onRateLimited: (waitMs) => this.pacer.block(bucketsOf(cost), waitMs),
			});
		} finally {
			// MoEngage's headers may say the window is spent: the pacer then waits for its reset.
			ticket.release(outcome?.ok ? outcome.response.rateLimit : undefined, headerBuckets);
		}
		if (!outcome.ok) return { requestIndex, ok: false, failure: outcome.failure, attempts: outcome.attempts };
		const { response } = outcome;
		if (reportsFailure(response.body)) {
			return {
				requestIndex,
				ok: false,
				failure: describeFailure(response.statusCode, response.body),
				attempts: response.attempts,
			};
		}
		return { requestIndex, ok: true, response };
	}

	succeed(itemIndex: number, json: IDataObject): void {
		this.acceptedCount++;
		this.outcomes[itemIndex] = { json, pairedItem: { item: itemIndex } };
	}

	/** Records the item's error; without Continue On Fail, stops the run with it. */
	fail(itemIndex: number, error: NodeApiError | NodeOperationError): void {
		this.outcomes[itemIndex] = { error };
		if (!this.continueOnFail) throw error;
	}

	/** The error of one item of a failed request. */
	requestError(sent: Extract<Sent, { ok: false }>, itemIndex: number, hint: string): NodeApiError {
		const before = this.acceptedCount;
		const error = this.client.toError(sent.failure, {
			itemIndex,
			attempts: sent.attempts,
			hint: `${hint}${before > 0 && !this.continueOnFail ? ` ${before} item(s) sent in earlier requests were accepted.` : ''}`,
		});
		error.context.requestIndex = sent.requestIndex;
		return error;
	}
}
