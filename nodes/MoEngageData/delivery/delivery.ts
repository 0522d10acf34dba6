import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MoEngageClient, MoEngageRequest, MoEngageResponse, SendOutcome } from '../../shared/transport/client';
import type { MoEngageFailure } from '../../shared/transport/errors';
import { describeFailure } from '../../shared/transport/errors';
import type { PaceBucket, PaceCost, Pacer } from '../../shared/transport/pacer';
import { bucketsOf } from '../../shared/transport/pacer';
import type { RunSettings } from '../input/settings';
import type { ItemOutcomes } from './outcomes';

/** `waitedMs`: how long the request waited for the rate limit (the pacer, then 429s MoEngage asked to wait out). */
type Accepted = { requestIndex: number; ok: true; response: MoEngageResponse; waitedMs: number };
type Refused = { requestIndex: number; ok: false; failure: MoEngageFailure; attempts: number };
export type Sent = Accepted | Refused;

/** Below this share of the limit left in a window, a request waits for room instead of being cut small. */
const MIN_CUT_SHARE = 0.05;

function reportsFailure(body: unknown): boolean {
	return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'fail';
}

/** What an accepted request adds to each of its items' output. */
export function answerOf(sent: Accepted): IDataObject {
	const body = sent.response.body as { message?: unknown } | undefined;
	const { attempts, mayBeRepeated } = sent.response;
	return {
		requestIndex: sent.requestIndex,
		requestId: sent.response.requestId ?? null,
		...(typeof body?.message === 'string' ? { message: body.message } : {}),
		...(attempts > 1 ? { attempts } : {}),
		// Whole seconds only: shorter waits are pacing's ordinary rhythm, not news for a workflow.
		...(sent.waitedMs >= 1000 ? { rateLimitWaitSeconds: Math.floor(sent.waitedMs / 1000) } : {}),
		// Lets a workflow flag events MoEngage may have recorded twice (see README, "what a retry can repeat").
		...(mayBeRepeated ? { possibleDuplicate: true } : {}),
	};
}

/**
 * One run's sending, whatever the strategy: every request goes through the workspace's pacer and
 * is numbered (items say which request carried them); each item's outcome goes to `outcomes`.
 */
export class Delivery {
	private requestCount = 0;

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly client: MoEngageClient,
		private readonly pacer: Pacer,
		readonly settings: RunSettings,
		readonly outcomes: ItemOutcomes,
	) {}

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
		const waitStarted = Date.now();
		const ticket = await this.pacer.acquire(cost, this.settings.budget, signal);
		const pacedMs = Date.now() - waitStarted;
		if (!ticket) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				'The execution was cancelled while waiting for the MoEngage rate limit',
				{
					description: `${this.outcomes.accepted} item(s) had been accepted by MoEngage before.`,
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
		return { requestIndex, ok: true, response, waitedMs: pacedMs + response.rateLimitWaitedMs };
	}

	/** Fails one item of a failed request; `hint` says what the request carried. */
	failItem(itemIndex: number, sent: Refused, hint: string): void {
		const before = this.outcomes.accepted;
		const error = this.client.toError(sent.failure, {
			itemIndex,
			attempts: sent.attempts,
			hint: `${hint}${before > 0 && !this.outcomes.continueOnFail ? ` ${before} item(s) sent in earlier requests were accepted.` : ''}`,
		});
		error.context.requestIndex = sent.requestIndex;
		this.outcomes.fail(itemIndex, error);
	}
}
