import type { Pacer, PaceBudget, PaceTicket } from '../../shared/transport/pacer';
import { budgetFromRates, pacerFor } from '../../shared/transport/pacer';

/**
 * MoEngage allows 100 campaign-stats calls a minute per workspace. Calls are paced with the shared
 * sliding-window Pacer, in a pacer of their own per workspace (its `lookups` bucket counts calls
 * here), so that executions in one n8n process share the budget and the Data node's budgets are
 * not touched. Queue-mode workers pace separately; a 429 that comes anyway is waited out by the client.
 */
export class CallPacer {
	private readonly pacer: Pacer;
	private readonly budget: PaceBudget;

	constructor(baseUrl: string, workspaceId: string, requestsPerMinute: number, windowSeconds: number) {
		this.pacer = pacerFor(baseUrl, workspaceId, 'campaignStats');
		this.budget = budgetFromRates({ lookups: requestsPerMinute }, windowSeconds);
	}

	/** Waits for room for one call; undefined when the execution was cancelled meanwhile. */
	async acquire(signal?: AbortSignal): Promise<PaceTicket | undefined> {
		return await this.pacer.acquire({ lookups: 1 }, this.budget, signal);
	}

	/** MoEngage answered 429: nothing goes for `ms`. */
	block(ms: number): void {
		this.pacer.block(['lookups'], ms);
	}
}
