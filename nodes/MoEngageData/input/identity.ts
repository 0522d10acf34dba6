import type { IDataObject } from 'n8n-workflow';

import { setOwn } from '../../shared/validation/safeObject';
import { splitList } from '../../shared/values';
import type { IdentityRule } from '../elements/identity';
import { checkIdentifierName, checkIdentifierValue } from '../validation/identifiers';
import type { ItemScope } from './itemScope';
import type { ParameterReader } from './parameters';

/**
 * Reads "Identify By" (../descriptions/identifyBy.ts): undefined in Customer ID mode (the default,
 * as before), the item's identifiers in Identifiers mode (Identity Resolution workspaces).
 */

const FIX =
	'Add at least one identifier the workspace has activated for Identity Resolution (e.g. moe_mobile) with a value for this item, or give a Customer ID. Blank values are left out: MoEngage never matches them.';

export interface ItemIdentity {
	rule: IdentityRule;
	/** The identifiers that have a value, as sent (trimmed text). */
	values: Record<string, string>;
}

function hasValue(value: unknown): boolean {
	return value !== undefined && value !== null && String(value).trim() !== '';
}

function identifiersMode(params: ParameterReader, itemIndex: number): boolean {
	return params.get<string>('identifyBy', itemIndex, 'customerId') === 'identifiers';
}

/** User → Create or Update, Event → Track: the Identifiers collection of one item. */
export function readItemIdentity(params: ParameterReader, scope: ItemScope): ItemIdentity | undefined {
	const itemIndex = scope.itemIndex;
	if (!identifiersMode(params, itemIndex)) return undefined;
	const entries = (params.get<IDataObject>('userIdentifiers', itemIndex, {}).identifier ?? []) as IDataObject[];
	const names: string[] = [];
	const values: Record<string, string> = {};
	for (const entry of entries) {
		if (String(entry.name ?? '').trim() === '' && checkIdentifierValue(entry.value).ok && !hasValue(entry.value)) continue;
		const name = scope.take('Identifiers → Name', checkIdentifierName(entry.name));
		if (names.includes(name)) {
			scope.fail('Identifiers → Name', {
				message: `"${name}" is given twice`,
				fix: 'Give each identifier once.',
			});
		}
		names.push(name);
		const value = scope.take(() => `Identifiers → ${name}`, checkIdentifierValue(entry.value));
		if (value !== undefined) setOwn(values, name, value);
	}
	return { rule: { names, label: 'Identifiers', fix: FIX }, values };
}

/**
 * The attributes with the item's identifiers added (MoEngage reads a user's identifiers from its
 * attributes); an attribute of the same name with another value is refused.
 */
export function attributesWithIdentifiers(
	attributes: Record<string, unknown>,
	identity: ItemIdentity,
	scope: ItemScope,
	attributesLabel: string,
): Record<string, unknown> {
	const out: Record<string, unknown> = { ...attributes };
	for (const [name, value] of Object.entries(identity.values)) {
		const other = attributes[name];
		if (other !== undefined && other !== null && String(other).trim() !== value) {
			scope.fail(() => `${attributesLabel} → ${name}`, {
				message: `differs from the identifier ${name} given under Identifiers`,
				fix: 'Give the identifier once, under Identifiers.',
			});
		}
		setOwn(out, name, value);
	}
	return out;
}

/** Bulk → Import: the workspace's identifier names (Identifier Names), in Identifiers mode. */
export function readWorkspaceIdentifiers(params: ParameterReader, scope: ItemScope): readonly string[] | undefined {
	const itemIndex = scope.itemIndex;
	if (!identifiersMode(params, itemIndex)) return undefined;
	const names = splitList(params.get<unknown>('identifierNames', itemIndex, '')).map((name) =>
		scope.take('Identifier Names', checkIdentifierName(name)),
	);
	if (names.length === 0) {
		scope.fail('Identifier Names', {
			message: 'is empty',
			fix: 'List the identifiers the workspace has activated for Identity Resolution (Settings › Data › Identity resolution), e.g. "moe_mobile, email".',
		});
	}
	return names;
}

/** Bulk → Import: the rule for one element type, naming the field that must hold an identifier. */
export function elementIdentityRule(names: readonly string[], type: 'customer' | 'event'): IdentityRule {
	const field = type === 'customer' ? 'attributes' : 'user_identifiers';
	return {
		names,
		label: field,
		fix: `Give the element a customer_id, or one of the identifiers (${names.join(', ')}) with a value in "${field}". MoEngage drops elements it cannot match to a user.`,
	};
}
