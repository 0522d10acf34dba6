import { MAX_REQUEST_BYTES } from '../limits';
import type { FieldProblem } from './problem';

/** `{"type":"transition","elements":[]}`: what a bulk request adds around its elements. */
export const TRANSITION_ENVELOPE_BYTES = Buffer.byteLength('{"type":"transition","elements":[]}');

/** The largest element that still fits in a request of its own, bulk envelope included. */
export const MAX_ELEMENT_BYTES = MAX_REQUEST_BYTES - TRANSITION_ENVELOPE_BYTES;

export function utf8Bytes(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

/** A problem when one serialised element is too big to be sent at all. */
export function elementSizeProblem(bytes: number): FieldProblem | undefined {
	if (bytes <= MAX_ELEMENT_BYTES) return undefined;
	return {
		message: `is ${bytes.toLocaleString('en-US')} bytes once serialised; MoEngage takes at most ${MAX_REQUEST_BYTES.toLocaleString('en-US')} bytes per request`,
		fix: 'Send fewer or shorter attributes for this item (long texts or lists are the usual cause).',
	};
}
