/**
 * MoEngage Business Event → Trigger against the sandbox's faults. A trigger fires campaigns, so
 * the node never repeats one MoEngage may already have taken (timeout, reset, 5xx) unless the
 * user opts in, and never waits out the hourly/daily quota (429). For each fault: requests made,
 * items reported sent or failed with the reason, and the accounting invariant, with its honest
 * exception: an answer lost after MoEngage took the trigger leaves the item reported failed
 * ("may or may not have fired") although the campaign fired.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { MoEngageBusinessEvent } from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node';
import type { Fault, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { NodeRunResult } from '../support/runNode';
import { runNode, sandboxCredentials } from '../support/runNode';
import { requestsTo, triggerParameters } from '../businessEvent/helpers';
import { acceptedTriggers, expectAccounting } from './accounting';

let sb: Sandbox;

const EVENT = 'ReliabilityCheck';
const TRIGGER_PATH = '/v1.0/business_event/trigger';
const TIMEOUT_MS = 700;

beforeAll(async () => {
	sb = await startSandbox({
		rateLimits: { beTriggerPerHour: 100_000, beTriggerPerDay: 100_000, beSearchPerWindow: 100_000 },
	});
	sb.addBusinessEvent({ event_name: EVENT, event_attributes: { marker: 'string' } });
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.clearRequests();
	sb.clearFaults();
	sb.resetRateLimits();
});

let runNumber = 0;

async function trigger(options: IDataObject = {}): Promise<{ result: NodeRunResult; markers: string[] }> {
	runNumber++;
	const markers = [0, 1, 2].map((i) => `run${runNumber}-item${i}`);
	const result = await runNode({
		nodeType: new MoEngageBusinessEvent(),
		parameters: triggerParameters(EVENT, { marker: '={{ $json.m }}' }, { options: options as INodeParameters }),
		items: markers.map((m): INodeExecutionData => ({ json: { m } })),
		credentials: sandboxCredentials(sb),
		continueOnFail: true,
	});
	return { result, markers };
}

const onTrigger = (fault: Fault): Fault => ({ ...fault, pathPrefix: TRIGGER_PATH });

const QUOTA = /^MoEngage business event quota reached \(10 triggers per 5 minutes, 50 per hour, 200 per day\): try again after /;
const UNCONFIRMED = /^MoEngage did not confirm the trigger of business event "ReliabilityCheck" \(/;

describe('Trigger, default options (no retry of anything MoEngage may have taken)', () => {
	test.each([
		['429 with Retry-After', onTrigger({ kind: 'status', status: 429 }), /in 1 s\)$/],
		[
			'429 without reset headers',
			onTrigger({ kind: 'status', status: 429, retryAfter: null, headers: { 'x-ratelimit-reset': 'unknown' } }),
			/after the quota window resets$/,
		],
	])('%s: the item fails at once with when to retry; the later items are not sent', async (_name, fault, when) => {
		sb.injectFaults(fault);
		const { result, markers } = await trigger();
		expect(result.error).toBeUndefined();
		const ledger = expectAccounting({ inputs: markers, output: result.outputs[0], accepted: acceptedTriggers(sb, 'marker') });
		expect(ledger.failed).toEqual(markers);
		for (const m of markers) expect(ledger.reasons[m]).toMatch(QUOTA);
		expect(ledger.reasons[markers[0]]).toMatch(when);
		expect(result.outputs[0][0].json.description).toMatch(/nothing was triggered for this item/);
		expect(result.outputs[0][1].json.description).toMatch(/This item was not sent/);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(1);
	});

	test.each([
		['500', onTrigger({ kind: 'status', status: 500 }), /HTTP 500: An unexpected error/, false],
		['503', onTrigger({ kind: 'status', status: 503 }), /HTTP 503: The service is temporarily unable/, false],
		['connection reset before MoEngage read it', onTrigger({ kind: 'reset' }), /connection to MoEngage was reset/, false],
		['no answer at all', onTrigger({ kind: 'hang' }), /did not answer within the timeout/, false],
		['connection reset after MoEngage took it', onTrigger({ kind: 'reset', afterProcessing: true }), /connection to MoEngage was reset/, true],
		['answer slower than the timeout (MoEngage took it)', onTrigger({ kind: 'delay', ms: TIMEOUT_MS * 2 }), /did not answer within the timeout/, true],
	])(
		'%s: one request, the item reported "may or may not have fired"; the other items are sent',
		async (_name, fault, reason, tookIt) => {
			sb.injectFaults(fault);
			const { result, markers } = await trigger({ timeout: TIMEOUT_MS });
			expect(result.error).toBeUndefined();
			const ledger = expectAccounting({
				inputs: markers,
				output: result.outputs[0],
				accepted: acceptedTriggers(sb, 'marker'),
				// The honest exception: MoEngage fired it, but its answer was lost, and the node does not guess.
				acceptedButReportedFailed: tookIt ? [markers[0]] : [],
			});
			expect(ledger.failed).toEqual([markers[0]]);
			expect(ledger.sent).toEqual(markers.slice(1));
			expect(ledger.reasons[markers[0]]).toMatch(UNCONFIRMED);
			expect(ledger.reasons[markers[0]]).toMatch(reason);
			expect(result.outputs[0][0].json.description).toMatch(
				/may or may not have fired a campaign\. The node did not retry, so that no campaign is sent twice/,
			);
			expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(3);
		},
	);
});

describe('Trigger with "Retry on Timeout or Server Error" on', () => {
	test('a 503 is retried and the item sent once', async () => {
		sb.injectFaults(onTrigger({ kind: 'status', status: 503 }));
		const { result, markers } = await trigger({ retryOnServerError: true });
		const ledger = expectAccounting({ inputs: markers, output: result.outputs[0], accepted: acceptedTriggers(sb, 'marker') });
		expect(ledger.sent).toEqual(markers);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(4);
	});

	test('an answer lost after MoEngage took the trigger: the retry makes MoEngage take it twice (what the option risks)', async () => {
		sb.injectFaults(onTrigger({ kind: 'reset', afterProcessing: true }));
		const { result, markers } = await trigger({ retryOnServerError: true });
		const ledger = expectAccounting({
			inputs: markers,
			output: result.outputs[0],
			accepted: acceptedTriggers(sb, 'marker'),
			duplicated: [markers[0]],
		});
		expect(ledger.sent).toEqual(markers);
	});

	test('an outage longer than all retries: 5 attempts, then the item fails, saying it may have fired', async () => {
		sb.injectFaults(...Array.from({ length: 5 }, () => onTrigger({ kind: 'status', status: 503 })));
		const started = Date.now();
		const { result, markers } = await trigger({ retryOnServerError: true });
		// Backoff from 1 s doubling, with jitter: at most 1 + 2 + 4 + 8 s.
		expect(Date.now() - started).toBeLessThan(20_000);
		const ledger = expectAccounting({ inputs: markers, output: result.outputs[0], accepted: acceptedTriggers(sb, 'marker') });
		expect(ledger.failed).toEqual([markers[0]]);
		expect(ledger.reasons[markers[0]]).toMatch(UNCONFIRMED);
		expect(result.outputs[0][0].json.description).toMatch(/may or may not have fired a campaign[\s\S]*Attempts made: 5/);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(5 + 2);
	}, 30_000);
});

describe('Create', () => {
	const create = async (name: string) =>
		await runNode({
			nodeType: new MoEngageBusinessEvent(),
			parameters: {
				resource: 'businessEvent',
				operation: 'create',
				eventName: name,
				createdBy: 'ops@example.com',
				attributes: { attribute: [{ name: 'marker', dataType: 'string' }] },
			},
			items: [{ json: {} }],
			credentials: sandboxCredentials(sb),
			continueOnFail: true,
		});

	const createdEvents = () =>
		sb.accepted().filter((a) => a.kind === 'businessEventCreate').map((a) => String(a.event_name));

	test('an answer lost after MoEngage created the event: the retry\'s "already exists" is confirmed with Search, and the item succeeds, marked as created by the earlier attempt', async () => {
		sb.injectFaults({ kind: 'reset', afterProcessing: true, pathPrefix: '/v1.0/business_event' });
		const { outputs } = await create('CreatedOnce');
		// Created exactly once (MoEngage refuses a second event of the same name), and reported created.
		const ledger = expectAccounting({ inputs: ['CreatedOnce'], output: outputs[0], accepted: createdEvents() });
		expect(ledger.sent).toEqual(['CreatedOnce']);
		expect(outputs[0][0].json).toMatchObject({
			event_name: 'CreatedOnce',
			event_id: sb.businessEvents.get('CreatedOnce')!.event_id,
			event_attributes: [{ attribute_name: 'marker', attribute_data_type: 'string' }],
			createdByEarlierAttempt: true,
		});
		expect(sb.requests.map((r) => [r.path, r.status])).toEqual([
			['/v1.0/business_event', 0],
			['/v1.0/business_event', 400],
			['/v1.0/business_event/search', 200],
		]);
	});

	test('if Search cannot confirm it, the item fails saying the earlier attempt may have created it', async () => {
		sb.injectFaults(
			{ kind: 'reset', afterProcessing: true, pathPrefix: '/v1.0/business_event' },
			{ kind: 'status', status: 403, body: { error: { message: 'Forbidden' } }, pathPrefix: '/v1.0/business_event/search' },
		);
		const { outputs } = await create('CreatedUnconfirmed');
		const ledger = expectAccounting({
			inputs: ['CreatedUnconfirmed'],
			output: outputs[0],
			accepted: createdEvents(),
			acceptedButReportedFailed: ['CreatedUnconfirmed'],
		});
		expect(ledger.reasons.CreatedUnconfirmed).toMatch(/may have been created by an earlier attempt/);
		expect(String(outputs[0][0].json.description)).toMatch(/operation Search/);
	});

	test('a retried Create refused because an event of that name with other attributes already exists: plain "already exists"', async () => {
		sb.injectFaults({ kind: 'status', status: 503, pathPrefix: '/v1.0/business_event' });
		const { outputs } = await create('NewMovies');
		expect(outputs[0][0].json.error).toBe(
			'Business event "NewMovies" already exists in this workspace: trigger it (operation Trigger) or choose another name',
		);
		expect(outputs[0][0].json).not.toHaveProperty('createdByEarlierAttempt');
		expect(createdEvents()).toEqual([]);
	});
});

describe('the schema lookup (Search) before the triggers', () => {
	test('a 503 on Search is retried (reading is safe); then every item is triggered once', async () => {
		sb.injectFaults({ kind: 'status', status: 503, pathPrefix: '/v1.0/business_event/search' });
		const { result, markers } = await trigger();
		const ledger = expectAccounting({ inputs: markers, output: result.outputs[0], accepted: acceptedTriggers(sb, 'marker') });
		expect(ledger.sent).toEqual(markers);
		expect(requestsTo(sb, 'businessEventSearch')).toHaveLength(2);
	});

	test('a refused Search (wrong key) fails every item before any trigger, saying nothing was triggered', async () => {
		const { markers, result } = await (async () => {
			runNumber++;
			const m = [0, 1].map((i) => `run${runNumber}-item${i}`);
			const r = await runNode({
				nodeType: new MoEngageBusinessEvent(),
				parameters: triggerParameters(EVENT, { marker: '={{ $json.m }}' }),
				items: m.map((x): INodeExecutionData => ({ json: { m: x } })),
				credentials: sandboxCredentials(sb, { businessEventsApiKey: 'not-the-key' }),
				continueOnFail: true,
			});
			return { markers: m, result: r };
		})();
		const ledger = expectAccounting({ inputs: markers, output: result.outputs[0], accepted: acceptedTriggers(sb, 'marker') });
		expect(ledger.failed).toEqual(markers);
		expect(String(result.outputs[0][0].json.description)).toMatch(/Nothing was triggered/);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(0);
	});
});
