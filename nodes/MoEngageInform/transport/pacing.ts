import type { PaceBudget, Pacer } from '../../shared/transport/pacer';
import { budgetFromRates, pacerFor } from '../../shared/transport/pacer';
import { REQUESTS_PER_MINUTE } from './endpoints';

/**
 * Inform counts requests: 10,000 a minute per workspace. Its budget is its own (the Data API's
 * quotas are separate), so it gets a pacer of its own per host and workspace, shared by every
 * execution in this n8n process. The pacer's `events` bucket counts Inform requests here.
 */
export const INFORM_BUDGET: PaceBudget = budgetFromRates({ events: REQUESTS_PER_MINUTE }, 60);

export const INFORM_COST = { events: 1 } as const;

export function informPacerFor(hostUrl: string, workspaceId: string): Pacer {
	return pacerFor(hostUrl, workspaceId, 'inform');
}
