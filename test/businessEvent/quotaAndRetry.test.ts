import { MoEngageBusinessEvent } from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runNode, sandboxCredentials } from '../support/runNode';
import { requestsTo, triggerParameters } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.clearRequests();
	sb.clearFaults();
	sb.setRateLimits({ beTriggerPerHour: 50, beTriggerPerDay: 200 });
});

const TRIGGER_PATH = '/v1.0/business_event/trigger';
const QUOTA_MESSAGE = /^MoEngage business event quota reached \(50 triggers per hour, 200 per day\): try again after /;

async function trigger(items: object[] = [{}], options: object = {}, continueOnFail = false) {
	return await runNode({
		nodeType: new MoEngageBusinessEvent(),
		parameters: triggerParameters('NewMovies', { rating: 'PG' }, { options: options as never }),
		items: items.map((json) => ({ json })) as never,
		credentials: sandboxCredentials(sb),
		continueOnFail,
	});
}

describe('Trigger quota (50 per hour, 200 per day)', () => {
	test('a 429 fails at once with when to try again, after exactly one trigger request', async () => {
		sb.setRateLimits({ beTriggerPerHour: 1 });
		expect((await trigger()).error).toBeUndefined();
		sb.clearRequests();

		const started = Date.now();
		const { error } = await trigger();
		expect(Date.now() - started).toBeLessThan(3000);
		expect(error?.message).toMatch(QUOTA_MESSAGE);
		// The sandbox's hour window: Retry-After is about an hour away.
		expect(error?.message).toMatch(/try again after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in (59|60) min\)$/);
		expect(error?.httpCode).toBe('429');
		expect(error?.description).toMatch(/nothing was triggered for this item/);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(1);
		expect(sb.accepted()).toHaveLength(0);
	});

	test('after a 429 the later items of the run fail without being sent (Continue On Fail)', async () => {
		sb.setRateLimits({ beTriggerPerHour: 1 });
		const { outputs, error } = await trigger([{}, {}, {}], {}, true);
		expect(error).toBeUndefined();
		expect(outputs[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0][0].json.message).toBe('The business event has been triggered');
		expect(outputs[0][1].json.error).toMatch(QUOTA_MESSAGE);
		expect(outputs[0][2].json.error).toMatch(QUOTA_MESSAGE);
		expect(outputs[0][2].json.description).toMatch(/This item was not sent/);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(2);
	});

	test('a 429 that does not say when the quota resets says so', async () => {
		sb.injectFaults({
			kind: 'status',
			status: 429,
			retryAfter: null,
			headers: { 'x-ratelimit-reset': 'unknown' },
			pathPrefix: TRIGGER_PATH,
		});
		const { error } = await trigger();
		expect(error?.message).toBe(
			'MoEngage business event quota reached (50 triggers per hour, 200 per day): try again after the quota window resets',
		);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(1);
	});
});

describe('Trigger is not retried blindly', () => {
	test('a 500 fails after one request: the campaign may have fired', async () => {
		sb.injectFaults({ kind: 'status', status: 500, pathPrefix: TRIGGER_PATH });
		const { error } = await trigger();
		expect(error?.message).toBe(
			'MoEngage did not confirm the trigger of business event "NewMovies" (HTTP 500: An unexpected error was encountered while processing this request. Please contact MoEngage Team)',
		);
		expect(error?.description).toMatch(/The node did not retry, so that no campaign is sent twice/);
		expect(error?.description).toMatch(/Retry on Timeout or Server Error/);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(1);
	});

	test('a timeout fails after one request', async () => {
		sb.injectFaults({ kind: 'hang', pathPrefix: TRIGGER_PATH });
		const { error } = await trigger([{}], { timeout: 1000 });
		expect(error?.message).toBe(
			'MoEngage did not confirm the trigger of business event "NewMovies" (MoEngage did not answer within the timeout)',
		);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(1);
	});

	test('a connection reset after MoEngage took the request fails after one request', async () => {
		sb.injectFaults({ kind: 'reset', afterProcessing: true, pathPrefix: TRIGGER_PATH });
		const { error } = await trigger();
		expect(error?.message).toMatch(/^MoEngage did not confirm the trigger of business event "NewMovies"/);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(1);
		expect(sb.accepted()).toHaveLength(1); // it did fire: exactly why the node must not resend
	});

	test('with "Retry on Timeout or Server Error" on, a 500 is retried', async () => {
		sb.injectFaults({ kind: 'status', status: 500, pathPrefix: TRIGGER_PATH });
		const { outputs, error } = await trigger([{}], { retryOnServerError: true });
		expect(error).toBeUndefined();
		expect(outputs[0][0].json.message).toBe('The business event has been triggered');
		expect(requestsTo(sb, 'businessEventTrigger').map((r) => r.status)).toEqual([500, 200]);
	});

	test('with "Retry on Timeout or Server Error" on, a timeout is retried', async () => {
		sb.injectFaults({ kind: 'hang', pathPrefix: TRIGGER_PATH });
		const { outputs, error } = await trigger([{}], { retryOnServerError: true, timeout: 1000 });
		expect(error).toBeUndefined();
		expect(outputs[0][0].json.message).toBe('The business event has been triggered');
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(2);
	});

	test('even with the retry on, a 429 is not waited out', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 1, pathPrefix: TRIGGER_PATH });
		const { error } = await trigger([{}], { retryOnServerError: true });
		expect(error?.message).toMatch(QUOTA_MESSAGE);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(1);
	});
});

describe('with the retry on, a refusal after an unanswered attempt does not claim that nothing fired', () => {
	const noActiveCampaign = {
		error: {
			code: '400 Bad Request',
			message: 'No active campaign found for business event name',
			details: [{ code: 'InvalidValue', target: 'event_name', message: 'No active campaign found for business event name' }],
			request_id: '64a54dbf633fda13b668142d',
		},
	};

	test('attempt 1 lost after MoEngage took it, attempt 2 refused with 429: "may or may not have fired"', async () => {
		sb.injectFaults(
			{ kind: 'reset', afterProcessing: true, pathPrefix: TRIGGER_PATH },
			{ kind: 'status', status: 429, pathPrefix: TRIGGER_PATH },
		);
		const { error } = await trigger([{}], { retryOnServerError: true });
		expect(error?.message).toMatch(QUOTA_MESSAGE);
		expect(error?.description).toMatch(/may or may not have fired a campaign/);
		expect(error?.description).not.toMatch(/nothing was triggered/i);
		expect(error?.description).toMatch(/Attempts made: 2/);
		expect(sb.accepted()).toHaveLength(1); // attempt 1 did fire
	});

	test.each([
		['no active campaign', noActiveCampaign, 'No active campaign uses business event "NewMovies": publish a campaign triggered by this event'],
		['another 4xx', { error: { code: '403 Forbidden', message: 'Forbidden', request_id: '64a54dbf633fda13b668142e' } }, 'MoEngage: Forbidden'],
	])('attempt 1 a 503, attempt 2 refused (%s): "may or may not have fired"', async (_name, body, message) => {
		const status = body === noActiveCampaign ? 400 : 403;
		sb.injectFaults(
			{ kind: 'status', status: 503, pathPrefix: TRIGGER_PATH },
			{ kind: 'status', status, body, pathPrefix: TRIGGER_PATH },
		);
		const { error } = await trigger([{}], { retryOnServerError: true });
		expect(error?.message).toBe(message);
		expect(error?.description).toMatch(/may or may not have fired a campaign/);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(2);
	});
});
