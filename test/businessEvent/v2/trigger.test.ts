import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { DEFAULT_RATE_LIMITS } from '../../../sandbox';
import type { RunOptions } from '../helpers';
import { expectBusinessEventsKey, requestsTo, runBusinessEvent, triggerJsonParameters, triggerParameters, useSandbox } from '../helpers';

/** Version 2's Trigger: MoEngage's V5 API, against the sandbox. */
let sb: Sandbox;

useSandbox(
	(s) => {
		sb = s;
		sb.addBusinessEvent({ event_name: 'Mixed', event_attributes: { note: 'string' }, campaign_ids: ['c1', 'c2'], flow_ids: ['f1'] });
		sb.addBusinessEvent({ event_name: 'Flags', event_attributes: { in_stock: 'boolean', seen_at: 'datetime', price: 'number' } });
	},
	{},
	(s) => {
		s.setRateLimits(DEFAULT_RATE_LIMITS);
		s.v5QuotaAnswer = 'skip';
	},
);

async function run(parameters: INodeParameters, items: IDataObject[] = [{}], options: RunOptions = {}) {
	return await runBusinessEvent(sb, parameters, items, { typeVersion: 2, ...options });
}

const triggers = () => requestsTo(sb, 'businessEventTriggerV5');

describe('Trigger (version 2, V5)', () => {
	test('partial success: the item says per campaign and flow what was triggered and what the quota skipped', async () => {
		sb.setRateLimits({ beFlowTriggerPerHour: 1 });
		const { outputs, error } = await run(triggerJsonParameters('Mixed', '{"note": "x"}'), [{}, {}]);
		expect(error).toBeUndefined();
		expect(triggers()).toHaveLength(2);
		expectBusinessEventsKey(sb, triggers()[0]);
		expect(triggers()[0].body).toEqual({ event_name: 'Mixed', triggered_by: 'n8n@example.com', event_attributes: { note: 'x' } });
		const [first, second] = outputs[0].map((o) => o.json);
		expect(first).toMatchObject({ triggered_status: 'SUCCESS', summary: { total: 3, triggered: 3, failed: 0 } });
		expect(second).toMatchObject({
			event_name: 'Mixed',
			triggered_by: 'n8n@example.com',
			event_attributes: { note: 'x' },
			triggered_status: 'PARTIAL_SUCCESS',
			message: 'The business event has been triggered',
			summary: { total: 3, triggered: 2, failed: 1 },
			triggered_campaign_ids: ['c1', 'c2'],
			failed_campaign_ids: [],
			triggered_flow_ids: [],
			failed_flow_ids: ['f1'],
			campaigns: [
				{ id: 'c1', status: 'triggered' },
				{ id: 'c2', status: 'triggered' },
			],
			flows: [{ id: 'f1', status: 'skipped', reason: "skipped by MoEngage's trigger quota" }],
			response_id: expect.stringMatching(/^resp_[0-9a-f]{32}$/),
		});
		expect(outputs[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('reads the event\'s V5 attribute types once and converts values to them before sending', async () => {
		const { outputs } = await run(
			triggerParameters('Flags', { in_stock: '={{ $json.stock }}', seen_at: '2024-05-31', price: '14.50' }),
			[{ stock: 'TRUE' }, { stock: false }],
		);
		expect(outputs[0].map((o) => o.json.triggered_status)).toEqual(['SUCCESS', 'SUCCESS']);
		expect(triggers().map((r) => (r.body as IDataObject).event_attributes)).toEqual([
			{ in_stock: true, seen_at: '2024-05-31T00:00:00Z', price: 14.5 },
			{ in_stock: false, seen_at: '2024-05-31T00:00:00Z', price: 14.5 },
		]);
		expect(requestsTo(sb, 'businessEventListV5').map((r) => r.query)).toEqual([{ limit: '20', name: 'Flags' }]);
	});

	test('a value that is not of the declared type, or a date with slashes, fails its item before any trigger', async () => {
		const { outputs } = await run(triggerParameters('Flags', { in_stock: '={{ $json.v }}' }), [{ v: 'maybe' }, { v: true }], {
			continueOnFail: true,
		});
		expect(outputs[0][0].json.error).toBe('Attribute "in_stock" of business event "Flags" must be boolean: "maybe" is not a boolean [item 0]');
		expect(outputs[0][1].json.triggered_status).toBe('SUCCESS');
		const slash = await run(triggerParameters('Flags', { seen_at: '01/02/2024' }), [{}], { continueOnFail: true });
		expect(String(slash.outputs[0][0].json.error)).toMatch(/must be datetime: "01\/02\/2024" is written with slashes/);
		expect(triggers()).toHaveLength(1);
	});

	test('Triggered By: empty sends the default n8n@example.com, an address is sent as given, anything else fails before sending', async () => {
		await run(triggerJsonParameters('NewMovies', '{}', { triggeredBy: '' }));
		await run(triggerJsonParameters('NewMovies', '{}', { triggeredBy: 'ops@example.com' }));
		const bad = await run(triggerJsonParameters('NewMovies', '{}', { triggeredBy: 'n8n' }), [{}], { continueOnFail: true });
		expect(triggers().map((r) => (r.body as IDataObject).triggered_by)).toEqual(['n8n@example.com', 'ops@example.com']);
		expect(bad.outputs[0][0].json.error).toBe('"Triggered By" must be an email address, not "n8n" [item 0]');
	});

	test('FAILURE (nothing attached) is an item error; under Continue (using error output) it goes to the error output', async () => {
		const { outputs } = await run(triggerJsonParameters('={{ $json.event }}', '{}'), [{ event: 'NoActiveCampaign' }, { event: 'NewMovies' }], {
			onError: 'continueErrorOutput',
		});
		expect(outputs[0].map((o) => o.json.event_name)).toEqual(['NewMovies']);
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].json.error).toBe(
			'Business event "NoActiveCampaign" triggered nothing: no active campaign or flow uses it (MoEngage answered FAILURE) [item 0]',
		);
		expect(outputs[1][0].pairedItem).toEqual({ item: 0 });
	});

	test('FAILURE by MoEngage\'s quota names the skipped campaigns; without Continue On Fail the run stops there', async () => {
		sb.setRateLimits({ beTriggerPer5Min: 1 });
		const { outputs, error } = await run(triggerJsonParameters('NewMovies', '{}'), [{}, {}, {}]);
		expect(outputs).toEqual([]);
		expect(error?.message).toBe(
			'Business event "NewMovies" triggered nothing: MoEngage\'s trigger quota skipped 1 campaign(s) and 0 flow(s) (MoEngage answered FAILURE) [item 1]',
		);
		expect(error?.description).toContain(`Skipped campaigns: ${sb.businessEvents.get('NewMovies')!.campaign_ids[0]}`);
		expect(triggers()).toHaveLength(2);
	});

	test('a 429 with Retry-After comes before MoEngage took anything: waited out and sent again, triggered once', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 1, pathPrefix: '/v5/business-events/triggers' });
		const { outputs } = await run(triggerJsonParameters('NewMovies', '{}'));
		expect(outputs[0][0].json.triggered_status).toBe('SUCCESS');
		expect(triggers().map((r) => r.status)).toEqual([429, 200]);
		expect(sb.accepted().filter((a) => a.kind === 'businessEvent')).toHaveLength(1);
	});

	test('a 5xx after sending is not repeated: the item says the trigger may or may not have fired', async () => {
		sb.injectFaults({ kind: 'status', status: 500, pathPrefix: '/v5/business-events/triggers' });
		const { outputs } = await run(triggerJsonParameters('NewMovies', '{}'), [{}], { continueOnFail: true });
		expect(triggers()).toHaveLength(1);
		expect(String(outputs[0][0].json.error)).toMatch(/^MoEngage did not confirm the trigger of business event "NewMovies" \(HTTP 500/);
		expect(String(outputs[0][0].json.description)).toContain("the event's trigger_count, operation Get Many or Search");
	});

	test('MoEngage\'s V5 400 answers in the user\'s words, with MoEngage\'s response ID', async () => {
		sb.injectFaults({
			kind: 'status',
			status: 400,
			body: {
				response_id: 'resp_43df150045014b9195a2c2dade35dffe',
				error: {
					code: 'VALIDATION_FAILED',
					message: 'One or more fields failed validation.',
					details: [{ field: 'event_attributes.price', issue: 'INVALID_TYPE', message: 'Expected number, got string.' }],
				},
			},
			pathPrefix: '/v5/business-events/triggers',
		});
		const { outputs } = await run(triggerJsonParameters('Flags', '{"price": 3}'), [{}], { continueOnFail: true });
		expect(outputs[0][0].json.error).toBe(
			'Attribute "price" of business event "Flags" has a value of the wrong type: Expected number, got string.',
		);
		expect(String(outputs[0][0].json.description)).toContain('MoEngage request ID: resp_43df150045014b9195a2c2dade35dffe');
	});

	test('an event that does not exist fails before any trigger', async () => {
		const { outputs } = await run(triggerJsonParameters('Nope', '{}'), [{}], { continueOnFail: true });
		expect(String(outputs[0][0].json.error)).toMatch(/^Business event "Nope" does not exist in this workspace/);
		expect(triggers()).toHaveLength(0);
	});

	test('versions 1 and 1.1 keep the legacy trigger', async () => {
		for (const typeVersion of [1, 1.1]) await run(triggerJsonParameters('NewMovies', '{"rating": "R"}'), [{}], { typeVersion });
		expect(triggers()).toHaveLength(0);
		expect(requestsTo(sb, 'businessEventTrigger').map((r) => r.body)).toEqual([
			{ event_name: 'NewMovies', event_attributes: { rating: 'R' } },
			{ event_name: 'NewMovies', event_attributes: { rating: 'R' } },
		]);
	});
});
