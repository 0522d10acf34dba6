/** Small checks on values from n8n items, used by several nodes. */

/** An object literal, not an array or null (dates and class instances pass: check those separately). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text split at commas, a list, or one number (e.g. an ID mapped from a numeric field), as trimmed texts. */
export function splitList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v ?? '').trim()).filter((v) => v !== '');
	if (typeof value === 'number' && Number.isFinite(value)) return [String(value)];
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '');
}
