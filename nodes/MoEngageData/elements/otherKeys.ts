import { setOwn } from '../../shared/validation/safeObject';

/**
 * The keys of a raw element this package does not handle itself, passed on as they are; undefined
 * when there are none (the usual case: spreading it adds nothing, and no object is made).
 */
export function otherKeys(raw: Record<string, unknown>, handled: ReadonlySet<string>): Record<string, unknown> | undefined {
	let out: Record<string, unknown> | undefined;
	for (const key of Object.keys(raw)) {
		if (handled.has(key) || raw[key] === undefined) continue;
		out ??= {};
		setOwn(out, key, raw[key]);
	}
	return out;
}
