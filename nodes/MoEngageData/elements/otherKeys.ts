import { setOwn } from '../../shared/validation/safeObject';

/** The keys of a raw element this package does not handle itself: passed on as they are. */
export function otherKeys(raw: Record<string, unknown>, handled: string[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(raw)) {
		if (!handled.includes(key) && raw[key] !== undefined) setOwn(out, key, raw[key]);
	}
	return out;
}
