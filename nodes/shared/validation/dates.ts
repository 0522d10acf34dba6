import { MAX_EVENT_TIME_SKEW_MS, MAX_TIMEZONE_OFFSET, MIN_TIMEZONE_OFFSET } from '../limits';
import type { Checked } from './problem';
import { invalid, shown, valid } from './problem';

/**
 * MoEngage stores an attribute as a date only when it is `YYYY-MM-DDTHH:mm:ssZ` or `YYYY-MM-DD`;
 * anything else becomes a string. These helpers turn what n8n users have (JavaScript or Luxon
 * dates, ISO 8601 strings, epoch seconds or milliseconds) into those two forms.
 */

/** Below this, a number is epoch seconds (1e11 s is the year 5138); from it on, milliseconds. */
const EPOCH_MS_THRESHOLD = 1e11;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^-?\d+(\.\d+)?$/;
/** ISO 8601's basic date, e.g. 20240531 (BigQuery / GA4 exports): 8 digits as epoch seconds would be 1970-1973. */
const BASIC_DATE = /^([1-9]\d{3})(\d{2})(\d{2})$/;

export const DATE_FORMATS_HINT =
	'Use a date such as 2024-05-31 (or 20240531), a date and time such as 2024-05-31T14:30:00Z (ISO 8601; no zone means UTC), epoch seconds or epoch milliseconds.';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
	if (month !== 2) return DAYS_IN_MONTH[month - 1];
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Date.UTC, but years 0..99 are those years: Date.UTC alone reads them as 1900..1999. */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
	if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s, ms);
	const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
	date.setUTCFullYear(y, mo - 1, d);
	return date.getTime();
}

