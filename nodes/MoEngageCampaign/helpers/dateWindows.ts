import { DateTime } from 'luxon';

import type { Checked } from '../../shared/validation/problem';
import { invalid, shown, valid } from '../../shared/validation/problem';
import { MAX_DAYS_PER_CALL, MAX_RANGE_DAYS } from './limits';

/** One call's date range, both ends included, as MoEngage takes them (`YYYY-MM-DD`). */
export interface DateWindow {
	start: string;
	end: string;
}

const DAY_MS = 86_400_000;
const LEADING_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;
const DATE_HINT =
	'Pick a date in the date picker, or give text such as 2026-01-31 (a time after it is ignored) or a date object ({{ $now }}).';

function isLuxon(value: unknown): value is DateTime {
	return DateTime.isDateTime(value);
}

/**
 * The calendar date a user gave, as `YYYY-MM-DD`: the date part of text as written (the editor's
 * date picker gives `2026-01-31T00:00:00`; no time zone shift), a Luxon or JavaScript date read in
 * the workflow's time zone.
 */
export function calendarDate(value: unknown, timezone: string): Checked<string> {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return invalid('is empty', `Give the date. ${DATE_HINT}`);
	}
	let date: DateTime | undefined;
	if (isLuxon(value)) date = value;
	else if (value instanceof Date) date = DateTime.fromJSDate(value, { zone: timezone });
	else if (typeof value === 'string') {
		const text = value.trim();
		const m = LEADING_DATE.exec(text);
		if (m) date = DateTime.fromObject({ year: +m[1], month: +m[2], day: +m[3] }, { zone: 'utc' });
	}
	if (!date || !date.isValid) return invalid(`is ${shown(value)}, which is not a date`, DATE_HINT);
	return valid(date.toISODate() as string);
}

function dayNumber(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return Date.UTC(y, m - 1, d) / DAY_MS;
}

function dateOf(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Days from start to end, both included. */
export function daysInRange(start: string, end: string): number {
	return dayNumber(end) - dayNumber(start) + 1;
}

/** Why a range cannot be asked for (start after end, too long), or undefined. */
export function rangeProblem(start: string, end: string): { message: string; fix: string } | undefined {
	if (dayNumber(start) > dayNumber(end)) {
		return {
			message: `(${start}) is after the End Date (${end})`,
			fix: 'Swap the two dates, or pick a Start Date on or before the End Date.',
		};
	}
	const days = daysInRange(start, end);
	if (days > MAX_RANGE_DAYS) {
		return {
			message: `to End Date spans ${days} days; this node asks for at most ${MAX_RANGE_DAYS} per item`,
			fix: `Split the period over several items (each up to ${MAX_RANGE_DAYS} days).`,
		};
	}
	return undefined;
}

/**
 * The range cut into consecutive windows of at most MAX_DAYS_PER_CALL days, in order; the last
 * one may be shorter. 75 days → 30 + 30 + 15.
 */
export function dateWindows(start: string, end: string, daysPerWindow = MAX_DAYS_PER_CALL): DateWindow[] {
	const windows: DateWindow[] = [];
	const last = dayNumber(end);
	for (let from = dayNumber(start); from <= last; from += daysPerWindow) {
		windows.push({ start: dateOf(from), end: dateOf(Math.min(last, from + daysPerWindow - 1)) });
	}
	return windows;
}
