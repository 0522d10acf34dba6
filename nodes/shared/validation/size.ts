import { MAX_REQUEST_BYTES } from '../limits';
import type { FieldProblem } from './problem';

/** `{"type":"transition","elements":[]}`: what a bulk request adds around its elements. */
export const TRANSITION_ENVELOPE_BYTES = Buffer.byteLength('{"type":"transition","elements":[]}');

/** The largest element that still fits in a request of its own, bulk envelope included. */
export const MAX_ELEMENT_BYTES = MAX_REQUEST_BYTES - TRANSITION_ENVELOPE_BYTES;

export function utf8Bytes(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

/**
 * A problem when one serialised element is too big to be sent at all: over `maxBytes` (default: what
 * fits a bulk request) for a request that takes at most `requestBytes`.
 */
export function elementSizeProblem(bytes: number, maxBytes = MAX_ELEMENT_BYTES, requestBytes = MAX_REQUEST_BYTES): FieldProblem | undefined {
	if (bytes <= maxBytes) return undefined;
	return {
		message: `is ${bytes.toLocaleString('en-US')} bytes once serialised; MoEngage takes at most ${requestBytes.toLocaleString('en-US')} bytes per request`,
		fix: 'Send fewer or shorter attributes for this item (long texts or lists are the usual cause).',
	};
}

/** Nesting deeper than this is left to JSON.stringify to judge (a value that refers to itself looks so too). */
const MAX_BOUND_DEPTH = 128;
/** The longest a number prints as in JSON, e.g. `-1.2345678901234567e-308`. */
const MAX_NUMBER_BYTES = 24;
/** What one UTF-16 code unit of a string can take in JSON text at most: `\u001f`. */
const MAX_BYTES_PER_CODE_UNIT = 6;

function stringBound(text: string): number {
	return text.length * MAX_BYTES_PER_CODE_UNIT + 2;
}

/** Infinity once past `limit`, or when only serialising can tell. */
function boundOf(value: unknown, depth: number, limit: number): number {
	switch (typeof value) {
		case 'string':
			return stringBound(value);
		case 'number':
			return MAX_NUMBER_BYTES;
		case 'boolean':
			return 5;
		case 'bigint':
			return Infinity;
		case 'object':
			break;
		default:
			// undefined, functions and symbols: left out of objects, `null` in lists.
			return 4;
	}
	if (value === null) return 4;
	if (depth >= MAX_BOUND_DEPTH) return Infinity;
	const proto: unknown = Object.getPrototypeOf(value);
	if (Array.isArray(value)) {
		if (proto !== Array.prototype) return Infinity;
		let total = 2 + value.length;
		for (let i = 0; i < value.length && total <= limit; i++) total += boundOf(value[i], depth + 1, limit);
		return total;
	}
	// Another prototype may decide its own JSON (a toJSON, as Date has).
	if (proto !== Object.prototype && proto !== null) return Infinity;
	let total = 2;
	// for…in: no list of keys is made. It also sees enumerable keys added to Object.prototype,
	// which JSON leaves out: the bound only grows.
	for (const key in value) {
		if (key === 'toJSON') return Infinity;
		// Quotes, colon and comma: 4 bytes around each name.
		total += stringBound(key) + 2 + boundOf((value as Record<string, unknown>)[key], depth + 1, limit);
		if (total > limit) return Infinity;
	}
	return total;
}

// Guarded by bench/RESULTS.md "Bulk → Import, 100,000 items: CPU per item" (≤ 20 µs).
/**
 * An upper bound of the UTF-8 bytes of `JSON.stringify(value)`, found without serialising it; undefined
 * when the bound passes `limit`, or when only serialising can tell (a class instance or a toJSON, a
 * bigint, nesting deeper than 128 levels). A toJSON defined as not enumerable is not seen: no item
 * data has one, and an element made too big by it would go alone in its request, which MoEngage refuses.
 */
export function jsonBytesBound(value: unknown, limit: number): number | undefined {
	const bound = boundOf(value, 0, limit);
	return bound <= limit ? bound : undefined;
}