function isCalendarDate(y: number, m: number, d: number): boolean {
	return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** `YYYY-MM-DD` of an 8-digit basic date that is a calendar date, else undefined. */
export function basicDate(text: string): string | undefined {
	const m = BASIC_DATE.exec(text);
	return m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** The two ways a date written with slashes is read; the text alone cannot tell them apart. */
export type SlashDateOrder = 'MM/DD/YYYY' | 'DD/MM/YYYY';

const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Whether `text` is a date written with slashes, e.g. 01/02/2024 (month or day first). */
export function isSlashDate(text: string): boolean {
	return SLASH_DATE.test(text.trim());
}

/** `YYYY-MM-DD` of a date written with slashes, read in `order`, when that is a calendar date. */
export function slashDate(text: string, order: SlashDateOrder): string | undefined {
	const m = SLASH_DATE.exec(text.trim());
	if (!m) return undefined;
	const [month, day] = order === 'MM/DD/YYYY' ? [m[1], m[2]] : [m[2], m[1]];
	const [y, mo, d] = [Number(m[3]), Number(month), Number(day)];
	return isCalendarDate(y, mo, d) ? `${m[3]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` : undefined;
}

function fromEpoch(n: number): number | undefined {
	if (!Number.isFinite(n)) return undefined;
	return Math.abs(n) < EPOCH_MS_THRESHOLD ? Math.round(n * 1000) : Math.round(n);
}

function offsetMinutes(zone: string | undefined): number {
	if (!zone || zone === 'Z' || zone === 'z') return 0;
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function parseDateTime(text: string): number | undefined {
	const m = DATE_TIME.exec(text);
	if (!m) return undefined;
	const y = Number(m[1]);
	const mo = Number(m[2]);
	const d = Number(m[3]);
	const h = Number(m[4]);
	const mi = Number(m[5]);
	const s = m[6] === undefined ? 0 : Number(m[6]);
	if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
	const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
	return utc(y, mo, d, h, mi, s, ms) - offsetMinutes(m[8]) * 60_000;
}

/** The number written by the two ASCII digits at `at` (`text` is known to have digits there). */
function twoDigits(text: string, at: number): number {
	return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

/** `YYYY-MM-DDTHH:mm:ssZ`, known to be canonical (isCanonical): the same result as parseDateTime. */
function parseCanonical(text: string): number | undefined {
	const y = twoDigits(text, 0) * 100 + twoDigits(text, 2);
	const mo = twoDigits(text, 5);
	const d = twoDigits(text, 8);
	const h = twoDigits(text, 11);
	const mi = twoDigits(text, 14);
	const s = twoDigits(text, 17);
	if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
	return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** A JavaScript Date, or a Luxon DateTime (what n8n's `$now` and date expressions give). */
function jsDateOf(value: object): Date | undefined {
	if (value instanceof Date) return value;
	const candidate = value as { toJSDate?: unknown; isValid?: unknown };
	if (typeof candidate.toJSDate === 'function' && candidate.isValid !== false) {
		const date = (candidate.toJSDate as () => unknown).call(value);
		return date instanceof Date ? date : undefined;
	}
	return undefined;
}

/** Whether `text` at `at` could start `YYYY-MM-DD`: a cheap test before the regexes. */
function startsLikeDate(text: string, at: number): boolean {
	const c0 = text.charCodeAt(at);
	return text.length >= at + 10 && c0 >= 48 && c0 <= 57 && text.charCodeAt(at + 4) === 45 && text.charCodeAt(at + 7) === 45;
}

function isSpace(code: number): boolean {
	return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x1680 || code === 0xfeff || code > 0x1fff;
}

/** True for values that are dates whatever the attribute: Date / DateTime objects and ISO date-times. */
export function isDateLike(value: unknown): boolean {
	if (typeof value === 'string') {
		// Most attribute values are not dates: only strings shaped like one reach the regex.
		if (value.length < 16) return false;
		const lead = isSpace(value.charCodeAt(0)) ? value.search(/\S/) : 0;
		if (lead < 0 || !startsLikeDate(value, lead)) return false;
		return DATE_TIME.test(value.trim());
	}
	return typeof value === 'object' && value !== null && jsDateOf(value) !== undefined;
}

/** The instant a value stands for, in epoch milliseconds; a date alone means midnight UTC. */
export function instantOf(value: unknown): number | undefined {
	if (typeof value === 'number') return fromEpoch(value);
	if (typeof value === 'string') {
		// The usual form, `YYYY-MM-DDTHH:mm:ssZ`, read without the regexes below.
		if (isCanonical(value)) return parseCanonical(value);
		const text = value.trim();
		if (EPOCH.test(text)) {
			const date = text.length === 8 ? basicDate(text) : undefined;
			return date === undefined ? fromEpoch(Number(text)) : instantOf(date);
		}
		const dateOnly = DATE_ONLY.exec(text);
		if (dateOnly) {
			const [y, m, d] = [dateOnly[1], dateOnly[2], dateOnly[3]].map(Number);
			return isCalendarDate(y, m, d) ? utc(y, m, d) : undefined;
		}
		return parseDateTime(text);
	}
	if (typeof value === 'object' && value !== null) {
		const ms = jsDateOf(value)?.getTime();
		return ms === undefined || Number.isNaN(ms) ? undefined : ms;
	}
	return undefined;
}

// Compiled to native code by V8: faster than a character loop over the same shape.
const CANONICAL = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** `YYYY-MM-DDTHH:mm:ssZ` with a first digit 1-9, MoEngage's own form. */
function isCanonical(value: unknown): boolean {
	return typeof value === 'string' && value.length === 20 && CANONICAL.test(value);
}

/** `YYYY-MM-DDTHH:mm:ssZ` (UTC, whole seconds) of an instant; undefined outside years 1000..9999. */
export function formatInstant(ms: number): string | undefined {
	if (!Number.isFinite(ms)) return undefined;
	const iso = new Date(ms).toISOString();
	// Years outside 0000..9999 come out as ±YYYYYY; 0xxx years are not MoEngage dates either.
	return iso.length === 24 && iso.charCodeAt(0) !== 48 && iso.charCodeAt(0) !== 45 && iso.charCodeAt(0) !== 43
		? `${iso.slice(0, 19)}Z`
		: undefined;
}

/**
 * What MoEngage stores as a date: `YYYY-MM-DD` strings are kept, everything else that is a date
 * becomes `YYYY-MM-DDTHH:mm:ssZ` in UTC. Undefined when the value is not a date.
 */
export function toMoEngageDate(value: unknown): string | undefined {
	if (typeof value === 'string') {
		const text = value.trim();
		if (DATE_ONLY.test(text)) return instantOf(text) === undefined || text < '1000' ? undefined : text;
		const date = text.length === 8 ? basicDate(text) : undefined;
		if (date !== undefined) return date;
	}
	const ms = instantOf(value);
	return ms === undefined ? undefined : formatInstant(ms);
}

/** A date attribute value, or a problem naming the accepted formats. */
export function checkDate(value: unknown): Checked<string> {
	const date = toMoEngageDate(value);
	if (date === undefined) return invalid(`is ${shown(value)}, which is not a date`, DATE_FORMATS_HINT);
	return valid(date);
}

/** An event time (`user_time`, `current_time`): a date, and not in the future. */
export function checkEventTime(value: unknown, nowMs: number): Checked<string> {
	// Already `YYYY-MM-DDTHH:mm:ssZ` (and valid once it parses): formatting would give it back.
	const canonical = isCanonical(value);
	const ms = canonical ? parseCanonical(value as string) : instantOf(value);
	const formatted = ms === undefined ? undefined : canonical ? (value as string) : formatInstant(ms);
	if (ms === undefined || formatted === undefined) {
		return invalid(`is ${shown(value)}, which is not a date and time`, DATE_FORMATS_HINT);
	}
	if (ms > nowMs + MAX_EVENT_TIME_SKEW_MS) {
		return invalid(
			`is ${formatted}, which is in the future: MoEngage refuses events dated ahead of now`,
			'Send the time the event happened (at most 5 minutes ahead, for clock differences). A time without a zone is read as UTC: add its offset, e.g. 2024-05-31T14:30:00+05:30.',
		);
	}
	return valid(formatted);
}

/** `user_timezone_offset`: whole seconds from UTC within MoEngage's -54000..54000. */
export function checkTimezoneOffset(value: unknown): Checked<number> {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n)) {
		return invalid(
			`is ${shown(value)}, but it must be a whole number of seconds`,
			'Give the offset from UTC in seconds, e.g. 19800 for UTC+05:30 or -18000 for UTC-05:00.',
		);
	}
	if (n < MIN_TIMEZONE_OFFSET || n > MAX_TIMEZONE_OFFSET) {
		return invalid(
			`is ${n} seconds, outside MoEngage's range ${MIN_TIMEZONE_OFFSET}..${MAX_TIMEZONE_OFFSET} (±15 hours)`,
			'Give the offset in seconds, not milliseconds, e.g. 19800 for UTC+05:30.',
		);
	}
	return valid(n);
}
