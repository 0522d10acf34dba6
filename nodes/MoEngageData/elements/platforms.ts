import type { Checked } from '../../shared/validation/problem';
import { invalid, shown, valid } from '../../shared/validation/problem';
import { isPlainObject } from '../../shared/values';
import { USER_PLATFORM_OPTIONS } from '../descriptions/platforms';

/** A user's platform entry as MoEngage's Track User reference documents it (strings only). */
export interface PlatformEntry {
	platform: string;
	active: 'true' | 'false';
}

const SPELLING = new Map(USER_PLATFORM_OPTIONS.map(({ value }) => [String(value).toLowerCase(), String(value)]));
const FIX = `Give a list such as [{"platform": "ANDROID", "active": "true"}]: platform one of ${[...SPELLING.values()].join(', ')}, active true or false. MoEngage accepts other shapes with 200 and then drops the user.`;

function activeOf(value: unknown): 'true' | 'false' | undefined {
	if (value === true || value === 'true') return 'true';
	if (value === false || value === 'false') return 'false';
	return undefined;
}

/**
 * The `platforms` attribute of a user, whatever input it came from: a list of {platform, active},
 * with the platform spelled as MoEngage wants it and active as the text MoEngage expects.
 */
export function checkUserPlatforms(value: unknown): Checked<PlatformEntry[]> {
	if (!Array.isArray(value)) return invalid(`is ${shown(value)}, but it must be a list of platforms`, FIX);
	const entries: PlatformEntry[] = [];
	for (const [index, entry] of value.entries()) {
		if (!isPlainObject(entry)) return invalid(`entry ${index} is ${shown(entry)}, not {platform, active}`, FIX);
		const extra = Object.keys(entry).find((key) => key !== 'platform' && key !== 'active');
		if (extra !== undefined) return invalid(`entry ${index} has "${extra}", which MoEngage does not know`, FIX);
		const platform = typeof entry.platform === 'string' ? SPELLING.get(entry.platform.toLowerCase()) : undefined;
		if (platform === undefined) return invalid(`entry ${index} has platform ${shown(entry.platform)}`, FIX);
		const active = activeOf(entry.active);
		if (active === undefined) return invalid(`entry ${index} has active ${shown(entry.active)}`, FIX);
		entries.push({ platform, active });
	}
	return valid(entries);
}
