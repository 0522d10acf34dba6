import type { PaceBucket, PaceBudget, PaceCost } from '../../shared/transport/pacer';
import { budgetFromRates } from '../../shared/transport/pacer';
import { ENDPOINT_LIMITS_PER_MINUTE } from '../limits';

/** The Data API endpoints MoEngage limits separately; each has a pacer and a budget of its own. */
export type PaceRoute = keyof typeof ENDPOINT_LIMITS_PER_MINUTE;

export const PACE_ROUTES = Object.keys(ENDPOINT_LIMITS_PER_MINUTE) as PaceRoute[];

const FIXED: Array<[string, PaceRoute]> = [
	['/v1/customer/merge', 'merge'],
	['/v1/customer/delete', 'delete'],
	['/v1/customers/export', 'export'],
	['/v1/integrations/cohortsync', 'cohort'],
	['/v1/transition/', 'bulk'],
	['/v1/customer/', 'customer'],
	['/v1/event/', 'event'],
	['/v1/device/', 'device'],
];

/** The endpoint a request path belongs to (the element endpoints carry the workspace ID after it). */
export function paceRouteOf(path: string): PaceRoute {
	for (const [prefix, route] of FIXED) if (path === prefix || path.startsWith(prefix)) return route;
	throw new Error(`No rate limit is known for ${path}`);
}

/** Rates the user set in Options, per minute; a bucket left out takes MoEngage's limit. */
export type UserRates = Partial<Record<PaceBucket, number>>;

/**
 * Each endpoint's budget: MoEngage's per-minute limit for the endpoint, or the rate the user set
 * for that kind of unit, over windows of `windowSeconds`. Buckets left at MoEngage's limit are
 * steered by MoEngage's rate-limit headers once they come (the workspace's actual limit).
 */
export function routeBudgets(userRates: UserRates, windowSeconds: number): Record<PaceRoute, PaceBudget> {
	const budgets = {} as Record<PaceRoute, PaceBudget>;
	for (const route of PACE_ROUTES) {
		const rates: PaceCost = { ...ENDPOINT_LIMITS_PER_MINUTE[route] };
		const steered: PaceBucket[] = [];
		for (const bucket of Object.keys(rates) as PaceBucket[]) {
			const set = userRates[bucket];
			if (set === undefined) steered.push(bucket);
			else rates[bucket] = set;
		}
		budgets[route] = { ...budgetFromRates(rates, windowSeconds), steered };
	}
	return budgets;
}
