/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- test tooling with made-up keys, never shipped */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { ClientProbe } from '../support/clientProbeNode';
import { runNode, sandboxCredentials } from '../support/runNode';

const FAST = { baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 2000 };

let sb: Sandbox;

beforeAll(async () => {
	sb = await startSandbox({ rateLimits: { dataWindowMs: 1000 } });
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.clearRequests();
	sb.clearFaults();
	sb.resetRateLimits();
});

function customer(id = 'user-42') {
	return {
		path: `/v1/customer/${sb.workspaceId}`,
		body: { type: 'customer', customer_id: id, attributes: { plan: 'gold' } },
	};
}

function trigger() {
	return {
		path: '/v1.0/business_event/trigger',
		body: { event_name: 'NewMovies', event_attributes: { rating: 'PG' } },
	};
}

async function probe(
	request: object,
	policy: object = FAST,
	options: { mode?: 'send' | 'request'; credentials?: Record<string, string> } = {},
) {
	return await runNode({
		nodeType: new ClientProbe(),
		parameters: { policy: JSON.stringify(policy), mode: options.mode ?? 'request' },
		items: [{ json: request as never }],
		credentials: sandboxCredentials(sb, options.credentials),
	});
}

describe('MoEngage client over real HTTP', () => {
	test('Data API calls carry Basic auth with the Data key, MOE-APPKEY and JSON', async () => {
		const { outputs, error } = await probe(customer());
		expect(error).toBeUndefined();
		expect(outputs[0][0].json).toMatchObject({ statusCode: 200, attempts: 1 });
		expect(outputs[0][0].json.requestId).toEqual(expect.any(String));
		const [req] = sb.requests;
		const basic = Buffer.from(`${sb.workspaceId}:${sb.dataApiKey}`).toString('base64');
		expect(req.headers.authorization).toBe(`Basic ${basic}`);
		expect(req.headers['moe-appkey']).toBe(sb.workspaceId);
		expect(req.headers['content-type']).toMatch(/^application\/json/);
		expect(req.body).toEqual(customer().body);
	});

	test('Business Events calls use the Business Events key and no MOE-APPKEY', async () => {
		const { error } = await probe(trigger());
		expect(error).toBeUndefined();
		const [req] = sb.requests;
		const basic = Buffer.from(`${sb.workspaceId}:${sb.businessEventsApiKey}`).toString('base64');
		expect(req.headers.authorization).toBe(`Basic ${basic}`);
		expect(req.headers['moe-appkey']).toBeUndefined();
	});

	test('a missing key fails before any request, naming the key and where to find it', async () => {
		const { error } = await probe(trigger(), FAST, { credentials: { businessEventsApiKey: '' } });
		expect(error?.message).toContain('Business Events API Key');
		expect(error?.description).toContain('Campaign report/Business events/Custom templates');
		expect(sb.requests).toHaveLength(0);
	});

	test('a 429 with Retry-After is waited out, then the request succeeds', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 1 });
		const started = Date.now();
		const { outputs, error } = await probe(customer());
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(outputs[0][0].json.attempts).toBe(2);
		expect(sb.requests.map((r) => r.status)).toEqual([429, 200]);
	});

	test('a 429 with only x-ratelimit-reset waits for that reset', async () => {
		sb.injectFaults({
			kind: 'status',
			status: 429,
			retryAfter: null,
			headers: { 'x-ratelimit-reset': '1' },
		});
		const started = Date.now();
		const { error } = await probe(customer());
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(sb.requests).toHaveLength(2);
	});

	test('a 429 that says nothing of when to come back waits a rate window, then backs off, and gives up after the limit', async () => {
		// An unreadable reset stands for none: the sandbox always sends its window's.
		const bare = { kind: 'status' as const, status: 429, retryAfter: null, headers: { 'x-ratelimit-reset': 'unknown' } };
		sb.injectFaults(bare, bare, bare, bare);
		const { error } = await probe(customer(), { ...FAST, maxRateLimitWaits: 2, rateLimitWindowMs: 400 });
		expect(sb.requests).toHaveLength(3);
		expect(error?.httpCode).toBe('429');
		expect(error?.message).toContain('Rate Limits for User / Event exceeded');
		const gaps = [1, 2].map((i) => sb.requests[i].receivedAt - sb.requests[i - 1].receivedAt);
		expect(gaps[0]).toBeGreaterThanOrEqual(380); // the window
		expect(gaps[1]).toBeGreaterThanOrEqual(10); // then the backoff: 20 ms base, full jitter keeps at least half
		expect(gaps[1]).toBeLessThan(380);
	});

	test('429s that say when to come back are waited out however many come, within the deadline, and the wait is reported', async () => {
		const soon = { kind: 'status' as const, status: 429, retryAfter: 0.2 };
		sb.injectFaults(soon, soon, soon, soon);
		const { outputs, error } = await probe(customer(), { ...FAST, maxRateLimitWaits: 1, rateLimitDeadlineMs: 10_000 }, { mode: 'send' });
		expect(error).toBeUndefined();
		expect(sb.requests.map((r) => r.status)).toEqual([429, 429, 429, 429, 200]);
		const { response } = outputs[0][0].json as { response: { rateLimitWaitedMs: number } };
		expect(response.rateLimitWaitedMs).toBeGreaterThanOrEqual(800);
	});

	test('a 429 asking for longer than the deadline allows fails at once, with the time asked and what to do', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 90 });
		const started = Date.now();
		const { error } = await probe(customer(), { ...FAST, rateLimitDeadlineMs: 60_000 });
		expect(Date.now() - started).toBeLessThan(2000);
		expect(sb.requests).toHaveLength(1);
		expect(error?.description).toContain('MoEngage asked to wait 90 s more, beyond this request\'s rate-limit deadline (60 s)');
	});

	test('a 429 asking for more than a minute is waited out when the deadline allows it', async () => {
		// Scaled down: the deadline of 15 minutes against MoEngage's long waits, here 1.5 s against 1 s.
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: 1 });
		const { error } = await probe(customer(), { ...FAST, rateLimitDeadlineMs: 1500 });
		expect(error).toBeUndefined();
		expect(sb.requests.map((r) => r.status)).toEqual([429, 200]);
	});

	test('5xx answers are retried a bounded number of times, then reported with MoEngage\'s message', async () => {
		sb.injectFaults(...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 500 })));
		const { error } = await probe(customer(), { ...FAST, maxAttempts: 3 });
		expect(sb.requests).toHaveLength(3);
		expect(error?.httpCode).toBe('500');
		expect(error?.message).toContain('An unexpected error was encountered');
		expect(error?.description).toContain('Attempts made: 3');
	});

	test('a 503 then success: one retry and a normal result', async () => {
		sb.injectFaults({ kind: 'status', status: 503 });
		const { outputs, error } = await probe(customer());
		expect(error).toBeUndefined();
		expect(outputs[0][0].json.attempts).toBe(2);
	});

	test('connection resets are retried', async () => {
		sb.injectFaults({ kind: 'reset' });
		const { outputs, error } = await probe(customer());
		expect(error).toBeUndefined();
		expect(outputs[0][0].json.attempts).toBe(2);
	});

	test('an answer slower than the timeout is abandoned and retried', async () => {
		sb.injectFaults({ kind: 'delay', ms: 1500 });
		const { outputs, error } = await probe(customer(), { ...FAST, timeoutMs: 300 });
		expect(error).toBeUndefined();
		expect(outputs[0][0].json.attempts).toBe(2);
	});

	test('with unsafe retries off, a timeout or a 5xx is reported after one attempt', async () => {
		sb.injectFaults({ kind: 'hang' });
		const timedOut = await probe(trigger(), { ...FAST, timeoutMs: 300, retryUnsafe: false }, { mode: 'send' });
		expect(timedOut.outputs[0][0].json).toMatchObject({ ok: false, attempts: 1, network: { isTimeout: true } });
		sb.clearRequests();
		sb.injectFaults({ kind: 'status', status: 500 });
		const failed = await probe(trigger(), { ...FAST, retryUnsafe: false }, { mode: 'send' });
		expect(failed.outputs[0][0].json).toMatchObject({ ok: false, attempts: 1, failure: { httpCode: 500 } });
		expect(sb.requests).toHaveLength(1);
	});

	test('other 4xx are never retried and carry MoEngage\'s message and request id', async () => {
		const { error } = await probe({ ...customer('guest') });
		expect(sb.requests).toHaveLength(1);
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toMatch(/^MoEngage: /);
		const requestId = (sb.requests[0].response as { error: { request_id: string } }).error.request_id;
		expect(error?.description).toContain(requestId);
	});

	test('Business Events error details are kept (target and message)', async () => {
		const { error } = await probe({
			...trigger(),
			body: { event_name: 'NoSuchEvent', event_attributes: {} },
		});
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toContain('Business event does not exist');
		expect(error?.description).toContain('event_name: Business event does not exist');
	});

	test('the Business Events 429 shape becomes a readable error', async () => {
		sb.injectFaults({ kind: 'status', status: 429, retryAfter: null });
		const { error } = await probe(trigger(), { ...FAST, maxRateLimitWaits: 0 });
		expect(error?.httpCode).toBe('429');
		expect(error?.message).toContain('Exceeded rate limit for this app');
	});

	test('a wrong key is a 401 whose error shows no key and no Authorization header', async () => {
		const wrong = 'wrong-data-key-1234567890';
		const { error } = await probe(customer(), FAST, { credentials: { dataApiKey: wrong } });
		expect(error?.httpCode).toBe('401');
		const shown = JSON.stringify({ ...error, message: error?.message, description: error?.description });
		expect(shown).not.toContain(wrong);
		expect(shown).not.toContain(Buffer.from(`${sb.workspaceId}:${wrong}`).toString('base64'));
		expect(shown.toLowerCase()).not.toContain('authorization":');
	});

	test('a 401 or 403 says which key, the data center, and that a scoped key may lack the API', async () => {
		const refused = await probe(customer(), FAST, { credentials: { dataApiKey: 'wrong-data-key-1234567890' } });
		expect(refused.error?.description).toContain('MoEngage did not accept the Data API Key with this Workspace ID');
		expect(refused.error?.description).toContain('Data Center');
		expect(refused.error?.description).toContain('scoped key');
		sb.injectFaults({ kind: 'status', status: 403, body: { status: 'fail', error: { type: 'Forbidden', message: 'Forbidden' } } });
		const forbidden = await probe(trigger());
		expect(forbidden.error?.httpCode).toBe('403');
		expect(forbidden.error?.description).toContain('did not allow the Business Events API Key to use this API');
	});

	test('a network error shows no key and no Authorization header', async () => {
		const key = 'secret-key-for-network-test';
		const { error } = await runNode({
			nodeType: new ClientProbe(),
			parameters: { policy: JSON.stringify({ ...FAST, maxAttempts: 2 }), mode: 'request' },
			items: [{ json: customer() as never }],
			credentials: sandboxCredentials(sb, { baseUrl: 'http://127.0.0.1:1', dataApiKey: key }),
		});
		expect(error?.message).toContain('Could not connect to MoEngage');
		const shown = JSON.stringify(error) + String(error?.message) + String(error?.description);
		expect(shown).not.toContain(key);
		expect(shown).not.toContain(Buffer.from(`${sb.workspaceId}:${key}`).toString('base64'));
	});

	test('a redirect is not followed: the API keys never reach the other host', async () => {
		const elsewhere: IncomingHttpHeaders[] = [];
		const listen = async (server: Server) => {
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		};
		const other = createServer((req, res) => {
			elsewhere.push(req.headers);
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success"}');
		});
		const otherUrl = await listen(other);
		const redirecting = createServer((req, res) => {
			req.resume();
			res.writeHead(307, { location: `${otherUrl}${req.url ?? '/'}` }).end();
		});
		const redirectingUrl = await listen(redirecting);
		try {
			const { error } = await probe(customer(), { ...FAST, maxAttempts: 1 }, { credentials: { baseUrl: redirectingUrl } });
			expect(error?.httpCode).toBe('307');
			expect(elsewhere).toHaveLength(0);
		} finally {
			redirecting.close();
			other.close();
		}
	});
});
