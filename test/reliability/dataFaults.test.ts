/**
 * MoEngage Data node against the sandbox's faults: 429 (with and without reset headers, and for
 * longer than the node waits), 500/503, connection resets, answers slower than the timeout, no
 * answer, connection refused, and outages longer than all retries. For each: how many requests
 * were made (bounded), which items were reported sent or failed (with the reason), and the
 * accounting invariant (see accounting.ts), including the honest exception: a request MoEngage
 * processed but whose answer was lost is sent again, so it may be taken twice.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Fault, RecordedRequest, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runNode, sandboxCredentials } from '../support/runNode';
import { MoEngageData } from '../../nodes/MoEngageData/MoEngageData.node';
import type { Ledger } from './accounting';
import { acceptedCustomers, expectAccounting } from './accounting';
import type { DataMode } from './dataModes';
import {
	ALL_MODES,
	BULK_IMPORT,
	customersIn,
	DEVICE_SINGLE,
	EVENT_BATCHED,
	EVENT_SINGLE,
	runMode,
	USER_BATCHED,
	USER_SINGLE,
} from './dataModes';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ rateLimits: { dataUsersPerWindow: 1_000_000, dataEventsPerWindow: 1_000_000 } });
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.clearRequests();
	sb.clearFaults();
	sb.resetRateLimits();
});

/** 40 KB notes: batched operations put two items per bulk request (5 items → 3 requests). */
const NOTE = 'n'.repeat(40_000);
const ITEMS = 5;
/** Short enough to keep the suite fast, long enough for a loaded machine's normal answers. */
const TIMEOUT_MS = 700;

const rateLimited = (retryAfter: number | null): Fault =>
	retryAfter === null
		? // The sandbox always sends the window's x-ratelimit-reset: an unreadable value stands for "no reset header".
			{ kind: 'status', status: 429, retryAfter: null, headers: { 'x-ratelimit-reset': 'unknown' }, pathPrefix: '/v1/' }
		: { kind: 'status', status: 429, retryAfter, pathPrefix: '/v1/' };
const status = (code: number): Fault => ({ kind: 'status', status: code, pathPrefix: '/v1/' });
const reset = (afterProcessing = false): Fault => ({ kind: 'reset', afterProcessing, pathPrefix: '/v1/' });
const slow: Fault = { kind: 'delay', ms: TIMEOUT_MS * 2, pathPrefix: '/v1/' };
const hang: Fault = { kind: 'hang', pathPrefix: '/v1/' };

type Outcome =
	/** the first request's items are sent after retries; each is taken once */
	| 'recovered'
	/** ... but MoEngage took the first request twice (its first answer was lost) */
	| 'recoveredTakenTwice'
	/** the first request's items are reported failed; nothing of them was taken */
	| 'failed';

interface Scenario {
	name: string;
	faults: Fault[];
	outcome: Outcome;
	/** attempts of the first request (all its requests reach the sandbox) */
	attempts: number;
	/** reason of the failed items */
	reason?: RegExp;
	/** modes to run it in (default: all) */
	modes?: DataMode[];
	options?: IDataObject;
	/** the first request must not be repeated sooner than this after the previous attempt */
	minGapMs?: number;
	/**
	 * MoEngage asked to wait longer than the deadline: the run's later requests to the endpoint are
	 * not sent either (each would only collect a 429 of its own); their items fail with this reason.
	 */
	laterNotSent?: RegExp;
}

const RATE_LIMITED = /^MoEngage: Rate Limits for User \/ Event exceeded$/;
const UNAVAILABLE = /^MoEngage: The service is temporarily unable to process this request/;

