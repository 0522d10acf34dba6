import { shown } from '../../shared/validation/problem';
import { isPlainObject } from '../../shared/values';
import { setOwn } from '../../shared/validation/safeObject';
import type { FieldName, ItemScope } from '../input/itemScope';
import { nameOf } from '../input/itemScope';
import { checkCustomerId } from '../validation/customerId';
import { checkIdentifierValue } from '../validation/identifiers';

/**
 * Identity Resolution: a workspace where MoEngage finds users by the identifiers it has activated
 * (e.g. moe_mobile, email) as well as by customer_id, which then becomes optional. Users carry
 * their identifiers in `attributes`, events in `user_identifiers`.
 */
export interface IdentityRule {
	/** The identifier names (already checked): the workspace's (Bulk → Import) or the item's own. */
	names: readonly string[];
	/** How the identifiers are named in a message when none has a value. */
	label: FieldName;
	/** What to do when none has a value. */
	fix: string;
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The checked customer_id, or undefined when Identity Resolution lets it be left out. */
export function optionalCustomerId(value: unknown, scope: ItemScope, label: FieldName): string | undefined {
	if (isBlank(value)) return undefined;
	return scope.take(label, checkCustomerId(value));
}

/**
 * A copy of `source` whose identifier values are exact text (trimmed, numbers as text) and whose
 * blank identifiers are left out; `found` counts the identifiers that have a value. `others`
 * says what a key that is no identifier does: kept (attributes) or refused (user_identifiers).
 */
export function withIdentifiers(
	source: Readonly<Record<string, unknown>>,
	rule: IdentityRule,
	scope: ItemScope,
	label: FieldName,
	others: 'keep' | 'refuse',
): { object: Record<string, unknown>; found: number } {
	const object: Record<string, unknown> = {};
	let found = 0;
	for (const key of Object.keys(source)) {
		const raw = source[key];
		if (!rule.names.includes(key)) {
			if (others === 'refuse') {
				scope.fail(() => `${nameOf(label)} → ${key}`, {
					message: 'is not one of the identifiers given',
					fix: `Use the identifiers the workspace has activated: ${rule.names.join(', ') || '(none given)'}.`,
				});
			}
			if (raw !== undefined) setOwn(object, key, raw);
			continue;
		}
		const value = scope.take(() => `${nameOf(label)} → ${key}`, checkIdentifierValue(raw));
		if (value === undefined) continue;
		setOwn(object, key, value);
		found += 1;
	}
	return { object, found };
}

/** The identifiers of an event (`user_identifiers`), checked; undefined when none has a value. */
export function userIdentifiers(
	raw: unknown,
	rule: IdentityRule,
	scope: ItemScope,
	label: FieldName,
): Record<string, string> | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (!isPlainObject(raw)) {
		return scope.fail(label, {
			message: `is ${shown(raw)}, but it must be an object of identifier names and values`,
			fix: 'Give it as {"moe_mobile": "+15550100"}.',
		});
	}
	const { object, found } = withIdentifiers(raw, rule, scope, label, 'refuse');
	// Every key left is an identifier with a text value (others are refused).
	return found > 0 ? (object as Record<string, string>) : undefined;
}

/** Fails the item when it names its user neither by customer_id nor by an identifier with a value. */
export function requireSomeIdentity(customerId: string | undefined, identifiers: number, rule: IdentityRule, scope: ItemScope): void {
	if (customerId !== undefined || identifiers > 0) return;
	scope.fail(rule.label, {
		message: `has no identifier with a value${rule.names.length > 0 ? ` (${rule.names.join(', ')})` : ''}, and no customer ID is given`,
		fix: rule.fix,
	});
}
