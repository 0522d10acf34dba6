/**
 * Hostile requests to the MoEngage Streams Trigger's webhook, in-process through webhook(): each
 * gets the status the node's README documents, starts an execution only where it should, never
 * echoes a secret, and leaves the node able to take the next good batch. (That a real n8n stays
 * healthy is checked by the end-to-end tests.)
 */
import type { IDataObject } from 'n8n-workflow';

import { resetDuplicateMemory } from '../../nodes/MoEngageStreamsTrigger/webhook/deduplicate';
import { makeStreamsBatch, sampleStreamsBatch } from '../../sandbox';
import type { FakeCredentials, FakeRequest, WebhookRun } from '../streams/webhookHarness';
import { basic, callWebhook } from '../streams/webhookHarness';

beforeEach(() => resetDuplicateMemory());

const USER = 'moengage-streams';
const PASSWORD = 'Str3ams-P4ss:word';
const HEADER_NAME = 'X-MoEngage-Token';
const HEADER_VALUE = 'hdr-T0ken-9f8e7d';

/** The node's parameters and the credential selected on it. */
interface Setup {
	parameters: IDataObject;
	credentials: FakeCredentials;
}
const BASIC: Setup = {
	parameters: { authentication: 'basicAuth' },
	credentials: { moEngageStreamsBasicAuthApi: { user: USER, password: PASSWORD } },
};
const HEADER: Setup = {
	parameters: { authentication: 'headerAuth' },
	credentials: { moEngageStreamsHeaderAuthApi: { name: HEADER_NAME, value: HEADER_VALUE } },
};
const withSettings = (setup: Setup, settings: IDataObject): Setup => ({
	...setup,
	parameters: { ...setup.parameters, settings },
});
const call = async (setup: Setup, request: FakeRequest) => await callWebhook(setup.parameters, request, setup.credentials);
const GOOD_BASIC = { Authorization: basic(USER, PASSWORD) };
const GOOD_HEADER = { [HEADER_NAME]: HEADER_VALUE };

/** What a request must get. */
type Expected =
	/** refused by the node with its own JSON answer, nothing started */
	| { refused: 400 | 401 | 403; message: RegExp }
	/** n8n's plain 200 "Webhook call received": nothing started */
	| { ignored: true }
	/** an execution starts with these counts on the Events and Rejected outputs */
	| { started: { events: number; rejected: number } };

