import type { Checked } from '../../shared/validation/problem';
import { invalid, shown, valid } from '../../shared/validation/problem';
import { DOCUMENTED_RESERVED_IDENTIFIERS } from '../limits';
import { checkName } from './names';

/** Names that stand for the user's ID, which is the Customer ID field, not an identifier attribute. */
const ID_NAMES: ReadonlySet<string> = new Set(['id', '_id', 'customer_id', 'uid']);

/**
 * An Identity Resolution identifier name: an attribute name, where the documented `moe_`
 * identifiers (moe_mobile) are allowed.
 */
export function checkIdentifierName(value: unknown): Checked<string> {
	const name = typeof value === 'string' ? value.trim() : value;
	if (typeof name === 'string' && DOCUMENTED_RESERVED_IDENTIFIERS.includes(name)) return valid(name);
	if (typeof name === 'string' && ID_NAMES.has(name.toLowerCase())) {
		return invalid(
			`is ${shown(name)}, which is the user's ID rather than an identifier attribute`,
			'Give the ID in the Customer ID field, and name here the other identifiers the workspace has activated (e.g. moe_mobile, email).',
		);
	}
	const checked = checkName(name, 'attribute');
	if (!checked.ok) return checked;
	return valid(checked.value);
}

/**
 * An identifier's value as MoEngage matches it: exact text. Surrounding spaces are trimmed, as
 * for customer IDs; numbers are sent as text. `undefined` for a blank value (MoEngage never
 * matches null or blank values, so it is left out).
 */
export function checkIdentifierValue(value: unknown): Checked<string | undefined> {
	if (value === undefined || value === null) return valid(undefined);
	if (typeof value === 'number' && Number.isFinite(value)) return valid(String(value));
	if (typeof value !== 'string') {
		return invalid(
			`is ${shown(value)}, but an identifier must be text`,
			'Map a text (or number) field; MoEngage matches identifiers as exact text.',
		);
	}
	const trimmed = value.trim();
	return valid(trimmed === '' ? undefined : trimmed);
}
