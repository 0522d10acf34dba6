import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { RunOptions } from './helpers';
import { expectBusinessEventsKey, ODD_SEARCH_ANSWER, requestsTo, runBusinessEvent, useSandbox } from './helpers';

let sb: Sandbox;

useSandbox((s) => (sb = s));

async function run(parameters: INodeParameters, items?: IDataObject[], options?: RunOptions) {
	return await runBusinessEvent(sb, { resource: 'businessEvent', ...parameters }, items, options);
}

const NEW_MOVIES_ID = '647597767459c85d7d6d6dfd';

describe('Search', () => {
	test('by names: one output item per business event, only event_names sent, with the Business Events key', async () => {
		const { outputs, error } = await run({ operation: 'search', eventNames: 'NewMovies, PriceDrop' });
		expect(error).toBeUndefined();
		const [request] = requestsTo(sb, 'businessEventSearch');
		expect(sb.requests).toHaveLength(1);
		expect(request.method).toBe('POST');
		expectBusinessEventsKey(sb, request);
		expect(request.body).toEqual({ event_names: ['NewMovies', 'PriceDrop'] });
		expect(outputs[0].map((o) => o.json.event_name).sort()).toEqual(['NewMovies', 'PriceDrop']);
		expect(outputs[0].every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
		const newMovies = outputs[0].find((o) => o.json.event_name === 'NewMovies')!.json;
		expect(newMovies).toMatchObject({
			event_id: NEW_MOVIES_ID,
			db_name: 'Sandbox_App',
			event_attributes: [
				{ attribute_name: 'MovieName', attribute_data_type: 'array' },
				{ attribute_name: 'rating', attribute_data_type: 'string' },
			],
		});
	});

	test('by IDs, and by IDs and names together', async () => {
		const byId = await run({ operation: 'search', eventIds: NEW_MOVIES_ID });
		expect(byId.outputs[0].map((o) => o.json.event_name)).toEqual(['NewMovies']);
		const both = await run({ operation: 'search', eventIds: NEW_MOVIES_ID, eventNames: 'PriceDrop' });
		expect(both.outputs[0].map((o) => o.json.event_name).sort()).toEqual(['NewMovies', 'PriceDrop']);
		expect(requestsTo(sb, 'businessEventSearch').map((r) => r.body)).toEqual([
			{ event_ids: [NEW_MOVIES_ID] },
			{ event_ids: [NEW_MOVIES_ID], event_names: ['PriceDrop'] },
		]);
	});

	test('no filter lists every business event (body {}) where the workspace answers an empty search', async () => {
		sb.legacyEmptySearch = 'all';
		try {
			const { outputs } = await run({ operation: 'search' });
			expect(requestsTo(sb, 'businessEventSearch')[0].body).toEqual({});
			expect(outputs[0].map((o) => o.json.event_name).sort()).toEqual([...sb.businessEvents.keys()].sort());
		} finally {
			sb.legacyEmptySearch = 'refuse';
		}
	});

	test('no filter, against a workspace that refuses an empty search (as the reference words it): MoEngage\'s refusal per item', async () => {
		const { outputs } = await run({ operation: 'search' }, [{}], { continueOnFail: true });
		expect(requestsTo(sb, 'businessEventSearch')[0].body).toEqual({});
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0].json.error).toBe('MoEngage: At least one of event_ids or event_names should be provided');
	});

	test('nothing found still yields one item per input, saying so', async () => {
		const { outputs } = await run({ operation: 'search', eventNames: '={{ $json.name }}' }, [
			{ name: 'Nope' },
			{ name: 'NewMovies' },
		]);
		expect(outputs[0]).toEqual([
			{ json: { found: false, event_names: ['Nope'] }, pairedItem: { item: 0 } },
			expect.objectContaining({ json: expect.objectContaining({ event_name: 'NewMovies' }), pairedItem: { item: 1 } }),
		]);
	});

	test('odd display-only fields, null attributes and one event without a name: the readable events are output as MoEngage sent them', async () => {
		sb.injectFaults({ kind: 'status', status: 200, body: ODD_SEARCH_ANSWER, pathPrefix: '/v1.0/business_event/search' });
		const { outputs, error } = await run({ operation: 'search' });
		expect(error).toBeUndefined();
		expect(outputs[0].map((o) => o.json)).toEqual([
			ODD_SEARCH_ANSWER.data[0],
			{ event_name: 'NoAttributes', event_attributes: [], total_sent_message: '12' },
		]);
	});

	test('when only unreadable events were found, the "not found" item counts them', async () => {
		sb.injectFaults({ kind: 'status', status: 200, body: { data: [{ event_id: 'x' }] }, pathPrefix: '/v1.0/business_event/search' });
		const { outputs } = await run({ operation: 'search', eventIds: 'x' });
		expect(outputs[0].map((o) => o.json)).toEqual([{ found: false, event_ids: ['x'], unreadableEvents: 1 }]);
	});

	test.each([
		['text', '<html>Bad gateway</html>'],
		['data of the wrong kind', { data: 'NewMovies' }],
	])('a body that is no search answer at all (%s) still fails, saying so', async (_name, body) => {
		sb.injectFaults({ kind: 'status', status: 200, body, pathPrefix: '/v1.0/business_event/search' });
		const { error } = await run({ operation: 'search' });
		expect(error?.message).toBe('MoEngage: MoEngage answered the business event search with a body this node does not understand');
	});

	test('search uses the default retries: a 500 is retried', async () => {
		sb.injectFaults({ kind: 'status', status: 500, pathPrefix: '/v1.0/business_event/search' });
		const { outputs, error } = await run({ operation: 'search', eventNames: 'NewMovies' });
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(1);
		expect(requestsTo(sb, 'businessEventSearch').map((r) => r.status)).toEqual([500, 200]);
	});

	test('without a Business Events key: a clear error per item under Continue On Fail, no request', async () => {
		const { outputs } = await run({ operation: 'search', eventNames: 'NewMovies' }, [{}, {}], {
			continueOnFail: true,
			credentials: { businessEventsApiKey: '' },
		});
		expect(outputs[0]).toEqual([0, 1].map((item) => ({
			json: { error: 'The MoEngage credential has no Business Events API Key', description: expect.stringMatching(/Business Events API Key/) },
			pairedItem: { item },
		})));
		expect(sb.requests).toHaveLength(0);
	});
});

test('On Error → Continue (using error output): a failed search goes to the error output, a found event to the main one', async () => {
	sb.injectFaults({ kind: 'status', status: 403, body: { error: { message: 'Forbidden' } }, pathPrefix: '/v1.0/business_event/search' });
	const { outputs } = await run({ operation: 'search', eventNames: '={{ $json.name }}' }, [{ name: 'NewMovies' }, { name: 'PriceDrop' }], {
		onError: 'continueErrorOutput',
	});
	expect(outputs[0].map((o) => [o.pairedItem, o.json.event_name])).toEqual([[{ item: 1 }, 'PriceDrop']]);
	expect(outputs[1]).toEqual([{ json: { error: 'MoEngage: Forbidden', details: expect.any(String) }, pairedItem: { item: 0 } }]);
});
