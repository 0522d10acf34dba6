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

/** The element with the other keys added, if there are any (no copy: the element is ours). */
export function withOtherKeys<T extends object>(element: T, others: Record<string, unknown> | undefined): T {
	if (others === undefined) return element;
	// Not Object.assign: it would set a `__proto__` key as the prototype.
	for (const key of Object.keys(others)) setOwn(element as Record<string, unknown>, key, others[key]);
	return element;
}
