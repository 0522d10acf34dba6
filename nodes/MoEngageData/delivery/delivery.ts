import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MoEngageClient, MoEngageRequest, MoEngageResponse, SendOutcome } from '../../shared/transport/client';
import type { MoEngageFailure } from '../../shared/transport/errors';
import { describeFailure } from '../../shared/transport/errors';
import type { PaceBucket, PaceCost, Pacer } from '../../shared/transport/pacer';
import { bucketsOf } from '../../shared/transport/pacer';
import type { RateLimitState } from '../../shared/transport/retryPolicy';
import type { RunSettings } from '../input/settings';
import type { ItemOutcomes } from './outcomes';
import type { PaceRoute } from './paceRoutes';
import { paceRouteOf } from './paceRoutes';

/** `waitedMs`: how long the request waited for the rate limit (the pacer, then 429s MoEngage asked to wait out). */
type Accepted = { requestIndex: number; ok: true; response: MoEngageResponse; waitedMs: number };
/**
 * `tooBig`: MoEngage's 429 reported a limit below what the request carried, so it could never
 * pass (its items can go again in smaller requests). `notSent`: MoEngage had asked this endpoint
 * to wait longer than the rate-limit deadline, so the request was not sent at all.
 */
type Refused = { requestIndex: number; ok: false; failure: MoEngageFailure; attempts: number; tooBig?: boolean; notSent?: boolean };
export type Sent = Accepted | Refused;

/** Below this share of the limit left in a window, a request waits for room instead of being cut small. */
const MIN_CUT_SHARE = 0.05;

/** How the hints name the options that set a bucket's rate. */
const RATE_OPTION: Partial<Record<PaceBucket, string>> = {
	users: 'User Updates per Minute',
	events: 'Events per Minute',
	cohortRequests: 'Requests per Minute',
};

const UNIT: Record<PaceBucket, string> = {
	users: 'user updates',
	events: 'events',
	devices: 'device updates',
	lookups: 'users looked up',
	merges: 'merge pairs',
	deletes: 'delete requests',
	cohortRequests: 'cohort requests',
};

const ROUTE_NAME: Record<PaceRoute, string> = {
	bulk: 'Bulk Import',
	customer: 'Track User',
	event: 'Track Event',
	device: 'Track Device',
	export: 'Get User',
	merge: 'Merge Users',
	delete: 'Delete User',
	cohort: 'Cohort sync',
};

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

function reportsFailure(body: unknown): boolean {
	return typeof body === 'object' && body !== null && (body as { status?: unknown }).status === 'fail';
}

