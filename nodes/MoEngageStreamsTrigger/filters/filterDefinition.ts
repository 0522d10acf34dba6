import type { INodeProperties } from 'n8n-workflow';

import type { PlainObject } from '../events/checkEvent';

/**
 * Whether one event passes. `event` is a valid event (event_code, event_uuid and event_type are
 * non-empty strings); `channel` is the channel worked out for it, the same value its item gets.
 */
export type EventTest = (event: PlainObject, channel: string | null) => boolean;

/** Reads a node parameter of the filter; `fallback` when it is not set. */
export type ReadParameter = (name: string, fallback: unknown) => unknown;

/**
 * One filter of the Streams Trigger: the parameters it shows and how they select events. The node's
 * description lists `properties`; the webhook runs `compile` once per request. Filters combine
 * with AND; a filter left empty lets every event through.
 */
export interface StreamsFilter {
	/** Shown in this order. Names and option values are saved in workflows: never rename them. */
	properties: INodeProperties[];
	/** The test for the values set on the node, or undefined when they select nothing. */
	compile(read: ReadParameter): EventTest | undefined;
}

/** The chosen values of a multiOptions parameter. */
export function chosenValues(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

/** The entries of a comma-separated text parameter, trimmed, empty ones dropped. */
export function commaSeparated(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** Keeps an event when `keyOf` gives one of `values`; undefined (no test) when `values` is empty. */
export function keepWhenIn(
	values: readonly unknown[],
	keyOf: (event: PlainObject, channel: string | null) => unknown,
): EventTest | undefined {
	if (values.length === 0) return undefined;
	const allowed = new Set(values);
	return (event, channel) => allowed.has(keyOf(event, channel));
}
