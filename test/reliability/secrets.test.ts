/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test tooling with made-up keys, never shipped */
/**
 * No secret leaks. Every error path we can reach runs with distinctive known keys (right and
 * wrong ones), and nothing a user or an operator can see may contain a key, its Basic-auth form
 * `base64(workspace:key)`, its plain base64, or an Authorization header value:
 * - the node's error (message, description, and the whole object: cause, context, errorResponse),
 * - the output items (error items under Continue On Fail),
 * - the execution data n8n would save (the whole IRun),
 * - everything written to the console, stdout or stderr while the node ran (n8n's logger included).
 */
// First: n8n's logger must bind to the capturing console (see captureOutput.ts).
import { capturingOutput, stringsIn as strings } from './captureOutput';

import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { MoEngageBusinessEvent } from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node';
import { searchBusinessEvents } from '../../nodes/MoEngageBusinessEvent/methods/listSearch';
import { getAttributeSchema } from '../../nodes/MoEngageBusinessEvent/methods/resourceMapping';
import { MoEngageData } from '../../nodes/MoEngageData/MoEngageData.node';
import type { Fault, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { loadOptionsContext, runNode, sandboxCredentials } from '../support/runNode';
import { mapped, triggerParameters } from '../businessEvent/helpers';

const WORKSPACE = 'RELIABILITYWS42';
const DATA_KEY = 'dk-Reliab1lity-7f3a9c2e5b';
const BE_KEY = 'bk-Reliab1lity-4d8b1e6f0a';
const WRONG_DATA_KEY = 'wrong-dk-0c1d2e3f4a5b';
const WRONG_BE_KEY = 'wrong-bk-5b6c7d8e9f0a';
const KEYS = [DATA_KEY, BE_KEY, WRONG_DATA_KEY, WRONG_BE_KEY];

const b64 = (text: string) => Buffer.from(text).toString('base64');
/** Every form a key could leak in. */
const FORBIDDEN: string[] = KEYS.flatMap((key) => [key, b64(`${WORKSPACE}:${key}`), b64(key)]);

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({
		workspaceId: WORKSPACE,
		dataApiKey: DATA_KEY,
		businessEventsApiKey: BE_KEY,
		rateLimits: { beTriggerPerHour: 100_000, beTriggerPerDay: 100_000, beSearchPerWindow: 100_000 },
	});
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.clearRequests();
	sb.clearFaults();
});

// ---------------------------------------------------------------------------------------------
// Collecting everything that can be seen.

