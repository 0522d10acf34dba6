import { checkDate, isDateLike, isSlashDate, toMoEngageDate } from '../../shared/validation/dates';
import { invalid, shown } from '../../shared/validation/problem';
import { isPlainObject } from '../../shared/values';
import type { FieldName, ItemScope } from '../input/itemScope';
import { nameOf } from '../input/itemScope';
import { attributeValueProblem } from '../validation/attributeValue';
import { checkName } from '../validation/names';
import { setOwn } from '../../shared/validation/safeObject';

export interface AttributeRules {
	/** Names whose values must be dates (Options → Date Attributes). */
	dateNames: readonly string[];
	/** Reserved (`moe_`) names MoEngage documents for this object, e.g. device opt-in flags. */
	allowedReserved?: readonly string[];
	/** How the object is named in messages, e.g. `Attributes` or `actions[1].attributes`. */
	label: FieldName;
}

// Guarded by bench/RESULTS.md "Bulk → Import, 100,000 items: CPU per item" (≤ 20 µs).
/**
 * Attribute names that passed checkName: items of a run mostly repeat the same names, so each is
 * checked once. Bounded, so that a stream of distinct names cannot grow it without end.
 */
const GOOD_NAMES = new Set<string>();
const MAX_GOOD_NAMES = 10_000;

function isNestedObject(value: unknown): value is Record<string, unknown> {
	return isPlainObject(value) && !isDateLike(value);
}

/** Whether a name/value pair is sent as another value: a date to convert, or an undefined to leave out. */
function changes(name: string, raw: unknown, rules: AttributeRules): boolean {
	return raw === undefined || rules.dateNames.includes(name) || isDateLike(raw);
}

function checkPair(name: string, raw: unknown, scope: ItemScope, rules: AttributeRules): void {
	if (!GOOD_NAMES.has(name) && !rules.allowedReserved?.includes(name)) {
		const checked = checkName(name, 'attribute');
		if (!checked.ok) scope.fail(`${nameOf(rules.label)} → attribute name`, checked.problem);
		if (GOOD_NAMES.size >= MAX_GOOD_NAMES) GOOD_NAMES.clear();
		GOOD_NAMES.add(name);
	}
	const valueProblem = attributeValueProblem(raw);
	if (valueProblem) scope.fail(() => `${nameOf(rules.label)} → ${name}`, valueProblem);
	if (typeof raw === 'string' && raw.length <= 12 && raw.includes('/') && isSlashDate(raw)) scope.notes.slashDate(name, scope.itemIndex, raw);
}

/**
 * A copy of the attributes with their dates converted and undefined values left out. The first
 * `checked` of `names` (the object's keys) have been checked already.
 */
function convertedCopy(
	source: Record<string, unknown>,
	names: readonly string[],
	checked: number,
	scope: ItemScope,
	rules: AttributeRules,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (let i = 0; i < names.length; i++) {
		const name = names[i];
		const raw = source[name];
		if (raw === undefined) continue;
		if (i >= checked) checkPair(name, raw, scope, rules);
		if (rules.dateNames.length > 0 && rules.dateNames.includes(name)) {
			setOwn(out, name, scope.take(
				`${nameOf(rules.label)} → ${name}`,
				raw === '' ? invalid('is empty', 'Give a date, or leave the attribute out.') : checkDate(raw),
			));
		} else if (isDateLike(raw)) {
			setOwn(out, name, toMoEngageDate(raw) ?? raw);
		} else {
			setOwn(out, name, raw);
		}
	}
	return out;
}

/**
 * Checks an attributes object and converts its dates: values of `dateNames` must be dates, and
 * JavaScript/Luxon dates or ISO date-times anywhere else are converted too (MoEngage would store
 * them as plain strings otherwise). Undefined values are left out.
 *
 * When nothing needs converting (the usual case) the given object itself is returned, not a copy:
 * it may be an input item's own object, so callers must not change it.
 */
export function normalizeAttributes(
	value: unknown,
	scope: ItemScope,
	rules: AttributeRules,
): Readonly<Record<string, unknown>> {
	if (value === undefined || value === null || value === '') return {};
	if (!isNestedObject(value)) {
		scope.fail(rules.label, {
			message: `is ${shown(value)}, but it must be an object of name/value pairs`,
			fix: 'Give the attributes as a JSON object, e.g. {"plan": "gold", "age": 31}.',
		});
	}
	const source = value as Record<string, unknown>;
	// Another prototype could change how the object is serialised (a toJSON); a copy has none.
	const names = Object.keys(source);
	const proto: unknown = Object.getPrototypeOf(source);
	if (proto !== Object.prototype && proto !== null) return convertedCopy(source, names, 0, scope, rules);
	for (let i = 0; i < names.length; i++) {
		const name = names[i];
		const raw = source[name];
		if (changes(name, raw, rules)) return convertedCopy(source, names, i, scope, rules);
		checkPair(name, raw, scope, rules);
	}
	return source;
}