const SCENARIOS: Scenario[] = [
	{
		name: '429 with Retry-After and x-ratelimit-reset: waited out, then sent',
		faults: [rateLimited(1)],
		outcome: 'recovered',
		attempts: 2,
		minGapMs: 1000,
		modes: [USER_BATCHED, EVENT_SINGLE],
	},
	{
		name: '429 without reset headers: waited out for a rate window, then sent',
		faults: [rateLimited(null)],
		outcome: 'recovered',
		attempts: 2,
		minGapMs: 1000,
		options: { rateWindowSeconds: 1 },
		modes: [USER_BATCHED, EVENT_SINGLE],
	},
	{
		name: '429 for longer than the node waits (a rate window, then 4 backoffs): failed with MoEngage\'s reason after 6 requests',
		faults: Array.from({ length: 6 }, () => rateLimited(null)),
		outcome: 'failed',
		attempts: 6,
		reason: RATE_LIMITED,
		options: { rateWindowSeconds: 1 },
	},
	{
		name: '429 asking to wait an hour: failed at once, not waited, and the later requests of the run held (not sent)',
		faults: [rateLimited(3600)],
		outcome: 'failed',
		attempts: 1,
		reason: RATE_LIMITED,
		laterNotSent: /^MoEngage: MoEngage asked to wait 3600 s more before the next request to this endpoint$/,
	},
	{ name: '500 once: retried, then sent', faults: [status(500)], outcome: 'recovered', attempts: 2 },
	{ name: '503 once: retried, then sent', faults: [status(503)], outcome: 'recovered', attempts: 2 },
	{
		name: '503 outage longer than all retries: failed after Max Attempts (3)',
		faults: [status(503), status(503), status(503)],
		outcome: 'failed',
		attempts: 3,
		reason: UNAVAILABLE,
	},
	{ name: 'connection reset before MoEngage read the request: retried, sent once', faults: [reset()], outcome: 'recovered', attempts: 2 },
	{
		name: 'connection resets longer than all retries: failed',
		faults: [reset(), reset(), reset()],
		outcome: 'failed',
		attempts: 3,
		reason: /^MoEngage: The connection to MoEngage was reset before an answer came$/,
	},
	{
		name: 'connection reset after MoEngage took the request: retried, so MoEngage takes it twice',
		faults: [reset(true)],
		outcome: 'recoveredTakenTwice',
		attempts: 2,
	},
	{
		name: 'answer slower than the timeout (MoEngage took the request): retried, so MoEngage takes it twice',
		faults: [slow],
		outcome: 'recoveredTakenTwice',
		attempts: 2,
		options: { timeoutMs: TIMEOUT_MS },
		modes: [USER_BATCHED, EVENT_BATCHED, EVENT_SINGLE],
	},
	{
		name: 'no answer at all (not processed): timed out, retried, sent once',
		faults: [hang],
		outcome: 'recovered',
		attempts: 2,
		options: { timeoutMs: TIMEOUT_MS },
		modes: [USER_SINGLE, BULK_IMPORT],
	},
	{
		name: 'outage longer than all retries (no answer, reset, 503): failed with the last reason',
		faults: [hang, reset(), status(503)],
		outcome: 'failed',
		attempts: 3,
		reason: UNAVAILABLE,
		options: { timeoutMs: TIMEOUT_MS },
		modes: [EVENT_BATCHED, DEVICE_SINGLE],
	},
];

const CASES = SCENARIOS.flatMap((scenario) =>
	(scenario.modes ?? ALL_MODES).map((mode) => [mode.name, scenario.name, mode, scenario] as const),
);

/** The requests that carried the first request's items (its attempts), in order. */
function attemptsOfFirst(requests: RecordedRequest[]): RecordedRequest[] {
	const first = customersIn(requests[0]).join(',');
	return requests.filter((r) => customersIn(r).join(',') === first);
}

