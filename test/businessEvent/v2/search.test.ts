import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import type { RunOptions } from '../helpers';
import { requestsTo, runBusinessEvent, useSandbox } from '../helpers';

/** Version 2's Search: MoEngage's V5 search, by names or by IDs. */
let sb: Sandbox;

useSandbox((s) => {
	sb = s;
	for (let n = 1; n <= 25; n++) sb.addBusinessEvent({ event_name: `Found_${String(n).padStart(2, '0')}` });
});

async function run(parameters: INodeParameters, items: IDataObject[] = [{}], options: RunOptions = {}) {
	return await runBusinessEvent(sb, { resource: 'businessEvent', operation: 'search', ...parameters }, items, { typeVersion: 2, ...options });
}

const searches = () => requestsTo(sb, 'businessEventSearchV5');
const NEW_MOVIES_ID = '647597767459c85d7d6d6dfd';

describe('Search (version 2, V5)', () => {
	test('by names: one item per event found, in V5\'s shape', async () => {
		const { outputs } = await run({ searchBy: 'names', eventNames: 'NewMovies, PriceDrop, Missing' });
		expect(searches().map((r) => r.body)).toEqual([{ filters: { names: ['NewMovies', 'PriceDrop', 'Missing'] }, limit: 20 }]);
		expect(outputs[0].map((o) => o.json.name)).toEqual(['NewMovies', 'PriceDrop']);
		expect(outputs[0][0].json).toMatchObject({ id: NEW_MOVIES_ID, trigger_count: 0, created_by: 'john.doe@moengage.com' });
	});

	test('by IDs (the default Search By is names)', async () => {
		const { outputs } = await run({ searchBy: 'ids', eventIds: NEW_MOVIES_ID });
		expect(searches().map((r) => r.body)).toEqual([{ filters: { ids: [NEW_MOVIES_ID] }, limit: 20 }]);
		expect(outputs[0].map((o) => o.json.name)).toEqual(['NewMovies']);
	});

	test('25 names are read over two pages', async () => {
		const names = Array.from({ length: 25 }, (_, n) => `Found_${String(n + 1).padStart(2, '0')}`);
		const { outputs } = await run({ eventNames: names.join(',') });
		expect(outputs[0].map((o) => o.json.name)).toEqual(names);
		expect(searches()).toHaveLength(2);
		expect((searches()[1].body as IDataObject).cursor).toEqual(expect.any(String));
	});

	test('nothing found yields one item saying so; nothing given fails the item before any request', async () => {
		const { outputs } = await run({ eventNames: '={{ $json.name }}' }, [{ name: 'Nope' }, { name: '' }], { continueOnFail: true });
		expect(outputs[0][0].json).toEqual({ found: false, names: ['Nope'] });
		expect(outputs[0][1].json.error).toBe('"Event Names" is empty [item 1]');
		expect(String(outputs[0][1].json.description)).toContain('use operation Get Many');
		expect(searches()).toHaveLength(1);
	});
});
