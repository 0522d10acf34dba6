import type { IDataObject } from 'n8n-workflow';

import { checkDate } from '../../shared/validation/dates';
import { invalid, shown } from '../../shared/validation/problem';
import { setOwn } from '../../shared/validation/safeObject';
import type { ItemScope } from './itemScope';
import type { ParameterReader } from './parameters';
import { fieldsReadBy } from './parameters';

/**
 * Reads the attributes as the Attributes Input parameters (../descriptions/attributes.ts) give
 * them: fields entered one by one, a JSON object, or the whole input item. In "Whole Input Item" mode, fields that other parameters are mapped from
 * (e.g. Customer ID = {{ $json.user_id }}) and a top-level `customer_id` are left out: they
 * identify the user and are no attributes.
 */

type AttributeType = 'auto' | 'string' | 'number' | 'boolean' | 'date';

interface AttributeField {
	name?: string;
	value?: unknown;
	type?: AttributeType;
}

function typedValue(field: AttributeField, scope: ItemScope, label: string): unknown {
	const value = field.value;
	switch (field.type ?? 'auto') {
		case 'string':
			return typeof value === 'string' ? value : JSON.stringify(value);
		case 'number': {
			const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
			if (typeof n === 'number' && Number.isFinite(n)) return n;
			return scope.fail(label, {
				message: `is ${shown(value)}, which is not a number`,
				fix: 'Give a number, or change the type.',
			});
		}
		case 'boolean': {
			if (typeof value === 'boolean') return value;
			const text = String(value).trim().toLowerCase();
			if (text === 'true' || text === '1') return true;
			if (text === 'false' || text === '0') return false;
			return scope.fail(label, {
				message: `is ${shown(value)}, which is not true or false`,
				fix: 'Give true or false, or change the type.',
			});
		}
		case 'date':
			return scope.take(
				label,
				value === '' ? invalid('is empty', 'Give a date, or remove the attribute.') : checkDate(value),
			);
		default:
			return value;
	}
}

/** How the attributes are named in messages, after the input mode they came from. */
export function attributesLabel(params: ParameterReader, itemIndex: number): string {
	const mode = params.get<string>('attributesMode', itemIndex, 'fields');
	return mode === 'json' ? 'Attributes (JSON)' : mode === 'wholeItem' ? 'Input Item' : 'Attributes';
}

function collectFieldUses(raw: unknown, into: Set<string>): void {
	if (typeof raw === 'string') {
		for (const field of fieldsReadBy(raw)) into.add(field);
	} else if (raw !== null && typeof raw === 'object') {
		for (const child of Object.values(raw)) collectFieldUses(child, into);
	}
}

/** The parameters that give the attributes themselves; every other parameter maps item fields elsewhere. */
const ATTRIBUTE_PARAMETERS: ReadonlySet<string> = new Set(['attributesMode', 'attributes', 'attributesJson']);

/**
 * Top-level fields of the input item that the node's other parameters read, e.g. `user_id` for a
 * Customer ID of `{{ $json.user_id }}`, or `first` and `last` for `{{ $json.first + $json.last }}`,
 * in any collection (Additional Fields, options).
 */
function mappedFields(params: ParameterReader): Set<string> {
	const fields = new Set<string>();
	for (const name of params.names()) {
		if (!ATTRIBUTE_PARAMETERS.has(name)) collectFieldUses(params.raw(name), fields);
	}
	return fields;
}

/**
 * The item's attributes as entered, before names are checked and dates converted (that is
 * `normalizeAttributes`, shared with Bulk → Import).
 */
export function readAttributes(params: ParameterReader, scope: ItemScope): Record<string, unknown> {
	const i = scope.itemIndex;
	const mode = params.get<string>('attributesMode', i, 'fields');
	if (mode === 'json') {
		const raw = params.get<unknown>('attributesJson', i, '{}');
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = raw.trim() === '' ? {} : JSON.parse(raw);
			} catch {
				return scope.fail('Attributes (JSON)', {
					message: 'is not valid JSON',
					fix: 'Give a JSON object, e.g. {"plan": "gold", "age": 31}, or an expression that returns an object.',
				});
			}
		}
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
			return scope.fail('Attributes (JSON)', {
				message: `is ${shown(parsed)}, but it must be a JSON object`,
				fix: 'Give a JSON object, e.g. {"plan": "gold", "age": 31}.',
			});
		}
		return parsed as Record<string, unknown>;
	}
	if (mode === 'wholeItem') {
		const json = params.itemJson(i);
		const exclude = params.once('wholeItemExclusions', () => mappedFields(params).add('customer_id'));
		const out: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(json)) if (!exclude.has(key)) setOwn(out, key, value);
		return out;
	}
	const collection = params.get<IDataObject>('attributes', i, {});
	const fields = (collection.attribute ?? []) as AttributeField[];
	const out: Record<string, unknown> = {};
	for (const field of fields) {
		const name = String(field.name ?? '');
		if (name.trim() === '') {
			if (field.value === undefined || field.value === '') continue;
			return scope.fail('Attributes → Name', {
				message: 'is empty',
				fix: 'Give every attribute a name, or remove the empty row.',
			});
		}
		setOwn(out, name, typedValue(field, scope, `Attributes → ${name}`));
	}
	return out;
}
