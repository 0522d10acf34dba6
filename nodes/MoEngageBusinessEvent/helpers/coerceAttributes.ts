import type { SlashDateOrder } from '../../shared/validation/dates';
import { formatInstant, instantOf, isSlashDate, slashDate } from '../../shared/validation/dates';

/**
 * Turns the values a user mapped (or gave as JSON) into the types a business event declares, or
 * says why a value cannot be one. Rules per declared type:
 * - int: integer numbers; strings of digits ("12", "-3"). "12.5", booleans and the rest are refused.
 * - float: finite numbers; numeric strings ("12.5", "1e3").
 * - string: strings as they are; numbers and booleans become their text. Objects, arrays and null are refused.
 * - array: arrays as they are; a string starting with "[" must be a JSON array; any other string is
 *   split on commas, each part trimmed ("a, b" → ["a", "b"]). Other values are refused.
 * - date: read as the Data node reads dates (shared/validation/dates.ts): a Date, a Luxon DateTime,
 *   epoch seconds or milliseconds (as a number or a string of digits; never negative here), the
 *   basic 20240531, an ISO 8601 date or date-time (no zone means UTC); and dates with slashes in
 *   the order DateRules give (version 1: MM/DD/YYYY, as in MoEngage's own example; version 1.1:
 *   only with Options → Date Format, else refused as ambiguous). Sent as `YYYY-MM-DDTHH:mm:ssZ`
 *   in UTC, or as the UTC date in MM/DD/YYYY (Options → Send Dates As).
 * V5 types (version 2): number as float; datetime as date, always sent in ISO 8601; boolean:
 * true/false, or the text "true"/"false" (any case). Others are refused.
 * A type this list does not know (one MoEngage may add later) passes the value through unchanged.
 */

/** How date attributes are read and sent. */
export interface DateRules {
	/** How to read 01/02/2024; undefined: dates with slashes are refused as ambiguous. */
	slashOrder?: SlashDateOrder;
	send: 'iso' | 'MM/DD/YYYY';
}

export const VERSION_1_DATE_RULES: DateRules = { slashOrder: 'MM/DD/YYYY', send: 'iso' };

/** Attribute name → declared data type, as the event's schema (Search API) gives it. */
export type AttributeTypes = ReadonlyMap<string, string>;

export type Coerced = { ok: true; value: unknown } | { ok: false; reason: string; fix: string };

export interface AttributeProblem {
	attribute: string;
	dataType?: string;
	reason: string;
	fix: string;
}

export type CoercedAttributes =
	| { ok: true; attributes: Record<string, unknown> }
	| { ok: false; problem: AttributeProblem };

function show(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (value === undefined) return 'nothing';
	try {
		const text = JSON.stringify(value);
		return text.length > 60 ? `${text.slice(0, 57)}...` : text;
	} catch {
		return String(value);
	}
}

function isPlainNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

function toInt(value: unknown): Coerced {
	const fix = 'Give a whole number, e.g. 12 or "12"';
	if (isPlainNumber(value)) {
		if (!Number.isInteger(value)) return { ok: false, reason: `${show(value)} is not a whole number`, fix };
		if (!Number.isSafeInteger(value)) return { ok: false, reason: `${show(value)} is too large`, fix };
		return { ok: true, value };
	}
	if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) {
		const parsed = Number(value.trim());
		if (Number.isSafeInteger(parsed)) return { ok: true, value: parsed };
		return { ok: false, reason: `${show(value)} is too large`, fix };
	}
	return { ok: false, reason: `${show(value)} is not a whole number`, fix };
}

function toFloat(value: unknown): Coerced {
	if (isPlainNumber(value)) return { ok: true, value };
	if (typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())) {
		const parsed = Number(value.trim());
		if (Number.isFinite(parsed)) return { ok: true, value: parsed };
	}
	return { ok: false, reason: `${show(value)} is not a number`, fix: 'Give a number, e.g. 12.5 or "12.5"' };
}

function toText(value: unknown): Coerced {
	if (typeof value === 'string') return { ok: true, value };
	if (isPlainNumber(value) || typeof value === 'boolean') return { ok: true, value: String(value) };
	return {
		ok: false,
		reason: `${show(value)} is not text`,
		fix: 'Give text, a number or a boolean; to send a list, declare the attribute as array',
	};
}

