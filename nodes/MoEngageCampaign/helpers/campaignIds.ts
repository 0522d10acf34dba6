import type { Checked } from '../../shared/validation/problem';
import { invalid, valid } from '../../shared/validation/problem';
import { splitList } from '../../shared/values';
import { MAX_CAMPAIGN_IDS, MAX_CAMPAIGNS_PER_CALL } from './limits';

/**
 * The Campaign IDs parameter (comma-separated text, or a list from an expression), trimmed and
 * without repeats, in the order given. An empty list means all campaigns in the range.
 */
export function campaignIdsOf(value: unknown): Checked<string[]> {
	if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number' && !Array.isArray(value)) {
		return invalid('is not text or a list', 'Give campaign IDs separated by commas, or a list of IDs from an expression.');
	}
	const ids = [...new Set(splitList(value))];
	if (ids.length > MAX_CAMPAIGN_IDS) {
		return invalid(
			`holds ${ids.length} campaigns; this node asks for at most ${MAX_CAMPAIGN_IDS} per item`,
			`Spread the campaigns over several items (up to ${MAX_CAMPAIGN_IDS} each), or leave the field empty to get all campaigns.`,
		);
	}
	return valid(ids);
}

/** Groups of at most MAX_CAMPAIGNS_PER_CALL IDs (one call each); `[undefined]` = all campaigns. */
export function campaignGroups(ids: string[]): Array<string[] | undefined> {
	if (ids.length === 0) return [undefined];
	const groups: string[][] = [];
	for (let i = 0; i < ids.length; i += MAX_CAMPAIGNS_PER_CALL) groups.push(ids.slice(i, i + MAX_CAMPAIGNS_PER_CALL));
	return groups;
}
