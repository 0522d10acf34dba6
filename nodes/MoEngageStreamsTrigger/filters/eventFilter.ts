import type { INodeProperties } from 'n8n-workflow';

import type { PlainObject } from '../events/checkEvent';
import type { EventTest, ReadParameter } from './filterDefinition';
import { STREAMS_FILTERS } from './streamsFilters';

/** The filters' parameters, for the node's description. */
export const filterProperties: INodeProperties[] = STREAMS_FILTERS.flatMap((filter) => filter.properties);

/** The tests of the filters set on the node (none: every event passes). */
export type EventFilter = readonly EventTest[];

export function compileEventFilter(read: ReadParameter): EventFilter {
	const tests: EventTest[] = [];
	for (const filter of STREAMS_FILTERS) {
		const test = filter.compile(read);
		if (test) tests.push(test);
	}
	return tests;
}

/** For a valid event and the channel worked out for it. */
export function passesEventFilter(event: PlainObject, channel: string | null, filter: EventFilter): boolean {
	for (const test of filter) if (!test(event, channel)) return false;
	return true;
}