/** The buckets of `cost` a 429's reported limit cannot hold even in an empty window. */
function overLimit(cost: PaceCost, buckets: PaceBucket[], rateLimit: RateLimitState | undefined): boolean {
	const limit = rateLimit?.limit;
	if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return false;
	return buckets.some((bucket) => (cost[bucket] ?? 0) > limit);
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
	/** Limits MoEngage reported below the run's budget, to tell the user once. */
	/** Until when MoEngage asked this run to leave an endpoint's bucket alone (a 429 beyond the deadline). */
	private readonly heldUntil = new Map<string, number>();
	private readonly lowLimits = new Map<string, { route: PaceRoute; bucket: PaceBucket; reported: number; budget: number }>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly client: MoEngageClient,
		private readonly pacerOf: (route: PaceRoute) => Pacer,
		readonly settings: RunSettings,
		readonly outcomes: ItemOutcomes,
	) {}

	get workspaceId(): string {
		return this.client.workspaceId;
	}

	/**
	 * The count caps for the next bulk request: the limit per window (the budget, or what
	 * MoEngage's headers report), cut down to the room left in the current window when that room
	 * is worth a request (at least MIN_CUT_SHARE of the limit), so the window fills up to the
	 * limit rather than stopping one partial request short.
	 */
	capsNow(): PaceCost {
		const budget = this.settings.budgets.bulk;
		const pacer = this.pacerOf('bulk');
		const caps: PaceCost = {};
		for (const bucket of Object.keys(budget.limits) as PaceBucket[]) {
			const limit = pacer.limit(bucket, budget);
			if (limit === Infinity) continue;
			const room = pacer.room(bucket, budget);
			caps[bucket] = room < limit && room >= Math.max(1, limit * MIN_CUT_SHARE) ? room : limit;
		}
		return caps;
	}

	/** Waits for the rate budget, sends, and tells the pacer what MoEngage's headers said. */
	async send(request: MoEngageRequest, cost: PaceCost, headerBuckets: PaceBucket[]): Promise<Sent> {
		const route = paceRouteOf(request.path);
		const pacer = this.pacerOf(route);
		const budget = this.settings.budgets[route];
		const held = this.heldTooLong(route, pacer, cost);
		if (held) return held;
		const signal = this.ctx.getExecutionCancelSignal?.();
		const waitStarted = Date.now();
		const ticket = await pacer.acquire(cost, budget, signal);
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
				onRateLimited: (waitMs, rateLimit) => {
					// A request over the limit MoEngage reports can never pass: no wait helps it.
					if (overLimit(cost, headerBuckets, rateLimit)) return false;
					// Other runs on this workspace would only collect 429s of their own until then.
					pacer.block(bucketsOf(cost), waitMs);
					return true;
				},
			});
		} finally {
			// MoEngage's headers say what is left of the workspace's window and when it resets.
			const refused = outcome !== undefined && !outcome.ok && outcome.failure.httpCode === 429;
			ticket.release(outcome?.ok ? outcome.response.rateLimit : undefined, headerBuckets, refused);
		}
		if (!outcome.ok) {
			const { failure, attempts, rateLimit } = outcome;
			const tooBig = failure.httpCode === 429 && overLimit(cost, headerBuckets, rateLimit);
			if (tooBig && rateLimit?.limit !== undefined) pacer.learnLimit(headerBuckets, rateLimit.limit);
			// A wait beyond the deadline: the run's later requests on this endpoint are not sent before then.
			else if (failure.httpCode === 429 && failure.retryAfterMs !== undefined) this.hold(route, bucketsOf(cost), failure.retryAfterMs);
			this.noteLimits(route, pacer, headerBuckets);
			return { requestIndex, ok: false, failure, attempts, ...(tooBig ? { tooBig } : {}) };
		}
		this.noteLimits(route, pacer, headerBuckets);
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

	/**
	 * MoEngage asked this endpoint to wait longer than a request may wait for the rate limit in all:
	 * the request is not sent, and says so.
	 */
	private heldTooLong(route: PaceRoute, pacer: Pacer, cost: PaceCost): Refused | undefined {
		const buckets = bucketsOf(cost);
		const now = Date.now();
		const ownHold = Math.max(0, ...buckets.map((bucket) => (this.heldUntil.get(`${route} ${bucket}`) ?? 0) - now));
		const held = Math.max(ownHold, pacer.blockedFor(buckets));
		const deadline = this.client.policy.rateLimitDeadlineMs;
		if (held <= deadline) return undefined;
		return {
			requestIndex: -1,
			ok: false,
			attempts: 0,
			notSent: true,
			failure: {
				httpCode: 429,
				type: 'Rate Limit Exceeded',
				message: `MoEngage asked to wait ${seconds(held)} more before the next request to this endpoint`,
				details: [],
				retryAfterMs: held,
				rateLimitHint: `That is beyond the rate-limit deadline (${seconds(deadline)}), so the request was not sent. Run the items again after that, raise Options → Rate Limit Deadline, or lower the per-minute rates if other workflows share the workspace.`,
			},
		};
	}

	/**
	 * Holds this run's requests of these buckets for `ms`. Only this run's: another execution may
	 * start long after, and gets MoEngage's own answer.
	 */
	private hold(route: PaceRoute, buckets: PaceBucket[], ms: number): void {
		const until = Date.now() + ms;
		for (const bucket of buckets) {
			const key = `${route} ${bucket}`;
			this.heldUntil.set(key, Math.max(this.heldUntil.get(key) ?? 0, until));
		}
	}

	/** Remembers a limit MoEngage reports below the budget the run started with. */
	private noteLimits(route: PaceRoute, pacer: Pacer, buckets: PaceBucket[]): void {
		const budget = this.settings.budgets[route];
		for (const bucket of buckets) {
			const reported = pacer.reportedLimit(bucket);
			const own = budget.limits[bucket];
			if (reported === undefined || own === undefined || reported >= own) continue;
			this.lowLimits.set(`${route} ${bucket}`, { route, bucket, reported, budget: own });
		}
	}

	/** What to tell the user about limits MoEngage reported below the node's settings. */
	limitHints(): string[] {
		return [...this.lowLimits.values()].map(({ route, bucket, reported, budget }) => {
			const option = RATE_OPTION[bucket];
			const set = this.settings.userRates[bucket] !== undefined;
			const source = set && option ? `your Options → ${option}` : "MoEngage's documented limit";
			const action = set && option ? `lower Options → ${option} to match` : 'ask MoEngage about the limit';
			return `MoEngage reports a limit of ${reported.toLocaleString('en-US')} ${UNIT[bucket]} per rate window for this workspace on ${ROUTE_NAME[route]}, below the ${budget.toLocaleString('en-US')} per window of ${source}: requests were sized and paced to MoEngage's limit. To keep runs predictable, ${action}.`;
		});
	}

	/** Fails one item of a failed request; `hint` says what the request carried. */
	failItem(itemIndex: number, sent: Refused, hint: string): void {
		const before = this.outcomes.accepted;
		const carried = sent.notSent ? 'Not sent.' : hint;
		const error = this.client.toError(sent.failure, {
			itemIndex,
			attempts: sent.attempts,
			hint: `${carried}${before > 0 && !this.outcomes.continueOnFail ? ` ${before} item(s) sent in earlier requests were accepted.` : ''}`,
		});
		if (!sent.notSent) error.context.requestIndex = sent.requestIndex;
		this.outcomes.fail(itemIndex, error);
	}
}
