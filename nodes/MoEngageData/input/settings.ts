import type { IDataObject } from 'n8n-workflow';

import type { PaceBudget } from '../../shared/transport/pacer';
import { budgetFromRates } from '../../shared/transport/pacer';
import type { RetryPolicy } from '../../shared/transport/retryPolicy';
import { RETRY_POLICIES } from '../../shared/transport/retryPolicy';
import { splitList } from '../../shared/values';
import {
	DEFAULT_DEVICES_PER_MINUTE,
	DEFAULT_EVENTS_PER_MINUTE,
	DEFAULT_USERS_PER_MINUTE,
	EXPORT_USERS_PER_MINUTE,
} from '../limits';
import type { ParameterReader } from './parameters';

/**
 * What the "Options" collection (../descriptions/options.ts) sets. Options tune the whole run
 * (batching and pacing span items), so they are read once, from the first item.
 */
export interface RunSettings {
	batch: boolean;
	/** Attribute names whose values are sent as MoEngage dates. */
	dateAttributes: string[];
	budget: PaceBudget;
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

export function readSettings(params: ParameterReader): RunSettings {
	const options = params.get<IDataObject>('options', 0, {}) ?? {};
	const windowSeconds = numberOption(options, 'rateWindowSeconds', 60, 1);
	return {
		batch: options.batch !== false,
		dateAttributes: splitList(options.dateAttributes),
		budget: budgetFromRates(
			{
				users: numberOption(options, 'usersPerMinute', DEFAULT_USERS_PER_MINUTE, 1),
				events: numberOption(options, 'eventsPerMinute', DEFAULT_EVENTS_PER_MINUTE, 1),
				devices: DEFAULT_DEVICES_PER_MINUTE,
				lookups: EXPORT_USERS_PER_MINUTE,
			},
			windowSeconds,
		),
		retry: {
			maxAttempts: Math.floor(numberOption(options, 'maxAttempts', RETRY_POLICIES.data.maxAttempts, 1)),
			baseDelayMs: numberOption(options, 'retryBaseDelayMs', RETRY_POLICIES.data.baseDelayMs, 0),
			timeoutMs: numberOption(options, 'timeoutMs', RETRY_POLICIES.data.timeoutMs, 1),
			rateLimitWindowMs: windowSeconds * 1000,
		},
		fieldsToReturn: splitList(options.fieldsToReturn),
		projectCode: typeof options.projectCode === 'string' && options.projectCode.trim() ? options.projectCode.trim() : undefined,
	};
}
