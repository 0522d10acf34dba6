import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { RunOptions } from './helpers';
import {
	expectBusinessEventsKey,
	ODD_SEARCH_ANSWER,
	requestsTo,
	runBusinessEvent,
	triggerJsonParameters,
	triggerParameters,
	useSandbox,
} from './helpers';

let sb: Sandbox;
/** Not a secret: a Business Events key value the sandbox refuses. */
const REFUSED_VALUE = 'refused-by-sandbox-123';

useSandbox((s) => (sb = s), {}, (s) => s.setRateLimits({ beTriggerPerHour: 50, beTriggerPerDay: 200 }));

async function run(parameters: INodeParameters, items?: IDataObject[], options?: RunOptions) {
	return await runBusinessEvent(sb, parameters, items, options);
}

/** The 400 bodies of 000_*.txt, verbatim. */
const DOCUMENTED = {
	eventMissing: {
		error: {
			code: '400 Bad Request',
			message: 'Business event does not exists',
			details: [{ code: 'InvalidValue', target: 'event_name', message: 'Business event does not exist' }],
			request_id: '64a54cf9633fda13b668132f',
		},
	},
	wrongAttribute: {
		error: {
			code: '400 Bad Request',
			message: 'Wrong business event attribute passed in api request',
			details: [{ code: 'InvalidValue', target: 'rating1', message: 'Wrong business event attribute passed in api request' }],
			request_id: '64a54b0f633fda13b6681259',
		},
	},
	noActiveCampaign: {
		error: {
			code: '400 Bad Request',
			message: 'No active campaign found for business event name',
			details: [{ code: 'InvalidValue', target: 'event_name', message: 'No active campaign found for business event name' }],
			request_id: '64a54dbf633fda13b668142d',
		},
	},
	invalidTriggeredBy: {
		error: {
			code: '400 Bad Request',
			message: 'Business event does not exists',
			details: [{ code: 'MissingValue', target: 'triggered_by', message: "triggered_by - Invalid email address : 'abc'" }],
			request_id: '64a54dec633fda13b668142f',
		},
	},
};

