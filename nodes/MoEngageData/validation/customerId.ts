import type { Checked } from '../../shared/validation/problem';
import { invalid, shown, valid } from '../../shared/validation/problem';
import { BLOCKED_CUSTOMER_IDS } from '../limits';

const BLOCKED = new Set(BLOCKED_CUSTOMER_IDS);

/**
 * A MoEngage customer_id: text of at least two characters that is not one of the placeholder
 * values the Data API refuses. Whole numbers are accepted and sent as text.
 */
export function checkCustomerId(value: unknown): Checked<string> {
	if (value === undefined || value === null || value === '') {
		return invalid(
			'is empty',
			"Set it to the user's unique ID in your system (the ID your apps pass to MoEngage as the unique user ID), e.g. map it from a field of the input item.",
		);
	}
	let id: string;
	if (typeof value === 'string') id = value;
	else if (typeof value === 'number' && Number.isSafeInteger(value)) id = String(value);
	else {
		return invalid(
			`is ${shown(value)}, but it must be text`,
			"Map a text (or whole number) field that holds the user's unique ID.",
		);
	}
	const normalized = id.trim().toLowerCase();
	if (BLOCKED.has(normalized)) {
		return invalid(
			`is ${shown(id)}, which MoEngage refuses`,
			`MoEngage does not accept placeholder IDs (${BLOCKED_CUSTOMER_IDS.filter((b) => b).join(', ')}). Use the user's real unique ID, or leave such items out with a Filter node before this one.`,
		);
	}
	if (normalized.length < 2) {
		return invalid(`is ${shown(id)}, but MoEngage needs at least 2 characters`, "Use the user's full unique ID.");
	}
	// One rule for every identifier: surrounding spaces are never part of an ID (" a " would be another user).
	return valid(id.trim());
}
