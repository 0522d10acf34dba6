import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import type { RunOptions } from '../helpers';
import { expectBusinessEventsKey, requestsTo, runBusinessEvent, useSandbox } from '../helpers';

/** Version 2's Get Many: MoEngage's V5 list, 20 a page, with Return All or a Limit. */
let sb: Sandbox;

useSandbox((s) => {
	sb = s;
	// With the three default events: 45 in all, so three pages of 20, 20 and 5.
	for (let n = 1; n <= 42; n++) sb.addBusinessEvent({ event_name: `Event_${String(n).padStart(2, '0')}`, event_attributes: { n: 'int' } });
});

async function run(parameters: INodeParameters, options: RunOptions = {}) {
	return await runBusinessEvent(sb, { resource: 'businessEvent', operation: 'getAll', ...parameters }, [{}], { typeVersion: 2, ...options });
}

const lists = () => requestsTo(sb, 'businessEventListV5');

describe('Get Many (version 2, V5 list)', () => {
	test('Return All follows the cursor over every page: 45 events, 3 requests, one item each, in V5\'s shape', async () => {
		const { outputs, error } = await run({ returnAll: true });
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(45);
		expect(outputs[0].map((o) => o.json.name)).toEqual([...sb.businessEvents.keys()]);
		expect(outputs[0].every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(outputs[0][0].json).toMatchObject({
			id: '647597767459c85d7d6d6dfd',
			name: 'NewMovies',
			attributes: [
				{ name: 'MovieName', data_type: 'string' },
				{ name: 'rating', data_type: 'string' },
			],
		});
		expect(lists().map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
		expect(lists().map((r) => r.query.limit)).toEqual(['20', '20', '20']);
		expect(lists()[0].query.cursor).toBeUndefined();
		expect(lists()[1].query.cursor).toBe(lists()[0].response && (lists()[0].response as { pagination: { next_cursor: string } }).pagination.next_cursor);
		for (const r of lists()) expectBusinessEventsKey(sb, r);
	});

	test('a Limit of 25 stops on the second page and asks it for only 5', async () => {
		const { outputs } = await run({ returnAll: false, limit: 25 });
		expect(outputs[0]).toHaveLength(25);
		expect(outputs[0].map((o) => o.json.name)).toEqual([...sb.businessEvents.keys()].slice(0, 25));
		expect(lists().map((r) => r.query.limit)).toEqual(['20', '5']);
	});

	test('a Limit of 20 is one request; the default Limit is 50', async () => {
		expect((await run({ returnAll: false, limit: 20 })).outputs[0]).toHaveLength(20);
		expect(lists()).toHaveLength(1);
		expect((await run({})).outputs[0]).toHaveLength(45);
	});

	test('a refused list fails the item with the key hint, under Continue On Fail', async () => {
		sb.injectFaults({ kind: 'status', status: 403, pathPrefix: '/v5/business-events' });
		const { outputs } = await run({ returnAll: true }, { continueOnFail: true });
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0].json.error).toBe('MoEngage: This API key does not have the scope required to read business events.');
		expect(String(outputs[0][0].json.description)).toMatch(/did not allow the Business Events API Key/);
	});
});