/** Asserts that no text holds a key in any form, or an Authorization header value. */
function expectNoSecret(texts: string[], where: string): void {
	const all = texts.join('\n');
	for (const secret of FORBIDDEN) {
		if (all.includes(secret)) throw new Error(`${where} shows a secret (${secret.slice(0, 6)}…): ${excerpt(all, secret)}`);
	}
	expect(all).not.toMatch(/Basic\s+(?!\[redacted\])[A-Za-z0-9+/]{12,}={0,2}/);
	expect(all).not.toMatch(/authorization["']?\s*[:=]\s*["']?(Basic|Bearer)\s+(?!\[redacted\])\S/i);
}

function excerpt(text: string, secret: string): string {
	const at = text.indexOf(secret);
	return JSON.stringify(text.slice(Math.max(0, at - 120), at + secret.length + 40));
}

interface Seen {
	error?: Error & { description?: string };
	output: INodeExecutionData[];
}

/** Runs a node, collects what it shows, and checks it. Returns the error and output for more checks. */
async function runAndCheck(
	name: string,
	nodeType: INodeType,
	parameters: INodeParameters,
	items: IDataObject[],
	options: { credentials?: Partial<Record<string, string>>; continueOnFail: boolean },
): Promise<Seen> {
	const { value: result, logs } = await capturingOutput(
		async () =>
			await runNode({
				nodeType,
				parameters,
				items: items.map((json) => ({ json })),
				credentials: sandboxCredentials(sb, options.credentials),
				continueOnFail: options.continueOnFail,
			}),
	);
	const output = result.outputs[0] ?? [];
	expectNoSecret([String(result.error?.message), String(result.error?.description)], `${name}: the error message`);
	expectNoSecret(strings(result.error), `${name}: the error object`);
	expectNoSecret(strings(output), `${name}: the output items`);
	expectNoSecret(strings(result.run), `${name}: the saved execution data`);
	expectNoSecret(logs, `${name}: the logs`);
	return { error: result.error, output };
}

/** The error text the user sees: the thrown error, or the error item. */
function shownError(seen: Seen): string {
	if (seen.error) return `${seen.error.message}\n${seen.error.description ?? ''}`;
	const failed = seen.output.find((item) => item.json.error !== undefined);
	return failed ? `${String(failed.json.error)}\n${String(failed.json.details ?? failed.json.description ?? '')}` : '';
}

// ---------------------------------------------------------------------------------------------
// The error paths.

/** The paths to run in one mode (see `only`). */
function paths<T extends [string, PathOptions]>(all: T[], continueOnFail: boolean): T[] {
	const mode = continueOnFail ? 'continueOnFail' : 'stop';
	return all.filter(([, p]) => (p.only ?? mode) === mode);
}

const FAST = { maxAttempts: 2, retryBaseDelayMs: 5, timeoutMs: 600 };
const userParameters = (batch: boolean): INodeParameters => ({
	resource: 'user',
	operation: 'createOrUpdate',
	customerId: '={{ $json.id }}',
	attributesMode: 'json',
	attributesJson: '{"plan": "gold"}',
	options: { ...FAST, batch },
});
const USERS = [{ id: 'secret-user-1' }, { id: 'secret-user-2' }];

/**
 * A body that echoes the request's credentials, as a careless proxy or server might: the key and
 * the whole Authorization header in the message (`header`), the base64 token alone (`bare`), or
 * the header as the `target` of a Business Events error detail (`target`).
 */
function echoing(kind: 'data' | 'businessEvents' | 'text', key: string, form: 'header' | 'bare' | 'target' = 'header'): object | string {
	const token = b64(`${WORKSPACE}:${key}`);
	const said = form === 'bare' ? `denied for token ${token} (key ${b64(key)})` : `denied for key ${key}; authorization: Basic ${token}`;
	if (kind === 'text') return `<html><body>502 Bad Gateway. ${said}</body></html>`;
	if (kind === 'data') return { status: 'fail', error: { type: 'Authentication required', message: said, request_id: 'req-echo' } };
	return {
		error: {
			code: '400 Bad Request',
			message: said,
			details: [{ code: 'InvalidValue', target: form === 'target' ? `Authorization: Basic ${token}` : 'request', message: said }],
			request_id: 'req-echo',
		},
	};
}

interface PathOptions {
	faults?: Fault[];
	credentials?: Partial<Record<string, string>>;
	shows: RegExp;
	/** run in one mode only: a slow path, or a leak that only the thrown error (stop on error) has */
	only?: 'continueOnFail' | 'stop';
}
type DataPath = [string, PathOptions & { items?: IDataObject[] }];

const DATA_PATHS: DataPath[] = [
	['wrong Data key (401)', { credentials: { dataApiKey: WRONG_DATA_KEY }, shows: /^MoEngage: / }],
	['no Data key', { credentials: { dataApiKey: '' }, shows: /has no Data API Key/ }],
	['rate limited beyond the deadline (429)', { faults: [{ kind: 'status', status: 429, retryAfter: 3600 } as Fault], shows: /Rate Limits/ }],
	['server errors (500)', { faults: [{ kind: 'status', status: 500 }, { kind: 'status', status: 500 }], shows: /unexpected error/ }],
	['timeouts', { faults: [{ kind: 'hang' }, { kind: 'hang' }], shows: /did not answer within the timeout/ }],
	['connection resets', { faults: [{ kind: 'reset' }, { kind: 'reset' }], shows: /was reset/ }],
	['connection refused', { credentials: { baseUrl: 'http://127.0.0.1:1' }, shows: /Could not connect/ }],
	['a blocked customer_id (validation)', { items: [{ id: 'guest' }], shows: /which MoEngage refuses/ }],
	['MoEngage echoes the key in a JSON error', { faults: [{ kind: 'status', status: 401, body: echoing('data', DATA_KEY) }], shows: /denied for key \[redacted\]; authorization: Basic \[redacted\]/ }],
	['a proxy echoes the key in an HTML error', { faults: [{ kind: 'status', status: 502, body: echoing('text', DATA_KEY) }, { kind: 'status', status: 502, body: echoing('text', DATA_KEY) }], shows: /502 Bad Gateway/ }],
	['MoEngage echoes the bare Basic token', { faults: [{ kind: 'status', status: 401, body: echoing('data', DATA_KEY, 'bare') }], shows: /denied for token/ }],
];

describe('MoEngage Data: no key in errors, output, execution data or logs', () => {
	describe.each([
		['Continue On Fail', true],
		['stop on error', false],
	])('%s', (_mode, continueOnFail) => {
		const run = async (name: string, path: DataPath[1]) => {
			for (const batch of [true, false]) {
				sb.clearRequests();
				sb.clearFaults();
				sb.injectFaults(...(path.faults ?? []));
				const seen = await runAndCheck(name, new MoEngageData(), userParameters(batch), path.items ?? USERS, {
					credentials: path.credentials,
					continueOnFail,
				});
				// The path was really taken: the user sees its error.
				expect(shownError(seen)).toMatch(path.shows);
			}
		};
		test.each(paths(DATA_PATHS, continueOnFail))('%s', run);
	});

	test.each([
		['Delete', { resource: 'user', operation: 'delete', identifierType: 'customerId', identifier: 'secret-user-1', options: FAST }],
		['Get', { resource: 'user', operation: 'get', identifierType: 'customerId', identifiers: 'secret-user-1', options: FAST }],
		[
			'Merge',
			{ resource: 'user', operation: 'merge', merges: { pair: [{ mergedCustomerId: 'old-user-1', retainedCustomerId: 'secret-user-1' }] }, options: FAST },
		],
		['Device', { resource: 'device', operation: 'createOrUpdate', customerId: 'secret-user-1', deviceId: 'd1', platform: 'ANDROID', pushToken: 'push-token-1', options: FAST }],
	] as Array<[string, INodeParameters]>)('User %s with a wrong key', async (name, parameters) => {
		const seen = await runAndCheck(name, new MoEngageData(), parameters, [{}], {
			credentials: { dataApiKey: WRONG_DATA_KEY },
			continueOnFail: true,
		});
		expect(shownError(seen)).toMatch(/^MoEngage: /);
	});
});

const BE_TRIGGER = (values: Record<string, unknown>, extra: INodeParameters = {}) =>
	triggerParameters('NewMovies', values, { options: { timeout: 600 }, ...extra });
const TRIGGER_PATH = '/v1.0/business_event/trigger';

type BePath = [string, PathOptions & { parameters: INodeParameters }];

const BE_PATHS: BePath[] = [
	['wrong Business Events key (401 on Search)', { parameters: BE_TRIGGER({ rating: 'PG' }), credentials: { businessEventsApiKey: WRONG_BE_KEY }, shows: /Could not load the attributes/ }],
	['the Data key given as the Business Events key', { parameters: BE_TRIGGER({ rating: 'PG' }), credentials: { businessEventsApiKey: DATA_KEY }, shows: /Could not load the attributes/ }],
	['no Business Events key', { parameters: BE_TRIGGER({ rating: 'PG' }), credentials: { businessEventsApiKey: '' }, shows: /has no Business Events API Key/ }],
	['"Triggered By" refused by MoEngage (400)', { parameters: BE_TRIGGER({ rating: 'PG' }, { triggeredBy: 'a@b.c' }), faults: [{ kind: 'status', status: 400, body: { error: { code: '400 Bad Request', message: 'Invalid email', details: [{ code: 'InvalidValue', target: 'triggered_by', message: 'Invalid email' }], request_id: 'r1' } }, pathPrefix: TRIGGER_PATH }], shows: /"Triggered By" must be an email address/ }],
	['an attribute of the wrong type (400)', { parameters: BE_TRIGGER({ rating: 'PG' }), faults: [{ kind: 'status', status: 400, body: { error: { code: '400 Bad Request', message: 'Invalid attribute type', details: [{ code: 'InvalidValue', target: 'rating', message: 'Invalid attribute type' }], request_id: 'r2' } }, pathPrefix: TRIGGER_PATH }], shows: /has a value of the wrong type/ }],
	['no active campaign (400)', { parameters: triggerParameters('NoActiveCampaign', { note: 'x' }), shows: /No active campaign uses business event/ }],
	['quota (429)', { parameters: BE_TRIGGER({ rating: 'PG' }), faults: [{ kind: 'status', status: 429, pathPrefix: TRIGGER_PATH }], shows: /quota reached/ }],
	['server error (500)', { parameters: BE_TRIGGER({ rating: 'PG' }), faults: [{ kind: 'status', status: 500, pathPrefix: TRIGGER_PATH }], shows: /did not confirm the trigger/ }],
	['timeout', { parameters: BE_TRIGGER({ rating: 'PG' }), faults: [{ kind: 'hang', pathPrefix: TRIGGER_PATH }], shows: /did not answer within the timeout/ }],
	['connection reset', { parameters: BE_TRIGGER({ rating: 'PG' }), faults: [{ kind: 'reset', pathPrefix: TRIGGER_PATH }], shows: /was reset/ }],
	// Search retries a refused connection 5 times with backoff from 1 s: slow, so run once.
	['connection refused', { parameters: BE_TRIGGER({ rating: 'PG' }), credentials: { baseUrl: 'http://127.0.0.1:1' }, shows: /Could not connect/, only: 'continueOnFail' }],
	['MoEngage echoes the key in a 400 (message and details)', { parameters: BE_TRIGGER({ rating: 'PG' }), faults: [{ kind: 'status', status: 400, body: echoing('businessEvents', BE_KEY), pathPrefix: TRIGGER_PATH }], shows: /denied for key \[redacted\]; authorization: Basic \[redacted\]/ }],
	['MoEngage echoes the bare Basic token in a 400', { parameters: BE_TRIGGER({ rating: 'PG' }), faults: [{ kind: 'status', status: 400, body: echoing('businessEvents', BE_KEY, 'bare'), pathPrefix: TRIGGER_PATH }], shows: /denied for token/ }],
	['MoEngage echoes the Authorization header as an error detail\'s target', { parameters: BE_TRIGGER({ rating: 'PG' }), faults: [{ kind: 'status', status: 400, body: echoing('businessEvents', BE_KEY, 'target'), pathPrefix: TRIGGER_PATH }], shows: /Authorization: Basic \[redacted\]/, only: 'stop' }],
	['Create: a name that exists (400)', { parameters: { resource: 'businessEvent', operation: 'create', eventName: 'NewMovies', createdBy: 'a@b.co', attributes: { attribute: [{ name: 'x', dataType: 'string' }] } }, shows: /already exists/ }],
	['Search with a wrong key', { parameters: { resource: 'businessEvent', operation: 'search' }, credentials: { businessEventsApiKey: WRONG_BE_KEY }, shows: /./ }],
	['a bad attribute value (validation)', { parameters: BE_TRIGGER({ MovieName: '[1,' }), shows: /must be array/ }],
];

describe('MoEngage Business Event: no key in errors, output, execution data or logs', () => {
	describe.each([
		['Continue On Fail', true],
		['stop on error', false],
	])('%s', (_mode, continueOnFail) => {
		const run = async (name: string, path: BePath[1]) => {
			sb.injectFaults(...(path.faults ?? []));
			const seen = await runAndCheck(name, new MoEngageBusinessEvent(), path.parameters, [{}], {
				credentials: path.credentials,
				continueOnFail,
			});
			expect(shownError(seen)).toMatch(path.shows);
		};
		test.each(paths(BE_PATHS, continueOnFail))('%s', run);
	});

	test.each([
		['the event list (listSearch)', async (ctx: ReturnType<typeof loadOptionsContext>) => await searchBusinessEvents.call(ctx)],
		['the attribute fields (resourceMapping)', async (ctx: ReturnType<typeof loadOptionsContext>) => await getAttributeSchema.call(ctx)],
	])('the editor\'s %s with a wrong key', async (_name, method) => {
		const ctx = loadOptionsContext({
			nodeType: new MoEngageBusinessEvent(),
			parameters: { ...triggerParameters('NewMovies', {}), eventAttributes: mapped({}) },
			credentials: sandboxCredentials(sb, { businessEventsApiKey: WRONG_BE_KEY }),
			path: 'parameters.businessEvent',
		});
		const { value: error, logs } = await capturingOutput(async () => await method(ctx).then(() => undefined, (e: unknown) => e as Error));
		expect(error).toBeInstanceOf(Error);
		expect(String(error?.message)).toMatch(/^Could not (list the business events|load the attributes)/);
		expectNoSecret(strings(error), 'the editor error');
		expectNoSecret(logs, 'the editor logs');
		// The request really carried the wrong key (so there was something to leak).
		expect(sb.requests.at(-1)?.headers.authorization).toBe(`Basic ${b64(`${WORKSPACE}:${WRONG_BE_KEY}`)}`);
	});
});

test('the log capture sees what n8n logs while a node fails (so the log checks above are not vacuous)', async () => {
	const { value: result, logs } = await capturingOutput(
		async () =>
			await runNode({
				nodeType: new MoEngageData(),
				parameters: userParameters(false),
				items: [{ json: { id: 'secret-user-1' } }],
				credentials: sandboxCredentials(sb, { dataApiKey: WRONG_DATA_KEY }),
			}),
	);
	expect(result.error?.message).toMatch(/^MoEngage: /);
	expect(logs.join('\n')).toContain(String(result.error?.message));
});

test('the checker itself finds a key in each form it looks for', () => {
	for (const secret of FORBIDDEN) expect(() => expectNoSecret([`x ${secret} y`], 'probe')).toThrow(/shows a secret/);
	expect(() => expectNoSecret([`Authorization: Basic ${b64('someone:else-entirely')}`], 'probe')).toThrow();
	expect(() => expectNoSecret(['Authorization: Basic [redacted]', 'Basic auth is selected'], 'probe')).not.toThrow();
});
