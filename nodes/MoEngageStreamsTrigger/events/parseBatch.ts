import { MAX_JSON_DEPTH } from '../receiverBounds';
import { isPlainObject } from '../../shared/values';
import type { PlainObject } from './checkEvent';

/**
 * Turns the raw body of a Streams POST into a batch, or says why it cannot.
 *
 * JSON.parse keeps keys such as `__proto__` as plain own properties, which is harmless here but
 * not in code that later copies items key by key (`target[key] = value` with key `__proto__`
 * changes the target's prototype), nor is `constructor` holding an object (`constructor.prototype`
 * is the other way in, through recursive merges). So those keys are removed, at any depth, in the
 * same walk that bounds the nesting depth; a `constructor` attribute with a plain value (text, a
 * number) is a customer's data and stays. That walk costs a fraction of JSON.parse itself (a
 * reviver function would cost about three times JSON.parse).
 */

export interface ParsedBatch {
	ok: true;
	batch: PlainObject & { events: unknown[] };
}

export interface BatchProblem {
	ok: false;
	message: string;
}

class TooDeepError extends Error {}

/** Removes forbidden keys in place; throws TooDeepError past MAX_JSON_DEPTH levels. */
function sanitize(value: object, depth: number): void {
	if (depth > MAX_JSON_DEPTH) throw new TooDeepError();
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const child: unknown = value[i];
			if (typeof child === 'object' && child !== null) sanitize(child, depth + 1);
		}
		return;
	}
	const record = value as PlainObject;
	for (const key in record) {
		const child = record[key];
		const isObject = typeof child === 'object' && child !== null;
		if (key === '__proto__' || (key === 'constructor' && isObject)) {
			delete record[key];
			continue;
		}
		if (isObject) sanitize(child, depth + 1);
	}
}

export function parseStreamsBatch(raw: Buffer | string): ParsedBatch | BatchProblem {
	let text = typeof raw === 'string' ? raw : raw.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '') {
		return { ok: false, message: 'The body is empty: expected a JSON Streams batch {"events": [...]}' };
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return { ok: false, message: `The body is not valid JSON (${reason})` };
	}
	return checkStreamsBatch(parsed);
}

/**
 * The checks after JSON.parse, for a value parsed here or by n8n (which parses JSON bodies
 * itself for node versions after 1): a JSON object with an `events` array, not nested too deep,
 * forbidden keys removed (in place).
 */
export function checkStreamsBatch(parsed: unknown): ParsedBatch | BatchProblem {
	if (!isPlainObject(parsed)) {
		return { ok: false, message: 'The body must be a JSON object with an "events" array (a Streams batch)' };
	}
	try {
		sanitize(parsed, 1);
	} catch (error) {
		if (error instanceof TooDeepError) {
			return { ok: false, message: `The body is nested more than ${MAX_JSON_DEPTH} levels deep` };
		}
		return { ok: false, message: `The body could not be read (${String(error)})` };
	}
	if (!('events' in parsed)) {
		return { ok: false, message: 'The body has no "events" array: not a MoEngage Streams batch' };
	}
	if (!Array.isArray(parsed.events)) {
		return { ok: false, message: '"events" must be an array of events' };
	}
	return { ok: true, batch: parsed as PlainObject & { events: unknown[] } };
}
