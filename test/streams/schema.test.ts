import { STREAMS_EVENT_CODES as SANDBOX_CODES, makeStreamsBatch, sampleStreamsBatch } from '../../sandbox';
import { checkStreamsEvent } from '../../nodes/MoEngageStreamsTrigger/events/checkEvent';
import { STREAMS_EVENT_CODES } from '../../nodes/MoEngageStreamsTrigger/moengage/streamsCatalog';
import { streamsBatchSchema, streamsEventSchema } from '../../nodes/MoEngageStreamsTrigger/moengage/streamsSchema';

const base = sampleStreamsBatch().events[0] as unknown as Record<string, unknown>;
const without = (key: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));

/** [label, event, valid?] */
const cases: Array<[string, unknown, boolean]> = [
	['the documented sample event', base, true],
	['a minimal event', { event_code: 'X', event_uuid: 'u', event_time: 0, event_type: 'USER_ACTION_EVENT' }, true],
	['event_time as numeric string', { ...base, event_time: '1580967474' }, true],
	['event_time with a fraction', { ...base, event_time: 1580967474.25 }, true],
	['event_time as fractional string', { ...base, event_time: '1580967474.5' }, true],
	['event_time at year 9999', { ...base, event_time: 253402300799 }, true],
	['an unknown event_type', { ...base, event_type: 'NEW_KIND' }, true],
	['null attributes', { ...base, user_attributes: null, device_attributes: null }, true],
	['null event_name', { ...base, event_name: null }, true],
	['extra fields', { ...base, variation_id: 3, locale_name: 'English', whatever: [1] }, true],
	['no event_code', without('event_code'), false],
	['empty event_code', { ...base, event_code: '' }, false],
	['numeric event_code', { ...base, event_code: 5 }, false],
	['no event_uuid', without('event_uuid'), false],
	['null event_uuid', { ...base, event_uuid: null }, false],
	['no event_time', without('event_time'), false],
	['event_time in milliseconds', { ...base, event_time: 1580967474000 }, false],
	['negative event_time', { ...base, event_time: -1 }, false],
	['event_time as a date string', { ...base, event_time: '2020-02-06T05:37:54Z' }, false],
	['event_time as a signed string', { ...base, event_time: '-5' }, false],
	['event_time as empty string', { ...base, event_time: '' }, false],
	['event_time as boolean', { ...base, event_time: true }, false],
	['event_time null', { ...base, event_time: null }, false],
	['no event_type', without('event_type'), false],
	['empty event_type', { ...base, event_type: '' }, false],
	['numeric event_name', { ...base, event_name: 12 }, false],
	['event_attributes as array', { ...base, event_attributes: [] }, false],
	['user_attributes as string', { ...base, user_attributes: 'x' }, false],
	['device_attributes as number', { ...base, device_attributes: 1 }, false],
	['an array', [base], false],
	['a string', 'event', false],
	['null', null, false],
];

describe('Streams event schema', () => {
	it.each(cases)('zod and the fast check agree: %s', (_label, event, valid) => {
		expect(streamsEventSchema.safeParse(event).success).toBe(valid);
		expect(checkStreamsEvent(event) === undefined).toBe(valid);
	});

	it('accepts every event of the sandbox batches', () => {
		const events = [...sampleStreamsBatch().events, ...makeStreamsBatch({ events: 100 }).events, ...makeStreamsBatch({ codes: ['Purchase'] }).events];
		for (const event of events) {
			expect(checkStreamsEvent(event)).toBeUndefined();
			expect(streamsEventSchema.safeParse(event).success).toBe(true);
		}
		expect(streamsBatchSchema.safeParse(sampleStreamsBatch()).success).toBe(true);
		expect(streamsBatchSchema.safeParse({ app_name: 'x' }).success).toBe(false);
	});

	it('has the same event-code table as the sandbox (the doc’s table)', () => {
		expect(STREAMS_EVENT_CODES.map((row) => [row.code, row.displayName, row.channel ?? '-'])).toEqual(
			SANDBOX_CODES.map((row) => [row.code, row.name, row.channel]),
		);
	});
});
