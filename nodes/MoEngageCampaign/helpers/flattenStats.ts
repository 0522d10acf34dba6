import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../../shared/values';

/**
 * How many items a campaign gives:
 * - `all`: one per platform, locale and variation row MoEngage returns, its own totals
 *   (`all_locales`, `all_variations`) included as rows of their own;
 * - `platform`: one per platform, MoEngage's `all_locales` / `all_variations` row (when MoEngage
 *   has no such total for a platform, its rows are returned as they are, never added up).
 */
export type SplitBy = 'all' | 'platform';

export const ALL_LOCALES = 'all_locales';
export const ALL_VARIATIONS = 'all_variations';

/** The four blocks of a stats row, as MoEngage sends them. */
const ROW_FIELDS = ['performance_stats', 'conversion_goal_stats', 'delivery_funnel', 'failure_breakdown'] as const;

export interface StatsRow {
	platform: string;
	locale: string;
	variation: string;
	stats: IDataObject;
}

function entries(value: unknown): Array<[string, unknown]> {
	return isPlainObject(value) ? Object.entries(value) : [];
}

/** The totals key when MoEngage gives one, else every key. */
function pick(keys: string[], total: string, splitBy: SplitBy): string[] {
	return splitBy === 'platform' && keys.includes(total) ? [total] : keys;
}

/**
 * The rows of one campaign: `data.<id>` is a list of `{platforms: {P: {locales: {L: {variations:
 * {V: {performance_stats, conversion_goal_stats, delivery_funnel, failure_breakdown}}}}}}}`.
 */
export function statsRows(campaignData: unknown, splitBy: SplitBy): StatsRow[] {
	const rows: StatsRow[] = [];
	const blocks = Array.isArray(campaignData) ? campaignData : [campaignData];
	for (const block of blocks) {
		if (!isPlainObject(block)) continue;
		for (const [platform, platformData] of entries(block.platforms)) {
			const locales = isPlainObject(platformData) ? platformData.locales : undefined;
			const localeKeys = pick(Object.keys(isPlainObject(locales) ? locales : {}), ALL_LOCALES, splitBy);
			for (const locale of localeKeys) {
				const localeData = (locales as Record<string, unknown>)[locale];
				const variations = isPlainObject(localeData) ? localeData.variations : undefined;
				const variationKeys = pick(Object.keys(isPlainObject(variations) ? variations : {}), ALL_VARIATIONS, splitBy);
				for (const variation of variationKeys) {
					const row = (variations as Record<string, unknown>)[variation];
					if (!isPlainObject(row)) continue;
					const stats: IDataObject = {};
					for (const field of ROW_FIELDS) stats[field] = (row[field] ?? {}) as IDataObject;
					rows.push({ platform, locale, variation, stats });
				}
			}
		}
	}
	return rows;
}