const TEN_MB = 10_240 * 1024;
const nest = (depth: number) => `{"events":[],"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const batch = () => sampleStreamsBatch();

const CASES: Array<[string, Setup, FakeRequest, Expected]> = [
	// Malformed bodies (with the right credentials: the body is what is wrong).
	['malformed JSON', BASIC, { body: '{"events": [', headers: GOOD_BASIC }, { refused: 400, message: /^The body is not valid JSON/ }],
	['JSON cut inside a string', BASIC, { body: '{"events": [{"event_code": "SMS_S', headers: GOOD_BASIC }, { refused: 400, message: /not valid JSON/ }],
	['JSON followed by garbage', HEADER, { body: '{"events": []} trailing', headers: GOOD_HEADER }, { refused: 400, message: /not valid JSON/ }],
	['a JSON array', BASIC, { body: [batch()], headers: GOOD_BASIC }, { refused: 400, message: /must be a JSON object/ }],
	['JSON null', BASIC, { body: 'null', headers: GOOD_BASIC }, { refused: 400, message: /must be a JSON object/ }],
	['binary garbage', HEADER, { body: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x7b]), headers: GOOD_HEADER }, { refused: 400, message: /not valid JSON/ }],
	// Size.
	[
		'a body over 10 MB (declared by Content-Length, refused before reading)',
		BASIC,
		{ body: Buffer.alloc(TEN_MB + 1, 0x20), headers: GOOD_BASIC },
		{ refused: 400, message: /larger than this node accepts \(10240 KB/ },
	],
	[
		'a body over 10 MB without Content-Length (chunked)',
		HEADER,
		{ body: Buffer.alloc(TEN_MB + 1, 0x20), headers: { ...GOOD_HEADER, 'content-length': '' }, bodyDelivery: 'present' },
		{ refused: 400, message: /larger than this node accepts/ },
	],
	[
		'a body n8n itself refused as too large',
		BASIC,
		{ body: batch(), headers: GOOD_BASIC, readError: Object.assign(new Error('request entity too large'), { status: 413 }) },
		{ refused: 400, message: /N8N_PAYLOAD_SIZE_MAX/ },
	],
	// Nesting.
	['nesting 65 levels deep', BASIC, { body: nest(64), headers: GOOD_BASIC }, { refused: 400, message: /nested more than 64 levels/ }],
	['nesting 200,000 levels deep', BASIC, { body: nest(200_000), headers: GOOD_BASIC }, { refused: 400, message: /nested more than 64 levels|not valid JSON/ }],
	// Authentication (checked before the body is read: a bad body gets 401/403, not 400).
	['Basic auth missing', BASIC, { body: batch() }, { refused: 401, message: /^Authentication required$/ }],
	['Basic auth with another scheme', BASIC, { body: batch(), headers: { Authorization: `Bearer ${PASSWORD}` } }, { refused: 401, message: /^Authentication required$/ }],
	['Basic auth, wrong password', BASIC, { body: batch(), headers: { Authorization: basic(USER, 'guess') } }, { refused: 403, message: /^Authentication failed$/ }],
	['Basic auth, wrong user', BASIC, { body: batch(), headers: { Authorization: basic('admin', PASSWORD) } }, { refused: 403, message: /^Authentication failed$/ }],
	['Basic auth, password as a prefix', BASIC, { body: batch(), headers: { Authorization: basic(USER, PASSWORD.slice(0, -1)) } }, { refused: 403, message: /^Authentication failed$/ }],
	['Basic auth, not base64', BASIC, { body: batch(), headers: { Authorization: 'Basic %%%not-base64%%%' } }, { refused: 403, message: /^Authentication failed$/ }],
	['Basic auth wrong, with a malformed body', BASIC, { body: '{{{', headers: { Authorization: basic(USER, 'x') } }, { refused: 403, message: /^Authentication failed$/ }],
	['header auth missing', HEADER, { body: batch() }, { refused: 401, message: /^Authentication required$/ }],
	['header auth, wrong value', HEADER, { body: batch(), headers: { [HEADER_NAME]: 'hdr-T0ken-0000' } }, { refused: 403, message: /^Authentication failed$/ }],
	['header auth, value with a trailing space', HEADER, { body: batch(), headers: { [HEADER_NAME]: `${HEADER_VALUE} ` } }, { refused: 403, message: /^Authentication failed$/ }],
	['header auth, the value in Authorization instead', HEADER, { body: batch(), headers: { Authorization: HEADER_VALUE } }, { refused: 401, message: /^Authentication required$/ }],
	// Content type.
	['text/plain', BASIC, { body: batch(), contentType: 'text/plain', headers: GOOD_BASIC }, { refused: 400, message: /^Content-Type must be application\/json \(got text\/plain\)$/ }],
	['a form', BASIC, { body: 'events=1', contentType: 'application/x-www-form-urlencoded', headers: GOOD_BASIC }, { refused: 400, message: /Content-Type must be application\/json/ }],
	['multipart', HEADER, { body: batch(), contentType: 'multipart/form-data; boundary=x', headers: GOOD_HEADER }, { refused: 400, message: /got multipart\/form-data/ }],
	['no content type', BASIC, { body: batch(), contentType: null, headers: GOOD_BASIC }, { refused: 400, message: /got none/ }],
	// Empty bodies.
	['an empty body', BASIC, { body: '', headers: GOOD_BASIC }, { refused: 400, message: /^The body is empty/ }],
	['no body at all', HEADER, { headers: GOOD_HEADER }, { refused: 400, message: /^The body is empty/ }],
	['only whitespace', BASIC, { body: ' \r\n\t ', headers: GOOD_BASIC }, { refused: 400, message: /^The body is empty/ }],
	['only a byte-order mark', BASIC, { body: '\ufeff', headers: GOOD_BASIC }, { refused: 400, message: /^The body is empty/ }],
	// `events` of the wrong type.
	['events missing', BASIC, { body: { app_name: 'App' }, headers: GOOD_BASIC }, { refused: 400, message: /no "events" array/ }],
	['events an object', BASIC, { body: { events: { 0: batch().events[0] } }, headers: GOOD_BASIC }, { refused: 400, message: /^"events" must be an array of events$/ }],
	['events a string', HEADER, { body: { events: '[]' }, headers: GOOD_HEADER }, { refused: 400, message: /^"events" must be an array of events$/ }],
	['events a number', BASIC, { body: { events: 3 }, headers: GOOD_BASIC }, { refused: 400, message: /^"events" must be an array of events$/ }],
	['events null', BASIC, { body: { events: null }, headers: GOOD_BASIC }, { refused: 400, message: /^"events" must be an array of events$/ }],
	['events empty', BASIC, { body: { events: [] }, headers: GOOD_BASIC }, { ignored: true }],
	['events that are not objects go to Rejected', BASIC, { body: { events: ['x', 1, null, []] }, headers: GOOD_BASIC }, { started: { events: 0, rejected: 4 } }],
	// Prototype keys are dropped, the batch goes on.
	[
		'__proto__ and constructor keys in the batch',
		BASIC,
		{ body: `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"events":${JSON.stringify(batch().events)}}`, headers: GOOD_BASIC },
		{ started: { events: 3, rejected: 0 } },
	],
];

function check(run: WebhookRun, expected: Expected): void {
	if ('refused' in expected) {
		expect(run.answer.status).toBe(expected.refused);
		expect(run.answer.body).toEqual({ code: expected.refused, message: expect.stringMatching(expected.message) });
		expect(run.result).toEqual({ noWebhookResponse: true });
		expect(run.started).toBe(false);
	} else if ('ignored' in expected) {
		expect(run.answer.status).toBeUndefined();
		expect(run.result).toEqual({});
		expect(run.started).toBe(false);
	} else {
		expect(run.answer.status).toBeUndefined();
		expect(run.started).toBe(true);
		expect(run.events).toHaveLength(expected.started.events);
		expect(run.rejected).toHaveLength(expected.started.rejected);
	}
	// Nothing the node writes back holds a configured secret.
	const written = JSON.stringify(run.answer);
	for (const secret of [PASSWORD, HEADER_VALUE, basic(USER, PASSWORD)]) expect(written).not.toContain(secret);
}

describe('hostile requests get the documented status and start nothing they should not', () => {
	test.each(CASES)('%s', async (_name, setup, request, expected) => {
		check(await call(setup, request), expected);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	test('a Basic challenge comes with every 401 of Basic auth, and with none of header auth', async () => {
		const basicRun = await call(BASIC, { body: batch() });
		expect(basicRun.answer.headers['www-authenticate']).toMatch(/^Basic realm="MoEngage Streams"/);
		const headerRun = await call(HEADER, { body: batch() });
		expect(headerRun.answer.headers['www-authenticate']).toBeUndefined();
	});

	test('after all of the above, the node still takes a good batch', async () => {
		for (const [, setup, request] of CASES) await call(setup, request);
		const run = await call(BASIC, { body: makeStreamsBatch({ events: 50 }), headers: GOOD_BASIC });
		expect(run.started).toBe(true);
		expect(run.events).toHaveLength(50);
		expect(run.rejected).toHaveLength(0);
	});
});

describe('repeated batches (MoEngage resends a whole batch after any non-2xx, 3 times)', () => {
	const DEDUPE = withSettings(BASIC, { deduplicate: true });

	test('with de-duplication on, the first delivery starts one execution and the 3 resends start none', async () => {
		const resent = makeStreamsBatch({ events: 30 });
		const runs: WebhookRun[] = [];
		for (let i = 0; i < 4; i++) runs.push(await call(DEDUPE, { body: resent, headers: GOOD_BASIC }));
		expect(runs[0].events.map((e) => e.json.event_uuid)).toEqual(resent.events.map((e) => e.event_uuid));
		for (const run of runs.slice(1)) {
			expect(run.started).toBe(false);
			expect(run.result).toEqual({});
		}
	});

	test('with de-duplication off (the default), each resend starts an execution with every event again', async () => {
		const resent = makeStreamsBatch({ events: 5 });
		for (let i = 0; i < 3; i++) {
			const run = await call(BASIC, { body: resent, headers: GOOD_BASIC });
			expect(run.events).toHaveLength(5);
		}
	});

	test('a resend refused for bad credentials is not remembered: the next good delivery still starts', async () => {
		const resent = makeStreamsBatch({ events: 3 });
		expect((await call(DEDUPE, { body: resent, headers: { Authorization: basic(USER, 'x') } })).started).toBe(false);
		expect((await call(DEDUPE, { body: resent, headers: GOOD_BASIC })).events).toHaveLength(3);
	});

	test('the memory is bounded: past "Deduplication Memory" IDs, the oldest are forgotten (and pass again)', async () => {
		const bounded = withSettings(BASIC, { deduplicate: true, dedupeMaxEntries: 10 });
		const first = makeStreamsBatch({ events: 10 });
		await call(bounded, { body: first, headers: GOOD_BASIC });
		await call(bounded, { body: makeStreamsBatch({ events: 10 }), headers: GOOD_BASIC });
		const again = await call(bounded, { body: first, headers: GOOD_BASIC });
		expect(again.events).toHaveLength(10);
	});
});

describe('a large but legal batch', () => {
	test('5,000 events are all passed on, once each, in under 10 s', async () => {
		const big = makeStreamsBatch({ events: 5000 });
		const started = Date.now();
		const run = await call(BASIC, { body: big, headers: GOOD_BASIC });
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(run.events.map((e) => e.json.event_uuid)).toEqual(big.events.map((e) => e.event_uuid));
	});
});