describe.each(CASES)('%s: %s', (_modeName, _scenarioName, mode, scenario) => {
	test('retries within bounds; every item once in the output; sent == accepted', async () => {
		const ids = Array.from({ length: ITEMS }, (_, i) => `${mode.resource}-${mode.batched ? 'b' : 's'}-${i}-${sb.requests.length}`);
		sb.injectFaults(...scenario.faults);
		const started = Date.now();
		const { outputs, error } = await runMode(
			sb,
			mode,
			ids.map((id) => mode.item(id, NOTE)),
			{ options: scenario.options },
		);
		const elapsed = Date.now() - started;
		expect(error).toBeUndefined();
		expect(sb.pendingFaults).toBe(0);

		const attempts = attemptsOfFirst(sb.requests);
		const affected = customersIn(sb.requests[0]);
		expect(affected.length).toBe(mode.batched ? 2 : 1);
		expect(attempts).toHaveLength(scenario.attempts);
		// Every other request went out once (none, when MoEngage asked the run to hold).
		expect(sb.requests).toHaveLength(scenario.attempts + (scenario.laterNotSent ? 0 : mode.batched ? 2 : ITEMS - 1));
		if (scenario.minGapMs) {
			expect(attempts[1].receivedAt - attempts[0].receivedAt).toBeGreaterThanOrEqual(scenario.minGapMs - 20);
		}
		// Bounded: no scenario waits long (timeouts and a 1 s Retry-After at most, a few times).
		expect(elapsed).toBeLessThan(15_000);

		const output = outputs[0];
		const ledger: Ledger = expectAccounting({
			inputs: ids,
			output,
			accepted: acceptedCustomers(sb),
			duplicated: scenario.outcome === 'recoveredTakenTwice' ? affected : [],
		});
		if (scenario.outcome === 'failed') {
			const held = scenario.laterNotSent ? ids.filter((id) => !affected.includes(id)) : [];
			expect(ledger.failed).toEqual([...affected, ...held]);
			for (const id of affected) expect(ledger.reasons[id]).toMatch(scenario.reason ?? /./);
			for (const id of held) expect(ledger.reasons[id]).toMatch(scenario.laterNotSent!);
			const failedItem = output.find((o) => o.json.error !== undefined);
			expect(String(failedItem?.json.details)).toContain(
				mode.batched ? `Bulk request 0 carried 2 item(s) (items 0 to 1)` : 'Request 0 carried this item alone.',
			);
		} else {
			expect(ledger.failed).toEqual([]);
			expect(ledger.sent).toEqual(ids);
		}
		if (scenario.outcome !== 'failed') {
			// The output says a request needed retries, and flags what MoEngage may have taken twice.
			const carried = output.filter((o) => affected.includes(String(o.json.customer_id)));
			expect(carried).toHaveLength(affected.length);
			for (const item of carried) {
				expect(item.json.attempts).toBe(scenario.attempts > 1 ? scenario.attempts : undefined);
				const answeredOnly = scenario.faults.every((fault) => fault.kind === 'status');
				expect(item.json.possibleDuplicate).toBe(answeredOnly ? undefined : true);
			}
		}
		if (scenario.outcome === 'recoveredTakenTwice') {
			// The first copy was taken by the attempt whose answer was lost.
			expect(attempts[0].status).toBe(0);
			expect(attempts[0].acceptedCount).toBeGreaterThan(0);
			expect(mode.duplicatesAreHarmless).toBe(mode.resource !== 'event');
		}
	});
});

describe('connection refused (nothing listens at the base URL)', () => {
	test.each([
		[USER_BATCHED.name, USER_BATCHED],
		[EVENT_SINGLE.name, EVENT_SINGLE],
	])('%s: every item failed after Max Attempts, none sent', async (_name, mode) => {
		const ids = ['refused-a', 'refused-b', 'refused-c'];
		const { outputs, error } = await runMode(
			sb,
			mode,
			ids.map((id) => mode.item(id, 'x')),
			{ credentials: { baseUrl: 'http://127.0.0.1:1' } },
		);
		expect(error).toBeUndefined();
		const ledger = expectAccounting({ inputs: ids, output: outputs[0], accepted: [] });
		expect(ledger.failed).toEqual(ids);
		for (const id of ids) expect(ledger.reasons[id]).toBe('MoEngage: Could not connect to MoEngage');
		expect(String(outputs[0][0].json.details)).toMatch(/Network error: ECONNREFUSED[\s\S]*Attempts made: 3/);
	});
});

describe('the sandbox\'s real quota (not an injected fault)', () => {
	afterEach(() => sb.setRateLimits({ dataUsersPerWindow: 1_000_000, dataWindowMs: 60_000 }));

	test('12 user updates against 5 per second: the node paces itself on MoEngage\'s headers (or waits out a 429); all sent, each once', async () => {
		sb.setRateLimits({ dataUsersPerWindow: 5, dataWindowMs: 1000 });
		const ids = Array.from({ length: 12 }, (_, i) => `quota-${i}`);
		const started = Date.now();
		const { outputs, error } = await runMode(sb, USER_SINGLE, ids.map((id) => USER_SINGLE.item(id, 'q')));
		expect(error).toBeUndefined();
		// Three windows of 5 are needed: the run cannot have been faster than two window lengths.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		expect(sb.requests.every((r) => r.status === 200 || r.status === 429)).toBe(true);
		const ledger = expectAccounting({ inputs: ids, output: outputs[0], accepted: acceptedCustomers(sb) });
		expect(ledger.sent).toEqual(ids);
	});
});

