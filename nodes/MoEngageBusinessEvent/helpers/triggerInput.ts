import type { IExecuteFunctions, INode, ResourceMapperValue } from 'n8n-workflow';

import { MAX_REQUEST_BYTES } from '../../shared/limits';
import { utf8Bytes } from '../../shared/validation/size';
import { isPlainObject } from '../../shared/values';
import type { AttributeTypes, DateRules } from './coerceAttributes';
import { coerceAttributes } from './coerceAttributes';
import { inputError } from './errorMessages';

/** What Trigger reads from an item and checks before sending, in every version. */

/** The business event item `i` names (picker, name or expression), trimmed; throws when none is. */
export function chosenEventName(this: IExecuteFunctions, i: number): string {
	const eventName = String(this.getNodeParameter('businessEvent', i, '', { extractValue: true }) ?? '').trim();
	if (!eventName) {
		throw inputError(this.getNode(), i, 'No business event chosen', 'Pick a business event from the list, or type its name.');
	}
	return eventName;
}

/** The attribute values of item `i`, before conversion to the declared types. */
export function readAttributeValues(this: IExecuteFunctions, i: number): Record<string, unknown> {
	const node = this.getNode();
	if (this.getNodeParameter('attributesInput', i, 'mapFields') === 'json') {
		const raw = this.getNodeParameter('eventAttributesJson', i, '{}') as unknown;
		let parsed = raw;
		if (typeof raw === 'string') {
			try {
				parsed = JSON.parse(raw.trim() === '' ? '{}' : raw);
			} catch (error) {
				throw inputError(
					node,
					i,
					`"Attributes (JSON)" is not valid JSON (${(error as Error).message})`,
					'Give a JSON object such as {"season": "Season 1", "episodes": 12}.',
				);
			}
		}
		if (!isPlainObject(parsed)) {
			throw inputError(
				node,
				i,
				'"Attributes (JSON)" must be a JSON object of attribute names and values',
				'Give a JSON object such as {"season": "Season 1", "episodes": 12}.',
			);
		}
		return parsed;
	}
	const mapper = this.getNodeParameter('eventAttributes', i, null) as ResourceMapperValue | null;
	// Fields left empty in the mapper are not sent: MoEngage does not require every attribute.
	return Object.fromEntries(
		Object.entries(mapper?.value ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== ''),
	);
}

function kb(bytes: number): string {
	return (bytes / 1000).toFixed(1).replace(/\.0$/, '');
}

/** The attribute whose value takes the most bytes in JSON, and those bytes. */
function largestAttribute(attributes: Record<string, unknown>): [string, number] {
	let largest: [string, number] = ['', 0];
	for (const [name, value] of Object.entries(attributes)) {
		const bytes = utf8Bytes(JSON.stringify(value) ?? '');
		if (bytes > largest[1]) largest = [name, bytes];
	}
	return largest;
}

/**
 * This node's own limit on a trigger body: MoEngage documents none for business events, so it
 * keeps to the Data API's bulk size. Throws, naming the largest attribute, when `text` is over it.
 */
export function checkTriggerSize(node: INode, i: number, eventName: string, text: string, attributes: Record<string, unknown>): void {
	const bytes = utf8Bytes(text);
	if (bytes <= MAX_REQUEST_BYTES) return;
	const [largest, largestBytes] = largestAttribute(attributes);
	throw inputError(
		node,
		i,
		`Business event "${eventName}" would be sent as ${kb(bytes)} KB, over this node's limit of ${kb(MAX_REQUEST_BYTES)} KB per request (largest attribute: "${largest}", ${kb(largestBytes)} KB)`,
		'Shorten or leave out the largest attribute values (send an ID or a link rather than the content itself). Nothing was triggered.',
	);
}

/**
 * The attribute values converted to the event's declared types; throws, naming the attribute,
 * its type and the fix, for a value that does not convert or an attribute the event lacks.
 */
export function coercedAttributesOrThrow(
	node: INode,
	i: number,
	eventName: string,
	values: Record<string, unknown>,
	types: AttributeTypes,
	dates: DateRules,
): Record<string, unknown> {
	const coerced = coerceAttributes(values, types, dates);
	if (coerced.ok) return coerced.attributes;
	const { attribute, dataType, reason, fix } = coerced.problem;
	throw inputError(
		node,
		i,
		dataType
			? `Attribute "${attribute}" of business event "${eventName}" must be ${dataType}: ${reason}`
			: `Attribute "${attribute}" is not an attribute of business event "${eventName}"`,
		fix,
	);
}
