import type { IDataObject } from 'n8n-workflow';

import type { RetryPolicy } from '../../shared/transport/retryPolicy';
import { RETRY_POLICIES } from '../../shared/transport/retryPolicy';
import { splitList } from '../../shared/values';
import type { PaceRoute, UserRates } from '../delivery/paceRoutes';
import { routeBudgets } from '../delivery/paceRoutes';
import type { PaceBudget } from '../../shared/transport/pacer';
import type { ParameterReader } from './parameters';

/**
 * What the "Options" collection (../descriptions/options.ts) sets. Options tune the whole run
 * (batching and pacing span items), so they are read once, from the first item.
 */
export interface RunSettings {
	batch: boolean;
	/** Attribute names whose values are sent as MoEngage dates. */
	dateAttributes: string[];
	/** Each endpoint's rate budget (../delivery/paceRoutes.ts). */
	budgets: Record<PaceRoute, PaceBudget>;
	/** Per-minute rates the user set, by what they count (the hints name them). */
	userRates: UserRates;
	retry: Partial<RetryPolicy>;
	/** Get User: `user_fields_to_export`. */
	fieldsToReturn: string[];
	/** Portfolio workspaces: the project the users and events belong to. */
	projectCode?: string;
}

function numberOption(options: IDataObject, name: string, fallback: number, min: number): number {
	const value = Number(options[name] ?? fallback);
	return Number.isFinite(value) && value >= min ? value : fallback;
}

/** A per-minute rate the user set; unset or 0 means MoEngage's limit for the endpoint. */
function rateOption(options: IDataObject, name: string): number | undefined {
	const value = Number(options[name]);
	return Number.isFinite(value) && value >= 1 ? value : undefined;
}

export function readSettings(params: ParameterReader): RunSettings {
	const options = params.get<IDataObject>('options', 0, {}) ?? {};
	const windowSeconds = numberOption(options, 'rateWindowSeconds', 60, 1);
	const userRates: UserRates = {};
	const rates: Array<[keyof UserRates, string]> = [
		['users', 'usersPerMinute'],
		['events', 'eventsPerMinute'],
		['cohortRequests', 'cohortRequestsPerMinute'],
	];
	for (const [bucket, name] of rates) {
		const rate = rateOption(options, name);
		if (rate !== undefined) userRates[bucket] = rate;
	}
	return {
		batch: options.batch !== false,
		dateAttributes: splitList(options.dateAttributes),
		budgets: routeBudgets(userRates, windowSeconds),
		userRates,
		retry: {
			maxAttempts: Math.floor(numberOption(options, 'maxAttempts', RETRY_POLICIES.data.maxAttempts, 1)),
			baseDelayMs: numberOption(options, 'retryBaseDelayMs', RETRY_POLICIES.data.baseDelayMs, 0),
			timeoutMs: numberOption(options, 'timeoutMs', RETRY_POLICIES.data.timeoutMs, 1),
			rateLimitWindowMs: windowSeconds * 1000,
			rateLimitDeadlineMs: numberOption(options, 'rateLimitDeadlineSeconds', RETRY_POLICIES.data.rateLimitDeadlineMs / 1000, 0) * 1000,
		},
		fieldsToReturn: splitList(options.fieldsToReturn),
		projectCode: typeof options.projectCode === 'string' && options.projectCode.trim() ? options.projectCode.trim() : undefined,
	};
}