describe('User → Delete, Merge and Get (a request per item, or per 50 merge pairs)', () => {
	const run = async (parameters: IDataObject, items: IDataObject[]) =>
		await runNode({
			nodeType: new MoEngageData(),
			parameters: { resource: 'user', ...parameters, options: { maxAttempts: 3, retryBaseDelayMs: 5, timeoutMs: 5000 } },
			items: items.map((json) => ({ json })),
			credentials: sandboxCredentials(sb),
			continueOnFail: true,
		});

	test('Delete: an answer lost after MoEngage took it is retried; the delete is taken twice (harmless: the user is already scheduled for deletion)', async () => {
		const ids = ['del-1', 'del-2', 'del-3'];
		sb.injectFaults(reset(true));
		const { outputs } = await run({ operation: 'delete', identifierType: 'customerId', identifier: '={{ $json.id }}' }, ids.map((id) => ({ id })));
		const accepted = sb.accepted().filter((a) => a.kind === 'delete').map((a) => String(a.identity_value));
		const ledger = expectAccounting({ inputs: ids, output: outputs[0], accepted, duplicated: ['del-1'] });
		expect(ledger.sent).toEqual(ids);
	});

	test('Merge: pairs of several items share one call; a 503 outage fails every item of that call with the reason', async () => {
		const items = [{ old: 'merge-a1', keep: 'merge-b1' }, { old: 'merge-a2', keep: 'merge-b2' }];
		sb.injectFaults(status(503), status(503), status(503));
		const { outputs } = await run(
			{ operation: 'merge', merges: { pair: [{ mergedCustomerId: '={{ $json.old }}', retainedCustomerId: '={{ $json.keep }}' }] } },
			items,
		);
		const accepted = sb.accepted().filter((a) => a.kind === 'merge').map((a) => String(a.merged_user));
		const ledger = expectAccounting({ inputs: items.map((i) => i.old), output: outputs[0], accepted });
		expect(ledger.failed).toEqual(['merge-a1', 'merge-a2']);
		expect(ledger.reasons['merge-a1']).toMatch(UNAVAILABLE);
		expect(String(outputs[0][1].json.details)).toContain('Merge request 0 carried 2 pair(s) of 2 item(s)');
		expect(sb.requests).toHaveLength(3);
	});

	test('Merge: an answer lost after MoEngage merged is retried, so MoEngage gets the same merge twice', async () => {
		const items = [{ old: 'merge-c1', keep: 'merge-d1' }];
		sb.injectFaults(reset(true));
		const { outputs } = await run(
			{ operation: 'merge', merges: { pair: [{ mergedCustomerId: '={{ $json.old }}', retainedCustomerId: '={{ $json.keep }}' }] } },
			items,
		);
		const accepted = sb.accepted().filter((a) => a.kind === 'merge').map((a) => String(a.merged_user));
		const ledger = expectAccounting({ inputs: ['merge-c1'], output: outputs[0], accepted, duplicated: ['merge-c1'] });
		expect(ledger.sent).toEqual(['merge-c1']);
	});

	test('Get: reading is retried after a 503 and a reset; each item gets its answer once', async () => {
		const ids = ['get-1', 'get-2'];
		sb.injectFaults(status(503), reset());
		const { outputs } = await run({ operation: 'get', identifierType: 'customerId', identifiers: '={{ $json.id }}' }, ids.map((id) => ({ id })));
		// A read is "accepted" when MoEngage answered it: the IDs of the export requests answered 200.
		const answered = sb.requests
			.filter((r) => r.path === '/v1/customers/export' && r.status === 200)
			.flatMap((r) => (r.body as { data: { identifiers: Array<{ identifier: string }> } }).data.identifiers.map((i) => i.identifier));
		const ledger = expectAccounting({ inputs: ids, output: outputs[0], accepted: answered });
		expect(ledger.sent).toEqual(ids);
		expect(sb.requests).toHaveLength(4);
	});
});

describe('without Continue On Fail', () => {
	test('an outage stops the run at the failed request, and says how many items were accepted before', async () => {
		const ids = Array.from({ length: 5 }, (_, i) => `stop-${i}`);
		// A delay of 0 lets a request through unchanged: requests 0 and 1 pass, request 2 meets the outage.
		const pass: Fault = { kind: 'delay', ms: 0, pathPrefix: '/v1/' };
		sb.injectFaults(pass, pass, status(503), status(503), status(503));
		const result = await runMode(sb, USER_SINGLE, ids.map((id) => USER_SINGLE.item(id, 'x')), { continueOnFail: false });
		expect(result.outputs).toEqual([]);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.context?.itemIndex).toBe(2);
		expect(result.error?.message).toMatch(UNAVAILABLE);
		expect(acceptedCustomers(sb)).toEqual(ids.slice(0, 2));
		expect(result.error?.description).toContain('2 item(s) sent in earlier requests were accepted.');
		// Items 3 and 4 were never sent.
		expect(sb.requests).toHaveLength(5);
	});
});