describe('Trigger', () => {
	test('sends the mapped attributes, converted to the declared types, with the Business Events key', async () => {
		const { outputs, error } = await run(
			triggerParameters(
				'PriceDrop',
				{
					product_id: '={{ $json.sku }}', // a number from the item, declared string
					old_price: '19.99',
					new_price: 14,
					stock: '={{ $json.stock }}', // "12" → 12
					valid_until: 1714557600, // epoch seconds
					tags: 'sale, summer',
					unused: '', // left empty: not sent
				},
				{ triggeredBy: 'ops@example.com' },
			),
			[{ sku: 123, stock: '12' }],
		);
		expect(error).toBeUndefined();
		const [search] = requestsTo(sb, 'businessEventSearch');
		const triggers = requestsTo(sb, 'businessEventTrigger');
		expect(triggers).toHaveLength(1);
		// The schema is read first (once), then the trigger is sent.
		expect(sb.requests.map((r) => r.route)).toEqual(['businessEventSearch', 'businessEventTrigger']);
		expect(search.body).toEqual({ event_names: ['PriceDrop'] });
		const [trigger] = triggers;
		expect(trigger.method).toBe('POST');
		expect(trigger.path).toBe('/v1.0/business_event/trigger');
		expectBusinessEventsKey(sb, trigger);
		expect(trigger.body).toEqual({
			event_name: 'PriceDrop',
			event_attributes: {
				product_id: '123',
				old_price: 19.99,
				new_price: 14,
				stock: 12,
				valid_until: '2024-05-01T10:00:00Z',
				tags: ['sale', 'summer'],
			},
			triggered_by: 'ops@example.com',
		});
		expect(trigger.status).toBe(200);
		expect(sb.accepted()).toEqual([expect.objectContaining({ kind: 'businessEvent', event_name: 'PriceDrop' })]);
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0]).toEqual({
			json: {
				message: 'The business event has been triggered',
				event_name: 'PriceDrop',
				event_attributes: trigger.body && (trigger.body as { event_attributes: unknown }).event_attributes,
				triggered_by: 'ops@example.com',
			},
			pairedItem: { item: 0 },
		});
	});

	test('raw JSON attributes are converted too; the event can be typed by name', async () => {
		const { outputs, error } = await run(
			triggerJsonParameters('NewMovies', '{"MovieName": "Dune, Alien", "rating": 5}'),
		);
		expect(error).toBeUndefined();
		const [trigger] = requestsTo(sb, 'businessEventTrigger');
		expect(trigger.body).toEqual({ event_name: 'NewMovies', event_attributes: { MovieName: ['Dune', 'Alien'], rating: '5' } });
		expect(trigger.body).not.toHaveProperty('triggered_by');
		expect(outputs[0][0].json.message).toBe('The business event has been triggered');
	});

	test('several items: one trigger and one paired output per item, the schema read once', async () => {
		const items = [{ n: 1 }, { n: 2 }, { n: 3 }];
		const { outputs, error } = await run(triggerParameters('PriceDrop', { stock: '={{ $json.n }}' }), items);
		expect(error).toBeUndefined();
		expect(requestsTo(sb, 'businessEventSearch')).toHaveLength(1);
		expect(requestsTo(sb, 'businessEventTrigger').map((r) => r.body)).toEqual(
			[1, 2, 3].map((n) => ({ event_name: 'PriceDrop', event_attributes: { stock: n } })),
		);
		expect(outputs[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('a value that is not of the declared type is refused before sending, naming item, attribute and fix', async () => {
		const { error } = await run(triggerParameters('PriceDrop', { stock: '12.5' }));
		expect(error?.message).toBe('Attribute "stock" of business event "PriceDrop" must be int: "12.5" is not a whole number [item 0]');
		expect(error?.description).toMatch(/whole number, e\.g\. 12/);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(0);
	});

	test('an attribute the event does not declare is refused before sending, listing the declared ones', async () => {
		const { error } = await run(triggerJsonParameters('NewMovies', '{"rating1": "PG"}'));
		expect(error?.message).toBe('Attribute "rating1" is not an attribute of business event "NewMovies" [item 0]');
		expect(error?.description).toBe("Use the event's attributes: MovieName, rating");
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(0);
	});

	test('JSON that is not an object is refused before any request', async () => {
		const bad = await run(triggerJsonParameters('NewMovies', '{"rating": '));
		expect(bad.error?.message).toMatch(/^"Attributes \(JSON\)" is not valid JSON .*\[item 0\]$/);
		const list = await run(triggerJsonParameters('NewMovies', '["PG"]'));
		expect(list.error?.message).toBe('"Attributes (JSON)" must be a JSON object of attribute names and values [item 0]');
		expect(sb.requests).toHaveLength(0);
	});

	test('triggered_by is checked as an email before any request', async () => {
		const { error } = await run(triggerParameters('NewMovies', { rating: 'PG' }, { triggeredBy: 'abc' }));
		expect(error?.message).toBe('"Triggered By" must be an email address, not "abc" [item 0]');
		expect(error?.description).toMatch(/name@example\.com/);
		expect(sb.requests).toHaveLength(0);
	});

	test('the schema lookup reads an event whose display-only fields are odd, and the trigger is sent', async () => {
		sb.injectFaults({ kind: 'status', status: 200, body: ODD_SEARCH_ANSWER, pathPrefix: '/v1.0/business_event/search' });
		const { outputs, error } = await run(triggerParameters('NewMovies', { rating: 'PG' }));
		expect(error).toBeUndefined();
		expect(outputs[0][0].json.message).toBe('The business event has been triggered');
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(1);
	});

	test('if the event to trigger is the one MoEngage describes in an unreadable form, the item fails clearly and nothing is sent', async () => {
		const body = { data: [{ event_name: 'NewMovies', event_attributes: [{ attribute_name: 'rating' }] }, ODD_SEARCH_ANSWER.data[1]] };
		sb.injectFaults({ kind: 'status', status: 200, body, pathPrefix: '/v1.0/business_event/search' });
		const { error } = await run(triggerParameters('NewMovies', { rating: 'PG' }));
		expect(error?.message).toMatch(
			/^Could not load the attributes of business event "NewMovies": .*event_attributes\.0\.attribute_data_type/,
		);
		expect(error?.description).toMatch(/Nothing was triggered/);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(0);
	});

	test('an event the workspace does not have fails before the trigger is spent', async () => {
		const { error } = await run(triggerParameters('NoSuchEvent', {}));
		expect(error?.message).toBe(
			'Business event "NoSuchEvent" does not exist in this workspace: create it (operation Create) or check the name [item 0]',
		);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(0);
	});

	test('no active campaign (real sandbox answer) becomes an error that says what to do', async () => {
		const { error } = await run(triggerParameters('NoActiveCampaign', { note: 'hi' }));
		expect(error?.message).toBe(
			'No active campaign uses business event "NoActiveCampaign": MoEngage accepted nothing; publish a campaign triggered by this event [item 0]',
		);
		expect(error?.description).toMatch(/MoEngage request ID: [0-9a-f]{24}/);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(1);
		expect(sb.accepted()).toHaveLength(0);
	});

	describe.each([
		[
			'event does not exist',
			DOCUMENTED.eventMissing,
			'Business event "NewMovies" does not exist in this workspace: create it (operation Create) or check the name',
		],
		[
			'wrong attribute',
			DOCUMENTED.wrongAttribute,
			'Attribute "rating1" is not an attribute of business event "NewMovies": use the event\'s attributes (MovieName, rating)',
		],
		[
			'no active campaign',
			DOCUMENTED.noActiveCampaign,
			'No active campaign uses business event "NewMovies": MoEngage accepted nothing; publish a campaign triggered by this event [item 0]',
		],
		[
			'invalid triggered_by',
			DOCUMENTED.invalidTriggeredBy,
			'"Triggered By" must be an email address, e.g. name@example.com: MoEngage refused the one given',
		],
		[
			'wrong attribute type (the sandbox\'s shape; the node converts values first, so rare)',
			{
				error: {
					code: '400 Bad Request',
					message: 'Wrong business event attribute type passed in api request',
					details: [{ code: 'InvalidValue', target: 'rating', message: 'rating - expected string, got int' }],
					request_id: '64a54b0f633fda13b6681260',
				},
			},
			'Attribute "rating" of business event "NewMovies" has a value of the wrong type',
		],
	])('400 "%s"', (_name, body, message) => {
		test('becomes an error in the user\'s words, with MoEngage\'s request id, sent once', async () => {
			sb.injectFaults({ kind: 'status', status: 400, body, pathPrefix: '/v1.0/business_event/trigger' });
			const { error } = await run(triggerParameters('NewMovies', { rating: 'PG' }));
			expect(error?.message).toBe(message);
			expect(error?.description).toContain(`MoEngage request ID: ${body.error.request_id}`);
			expect(error?.httpCode).toBe('400');
			expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(1);
		});
	});

	test('Continue On Fail: a bad item becomes an error item, the others are triggered, all paired', async () => {
		const items = [{ stock: 1 }, { stock: 'abc' }, { stock: 3 }];
		const { outputs, error } = await run(triggerParameters('PriceDrop', { stock: '={{ $json.stock }}' }), items, {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(3);
		expect(outputs[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0][0].json.message).toBe('The business event has been triggered');
		expect(outputs[0][1].json).toEqual({
			error: 'Attribute "stock" of business event "PriceDrop" must be int: "abc" is not a whole number [item 1]',
			description: 'Give a whole number, e.g. 12 or "12"',
		});
		expect(outputs[0][2].json.event_attributes).toEqual({ stock: 3 });
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(2);
	});

	test('a trigger over 100 KB fails before any request, naming the item and the largest attribute', async () => {
		const items = [{ name: 'Dune' }, { name: 'x'.repeat(120_000) }, { name: 'Alien' }];
		const { outputs, error } = await run(triggerParameters('NewMovies', { MovieName: '={{ $json.name }}', rating: 'PG' }), items, {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(outputs[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0][1].json).toEqual({
			error: expect.stringMatching(
				/^Business event "NewMovies" would be sent as 120\.\d KB, over this node's limit of 100 KB per request \(largest attribute: "MovieName", 120 KB\) \[item 1\]$/,
			),
			description: expect.stringContaining('Nothing was triggered'),
		});
		// Only the two other items reached MoEngage; nothing of the large one was sent.
		const triggers = requestsTo(sb, 'businessEventTrigger');
		expect(triggers.map((t) => (t.body as { event_attributes: { MovieName: string[] } }).event_attributes.MovieName)).toEqual([
			['Dune'],
			['Alien'],
		]);
		expect(triggers.every((t) => t.status === 200)).toBe(true);
	});

	test('without a Business Events key the node says which key is missing and sends nothing', async () => {
		const { error } = await run(triggerParameters('NewMovies', { rating: 'PG' }), undefined, {
			credentials: { businessEventsApiKey: '' },
		});
		expect(error?.message).toBe('The MoEngage credential has no Business Events API Key');
		expect(error?.description).toMatch(/Campaign report\/Business events\/Custom templates/);
		expect(sb.requests).toHaveLength(0);
	});

	test('a wrong key gives MoEngage\'s 401 without showing the key', async () => {
		const { error } = await run(triggerParameters('NewMovies', { rating: 'PG' }), undefined, {
			credentials: { businessEventsApiKey: REFUSED_VALUE },
		});
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toMatch(/^Could not load the attributes of business event "NewMovies"/);
		expect(error?.description).toContain('MoEngage did not accept the Business Events API Key');
		expect(JSON.stringify(error)).not.toContain(REFUSED_VALUE);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(0);
	});
});

const TRIGGER_PATH = '/v1.0/business_event/trigger';
const QUOTA_MESSAGE =
	/^MoEngage business event quota reached \(10 triggers per 5 minutes, 50 per hour, 200 per day\): try again after /;

async function trigger(items: IDataObject[] = [{}], options: IDataObject = {}, continueOnFail = false) {
	return await run(triggerParameters('NewMovies', { rating: 'PG' }, { options: options as INodeParameters }), items, {
		continueOnFail,
	});
}

describe('Trigger quota (10 per 5 minutes, 50 per hour, 200 per day)', () => {
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
			'MoEngage business event quota reached (10 triggers per 5 minutes, 50 per hour, 200 per day): try again after the quota window resets',
		);
		expect(requestsTo(sb, 'businessEventTrigger')).toHaveLength(1);
	});
	test('a 5-minute window (Retry-After 300) is said as such', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 300, pathPrefix: TRIGGER_PATH });
		const { error } = await trigger();
		expect(error?.message).toMatch(QUOTA_MESSAGE);
		expect(error?.message).toMatch(/try again after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in 5 min\)$/);
	});

	test('when MoEngage\'s answer states its own limit, the message gives that instead of the documented defaults', async () => {
		const body = { status: 'error', data: { code: 429, title: 'rate limiter exception', description: 'Exceeded rate limit of 500 per hour for this app' } };
		sb.injectFaults({ kind: 'status', status: 429, body, retryAfter: 120, pathPrefix: TRIGGER_PATH });
		const { error } = await trigger();
		expect(error?.message).toMatch(
			/^MoEngage business event quota reached \(MoEngage: Exceeded rate limit of 500 per hour for this app\): try again after .* \(in 2 min\)$/,
		);
		expect(error?.message).not.toMatch(/50 per hour|200 per day/);
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
		['no active campaign', noActiveCampaign, 'No active campaign uses business event "NewMovies": publish a campaign triggered by this event [item 0]'],
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

describe('On Error → Continue (using error output)', () => {
	const byItem = (event: string, attrs: IDataObject) => ({ event, attrs: JSON.stringify(attrs) });
	const parameters = triggerJsonParameters('={{ $json.event }}', '={{ $json.attrs }}');

	test('every failure goes to the error output, as { error, details } (the Data node shape), paired with its item', async () => {
		const { outputs, error } = await run(
			parameters,
			[
				byItem('PriceDrop', { stock: 1 }),
				byItem('PriceDrop', { stock: 'abc' }),
				byItem('NoSuchEvent', {}),
				byItem('NoActiveCampaign', { note: 'hi' }),
				byItem('NewMovies', { rating: 'PG' }),
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(2);
		const [success, failed] = outputs;
		expect(success.map((o) => [o.pairedItem, o.json.message])).toEqual([
			[{ item: 0 }, 'The business event has been triggered'],
			[{ item: 4 }, 'The business event has been triggered'],
		]);
		expect(failed.map((o) => o.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }]);
		for (const item of failed) expect(Object.keys(item.json).sort()).toEqual(['details', 'error']);
		expect(failed[0].json.error).toBe('Attribute "stock" of business event "PriceDrop" must be int: "abc" is not a whole number [item 1]');
		expect(failed[1].json.error).toMatch(/^Business event "NoSuchEvent" does not exist in this workspace/);
		expect(failed[2].json.error).toMatch(/^No active campaign uses business event "NoActiveCampaign"/);
	});

	test('a 500 ("may or may not have fired") and a 429 (and the items after it) go to the error output', async () => {
		sb.injectFaults(
			{ kind: 'status', status: 500, pathPrefix: '/v1.0/business_event/trigger' },
			{ kind: 'status', status: 429, pathPrefix: '/v1.0/business_event/trigger' },
		);
		const items = [0, 1, 2].map(() => byItem('NewMovies', { rating: 'PG' }));
		const { outputs } = await run(parameters, items, { onError: 'continueErrorOutput' });
		expect(outputs[0]).toEqual([]);
		expect(outputs[1].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[1][0].json.details).toMatch(/may or may not have fired a campaign/);
		expect(outputs[1][1].json.error).toMatch(/^MoEngage business event quota reached/);
		expect(outputs[1][2].json.details).toMatch(/This item was not sent/);
	});
});

describe('Dates (PriceDrop declares valid_until as date)', () => {
	const sentDate = () => (requestsTo(sb, 'businessEventTrigger')[0].body as { event_attributes: IDataObject }).event_attributes;

	test('version 1 keeps reading 01/02/2024 as MM/DD/YYYY (January 2)', async () => {
		const { error } = await run(triggerParameters('PriceDrop', { valid_until: '01/02/2024' }), undefined, { typeVersion: 1 });
		expect(error).toBeUndefined();
		expect(sentDate()).toEqual({ valid_until: '2024-01-02T00:00:00Z' });
	});

	test('version 1.1 refuses 01/02/2024 without Options → Date Format, naming item, attribute and the fix; nothing is sent', async () => {
		const { error } = await run(triggerParameters('PriceDrop', { valid_until: '01/02/2024' }), undefined, { typeVersion: 1.1 });
		expect(error?.message).toBe(
			'Attribute "valid_until" of business event "PriceDrop" must be date: "01/02/2024" is written with slashes, which can be read month first or day first [item 0]',
		);
		expect(error?.description).toMatch(/Options → Date Format .*MM\/DD\/YYYY or DD\/MM\/YYYY.*ISO 8601/);
		expect(sb.requests.map((r) => r.route)).toEqual(['businessEventSearch']);
	});

	test.each([
		['MM/DD/YYYY', '2024-01-02T00:00:00Z'],
		['DD/MM/YYYY', '2024-02-01T00:00:00Z'],
	])('version 1.1 with Date Format %s reads 01/02/2024 in that order', async (dateFormat, sent) => {
		const parameters = triggerParameters('PriceDrop', { valid_until: '01/02/2024' }, { options: { dateFormat } });
		const { error } = await run(parameters, undefined, { typeVersion: 1.1 });
		expect(error).toBeUndefined();
		expect(sentDate()).toEqual({ valid_until: sent });
	});

	test('version 1.1: ISO dates and epochs need no option; a date-looking text in a string attribute is sent as text', async () => {
		const parameters = triggerParameters('PriceDrop', { valid_until: 1714557600, product_id: '01/02/2024' });
		const { error } = await run(parameters, undefined, { typeVersion: 1.1 });
		expect(error).toBeUndefined();
		expect(sentDate()).toEqual({ valid_until: '2024-05-01T10:00:00Z', product_id: '01/02/2024' });
	});

	test.each([1, 1.1])('version %s: Send Dates As MM/DD/YYYY sends the UTC date in that form; ISO by default', async (typeVersion) => {
		const values = { valid_until: '2024-05-31T23:30:00-02:00' };
		await run(triggerParameters('PriceDrop', values, { options: { sendDatesAs: 'MM/DD/YYYY' } }), undefined, { typeVersion });
		expect(sentDate()).toEqual({ valid_until: '06/01/2024' });
		sb.clearRequests();
		await run(triggerParameters('PriceDrop', values), undefined, { typeVersion });
		expect(sentDate()).toEqual({ valid_until: '2024-06-01T01:30:00Z' });
	});
});
