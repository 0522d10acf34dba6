import type { Checked } from '../../shared/validation/problem';
import { invalid, shown, valid } from '../../shared/validation/problem';
import { COHORT_NAME_FORBIDDEN_CHARACTERS } from '../limits';

/**
 * How a cohort name's leading period is checked. MoEngage's cohort sync reference flipped: its
 * newest revision says a name must not start with ".", an older one that it must. `refuse` (the
 * default) follows the newest revision, `require` the older one, `allow` checks neither.
 */
export type LeadingPeriodRule = 'refuse' | 'require' | 'allow';

const FORBIDDEN = new Set(COHORT_NAME_FORBIDDEN_CHARACTERS);
const FORBIDDEN_LIST = COHORT_NAME_FORBIDDEN_CHARACTERS.join(' ');

/** A cohort name as MoEngage's cohort sync reference allows it. */
export function checkCohortName(value: unknown, leadingPeriod: LeadingPeriodRule): Checked<string> {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return invalid('is empty', 'Give the name the cohort has (or gets) in MoEngage, e.g. VIP_Buyers.');
	}
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
		return invalid(`is ${shown(value)}, but it must be text`, 'Give the cohort name as text, e.g. VIP_Buyers.');
	}
	const name = String(value);
	const found = [...new Set([...name].filter((c) => FORBIDDEN.has(c)))];
	if (found.length > 0) {
		return invalid(
			`is ${shown(name)}, which contains ${found.map((c) => JSON.stringify(c)).join(', ')}: MoEngage refuses cohort names with any of ${FORBIDDEN_LIST}`,
			'Remove those characters from the name or replace them, e.g. with "_" or "-".',
		);
	}
	if (leadingPeriod === 'refuse' && name.startsWith('.')) {
		return invalid(
			`is ${shown(name)}, which starts with ".": MoEngage's current cohort sync reference refuses that`,
			'Remove the leading period, or, if your MoEngage workspace wants names that start with "." (an older revision of the reference), set Options → Cohort Name Leading Period to Require.',
		);
	}
	if (leadingPeriod === 'require' && !name.startsWith('.')) {
		return invalid(
			`is ${shown(name)}, which does not start with ".", as Options → Cohort Name Leading Period (Require) asks`,
			'Start the name with "." (e.g. ".VIP_Buyers"), or set Options → Cohort Name Leading Period to Refuse, as MoEngage\'s current reference says.',
		);
	}
	return valid(name);
}

/** A cohort ID: text (or a whole number), not empty. */
export function checkCohortId(value: unknown): Checked<string> {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return invalid('is empty', 'Give your ID for the cohort, e.g. vip-2026: MoEngage requires one.');
	}
	if (typeof value === 'number' && Number.isSafeInteger(value)) return valid(String(value));
	if (typeof value !== 'string') {
		return invalid(`is ${shown(value)}, but it must be text`, 'Give the cohort ID as text, e.g. vip-2026.');
	}
	return valid(value.trim());
}
