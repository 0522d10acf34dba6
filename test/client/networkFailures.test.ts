/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling, never shipped: openssl makes the test's certificate */
/**
 * Failures no retry can mend: a certificate TLS refuses (through n8n's real HTTP helper, against an
 * HTTPS server with a self-signed certificate), and a cancelled execution.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { MoEngageClient } from '../../nodes/shared/transport/client';
import { RETRY_POLICIES } from '../../nodes/shared/transport/retryPolicy';
import { ClientProbe } from '../support/clientProbeNode';
import { runNode } from '../support/runNode';

const CREDENTIALS = { dataCenter: 'custom', workspaceId: 'WS1', dataApiKey: 'data-key', businessEventsApiKey: 'be-key' };
const CUSTOMER = { path: '/v1/customer/WS1', body: { type: 'customer', customer_id: 'u-1' } };

describe('an HTTPS address whose certificate TLS refuses', () => {
	let dir: string;
	let server: Server;
	let baseUrl: string;
	let connections = 0;
	let requests = 0;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'moengage-tls-'));
		execFileSync('openssl', [
			'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
			'-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
		], { stdio: 'ignore' });
		server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
			requests++;
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success"}');
		});
		server.on('connection', () => connections++);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => {
		server.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test('fails at once, not retried, saying what to do about the certificate', async () => {
		const { error } = await runNode({
			nodeType: new ClientProbe(),
			parameters: { policy: JSON.stringify({ maxAttempts: 3, baseDelayMs: 20 }), mode: 'request' },
			items: [{ json: CUSTOMER as never }],
			credentials: { ...CREDENTIALS, baseUrl },
		});
		expect(error?.message).toMatch(/^MoEngage: The TLS certificate of the MoEngage address was not accepted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
		expect(error?.message).toContain('NODE_EXTRA_CA_CERTS');
		expect(connections).toBe(1);
		expect(requests).toBe(0);
	});
});

describe('an https:// base URL for an address that speaks plain HTTP', () => {
	test('fails at once, not retried, pointing at the base URL', async () => {
		let connections = 0;
		const plain = createHttpServer((req, res) => res.writeHead(200).end('{}'));
		plain.on('connection', () => connections++);
		await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
		try {
			const { error } = await runNode({
				nodeType: new ClientProbe(),
				parameters: { policy: JSON.stringify({ maxAttempts: 3, baseDelayMs: 20 }), mode: 'request' },
				items: [{ json: CUSTOMER as never }],
				credentials: { ...CREDENTIALS, baseUrl: `https://127.0.0.1:${(plain.address() as AddressInfo).port}` },
			});
			expect(error?.message).toMatch(/^MoEngage: The TLS handshake with the MoEngage address failed \([A-Z_]+\): check the credential's custom base URL/);
			expect(connections).toBe(1);
		} finally {
			plain.close();
		}
	});
});

/** The few parts of n8n's context the client uses, around a cancel signal and a scripted helper. */
function cancelledContext(signal: AbortSignal, answer: () => Promise<unknown>): { ctx: IExecuteFunctions; calls: () => number } {
	let calls = 0;
	const ctx = {
		getNode: () => ({ name: 'MoEngage Data' }) as INode,
		getCredentials: async () => ({ ...CREDENTIALS, baseUrl: 'http://127.0.0.1:1' }),
		getExecutionCancelSignal: () => signal,
		helpers: {
			httpRequestWithAuthentication: async () => {
				calls++;
				return await answer();
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls: () => calls };
}

describe('a cancelled execution', () => {
	const policy = { baseDelayMs: 2000, maxDelayMs: 2000 };

	test('a request n8n aborted is not tried again, and the failure says the execution was cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		const canceled = Object.assign(new Error('canceled'), { name: 'CanceledError', code: 'ERR_CANCELED' });
		const { ctx, calls } = cancelledContext(controller.signal, async () => await Promise.reject(canceled));
		const started = Date.now();
		const outcome = await (await MoEngageClient.create(ctx, policy)).send(CUSTOMER as never);
		expect(Date.now() - started).toBeLessThan(1000);
		expect(calls()).toBe(1);
		expect(outcome).toMatchObject({
			ok: false,
			attempts: 1,
			failure: { httpCode: 0, message: 'The execution was cancelled before MoEngage answered' },
		});
	});

	test('a 5xx or a 429 after the cancel is reported, not retried or waited out', async () => {
		const controller = new AbortController();
		controller.abort();
		for (const statusCode of [503, 429]) {
			const { ctx, calls } = cancelledContext(controller.signal, async () => ({
				statusCode,
				body: '{"status":"fail","error":{"message":"busy"}}',
				headers: { 'retry-after': '1' },
			}));
			const started = Date.now();
			const outcome = await (await MoEngageClient.create(ctx, policy)).send(CUSTOMER as never);
			expect(Date.now() - started).toBeLessThan(500);
			expect(calls()).toBe(1);
			expect(outcome).toMatchObject({ ok: false, attempts: 1, failure: { httpCode: statusCode } });
		}
	});
});

describe('what a failed request reports about its earlier attempts (mayBeRepeated)', () => {
	const fast = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 };
	const timeout = Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' });
	const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
	const serverError = { statusCode: 500, body: '{"title":"Internal Server Error","message":"oops"}', headers: {} };

	async function sendWith(policy: object, answers: Array<() => Promise<unknown>>) {
		let n = 0;
		const { ctx } = cancelledContext(new AbortController().signal, async () => await answers[Math.min(n++, answers.length - 1)]());
		return await (await MoEngageClient.create(ctx, policy)).send(CUSTOMER as never);
	}

	test('a lost answer before the final failure: the request may have been taken', async () => {
		const outcome = await sendWith(fast, [async () => await Promise.reject(timeout), async () => await Promise.reject(refused)]);
		expect(outcome).toMatchObject({ ok: false, attempts: 2, mayBeRepeated: true });
	});

	test('attempts that never reached MoEngage: not repeated', async () => {
		const outcome = await sendWith(fast, [async () => await Promise.reject(refused)]);
		expect(outcome).toMatchObject({ ok: false, attempts: 2, mayBeRepeated: false });
	});

	test('a 5xx counts as possibly taken only where the API says so (Business Events), not on the Data API', async () => {
		const data = await sendWith({ ...RETRY_POLICIES.data, ...fast }, [async () => serverError]);
		expect(data).toMatchObject({ ok: false, attempts: 2, mayBeRepeated: false });
		const businessEvents = await sendWith({ ...RETRY_POLICIES.businessEventRequest, ...fast }, [async () => serverError]);
		expect(businessEvents).toMatchObject({ ok: false, attempts: 2, mayBeRepeated: true });
	});
});
