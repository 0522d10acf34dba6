import type { Checked } from '../../shared/validation/problem';
import { invalid, shown, valid } from '../../shared/validation/problem';
import { RESERVED_NAME_PREFIX } from '../limits';

export function isReservedName(name: string): boolean {
	return name.toLowerCase().startsWith(RESERVED_NAME_PREFIX);
}

/** An attribute or event name: not empty, and not in MoEngage's reserved `moe_` namespace. */
export function checkName(value: unknown, kind: 'attribute' | 'event'): Checked<string> {
	if (typeof value !== 'string' || value.trim() === '') {
		return invalid(
			value === undefined || value === '' ? 'is empty' : `is ${shown(value)}, but it must be text`,
			kind === 'event' ? 'Enter the name of the event, e.g. "Purchase".' : 'Give every attribute a name.',
		);
	}
	if (value === '__proto__') {
		return invalid(
			'is "__proto__", a name JavaScript tools treat as special (many would drop the value)',
			'Rename it, e.g. to "proto".',
		);
	}
	if (isReservedName(value)) {
		const suggestion = value.slice(RESERVED_NAME_PREFIX.length) || 'my_name';
		return invalid(
			`is ${shown(value)}: names starting with "${RESERVED_NAME_PREFIX}" are reserved for MoEngage's own ${kind}s`,
			`Rename it, e.g. to "${suggestion}".`,
		);
	}
	return valid(value);
}
