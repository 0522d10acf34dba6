/** Small checks on what a user typed, run before any request. */

/** Deliberately simple: something@something.tld, no spaces. MoEngage checks the rest. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
	return EMAIL_PATTERN.test(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list typed as "a, b" (or given by an expression as an array): trimmed, empty parts dropped. */
export function toList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((v) => String(v ?? '')) : String(value ?? '').split(',');
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}