function toArray(value: unknown): Coerced {
	const fix = 'Give a list, a JSON array such as ["a","b"], or comma-separated text such as "a, b"';
	if (Array.isArray(value)) return { ok: true, value };
	if (typeof value !== 'string') return { ok: false, reason: `${show(value)} is not a list`, fix };
	const text = value.trim();
	if (text.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (Array.isArray(parsed)) return { ok: true, value: parsed };
		} catch {
			// Reported below with the fix: the text looked like JSON but is not a JSON array.
		}
		return { ok: false, reason: `${show(value)} starts like a JSON array but is not one`, fix };
	}
	if (text === '') return { ok: true, value: [] };
	return { ok: true, value: text.split(',').map((part) => part.trim()) };
}

function toBoolean(value: unknown): Coerced {
	if (typeof value === 'boolean') return { ok: true, value };
	if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
		return { ok: true, value: value.trim().toLowerCase() === 'true' };
	}
	return { ok: false, reason: `${show(value)} is not a boolean`, fix: 'Give true or false' };
}

/** The instant a date attribute value stands for; undefined when it is none. */
function instantOfDate(value: unknown, slashOrder: SlashDateOrder): number | undefined {
	if (typeof value === 'number') return value >= 0 ? instantOf(value) : undefined;
	if (typeof value === 'string') {
		const text = value.trim();
		// The shared reader takes years 0000-0099 as 1900-1999; MoEngage has no dates before 1000 anyway.
		if (text.startsWith('-') || /^0\d{3}-/.test(text)) return undefined;
		if (!isSlashDate(text)) return instantOf(text);
		const date = slashDate(text, slashOrder);
		return date === undefined ? undefined : instantOf(date);
	}
	return typeof value === 'object' && value !== null ? instantOf(value) : undefined;
}

/** `MM/DD/YYYY` of the UTC date of `YYYY-MM-DDTHH:mm:ssZ`. */
function usDate(iso: string): string {
	return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
}

function toDate(value: unknown, rules: DateRules): Coerced {
	if (rules.slashOrder === undefined && typeof value === 'string' && isSlashDate(value)) {
		return {
			ok: false,
			reason: `${show(value)} is written with slashes, which can be read month first or day first`,
			fix: 'Set Options → Date Format to the order your dates use (MM/DD/YYYY or DD/MM/YYYY), or give an ISO 8601 date such as 2024-01-02',
		};
	}
	const ms = instantOfDate(value, rules.slashOrder ?? 'MM/DD/YYYY');
	const date = ms === undefined ? undefined : formatInstant(ms);
	if (date !== undefined) return { ok: true, value: rules.send === 'iso' ? date : usDate(date) };
	const slashes = rules.slashOrder === undefined ? 'a date with slashes once Options → Date Format is set' : rules.slashOrder;
	return {
		ok: false,
		reason: `${show(value)} is not a date`,
		fix: `Give an ISO 8601 date such as 2024-05-01 or 2024-05-01T10:00:00Z, ${slashes}, or epoch seconds/milliseconds`,
	};
}

/** Converts one value to a declared MoEngage attribute type. */
export function coerceValue(value: unknown, dataType: string, dates: DateRules = VERSION_1_DATE_RULES): Coerced {
	switch (dataType) {
		case 'int':
			return toInt(value);
		case 'float':
			return toFloat(value);
		case 'string':
			return toText(value);
		case 'array':
			return toArray(value);
		case 'date':
			return toDate(value, dates);
		case 'number':
			return toFloat(value);
		case 'boolean':
			return toBoolean(value);
		case 'datetime':
			return toDate(value, { ...dates, send: 'iso' });
		default:
			return { ok: true, value };
	}
}

/**
 * Converts every value to its attribute's declared type. When `types` is given, a name it does not
 * declare is refused (MoEngage would answer "Wrong business event attribute").
 */
export function coerceAttributes(
	values: Record<string, unknown>,
	types: AttributeTypes,
	dates: DateRules = VERSION_1_DATE_RULES,
): CoercedAttributes {
	const attributes: Record<string, unknown> = {};
	for (const [attribute, value] of Object.entries(values)) {
		const dataType = types.get(attribute);
		if (dataType === undefined) {
			const known = [...types.keys()];
			return {
				ok: false,
				problem: {
					attribute,
					reason: 'is not an attribute of this business event',
					fix: known.length
						? `Use the event's attributes: ${known.join(', ')}`
						: 'This business event declares no attributes: send none',
				},
			};
		}
		const coerced = coerceValue(value, dataType, dates);
		if (!coerced.ok) {
			return { ok: false, problem: { attribute, dataType, reason: coerced.reason, fix: coerced.fix } };
		}
		attributes[attribute] = coerced.value;
	}
	return { ok: true, attributes };
}
