import { NodeOperationError } from 'n8n-workflow';

import { sampleStreamsBatch } from '../sandbox';
import { resetDuplicateMemory } from '../../nodes/MoEngageStreamsTrigger/webhook/deduplicate';
import { isIpAllowed, parseIpAllowList } from '../../nodes/MoEngageStreamsTrigger/webhook/ipAllowList';
import { basic, callWebhook, type WebhookRun } from './webhookHarness';

beforeEach(() => resetDuplicateMemory());

const BASIC = { authentication: 'basicAuth', basicAuthUser: 'moengage', basicAuthPassword: 's3cret:with colon' };
const HEADER = { authentication: 'headerAuth', headerAuthName: 'X-Streams-Token', headerAuthValue: 'token-value-1' };

function expectRefused(run: WebhookRun, status: number) {
	expect(run.answer.status).toBe(status);
	expect(run.result).toEqual({ noWebhookResponse: true });
	expect(run.started).toBe(false);
	expect(JSON.stringify(run.answer.body)).not.toMatch(/s3cret|token-value-1/);
}

describe('MoEngage Streams Trigger: authentication', () => {
	it('accepts any caller with authentication None', async () => {
		const run = await callWebhook({ authentication: 'none' }, { body: sampleStreamsBatch() });
		expect(run.events).toHaveLength(3);
	});

	describe('Basic auth', () => {
		it('accepts the right user and password (a colon in the password included)', async () => {
			const run = await callWebhook(BASIC, {
				body: sampleStreamsBatch(),
				headers: { Authorization: basic('moengage', 's3cret:with colon') },
			});
			expect(run.events).toHaveLength(3);
		});

		it('answers 401 with a Basic challenge when the header is missing or not Basic', async () => {
			for (const headers of [{}, { Authorization: 'Bearer abc' }] as Array<Record<string, string>>) {
				const run = await callWebhook(BASIC, { body: sampleStreamsBatch(), headers });
				expectRefused(run, 401);
				expect(run.answer.headers['www-authenticate']).toMatch(/^Basic realm=/);
			}
		});

		it('answers 403 for a wrong user, a wrong password, or no colon', async () => {
			for (const authorization of [
				basic('someone', 's3cret:with colon'),
				basic('moengage', 's3cret'),
				`Basic ${Buffer.from('moengage').toString('base64')}`,
			]) {
				const run = await callWebhook(BASIC, { body: sampleStreamsBatch(), headers: { Authorization: authorization } });
				expectRefused(run, 403);
			}
		});

		it('checks the caller before reading the body', async () => {
			const run = await callWebhook(BASIC, { body: 'not json', headers: { Authorization: basic('x', 'y') } });
			expectRefused(run, 403);
		});
	});

	describe('Header auth', () => {
		it('accepts the right value, whatever the case of the header name', async () => {
			const run = await callWebhook(HEADER, { body: sampleStreamsBatch(), headers: { 'x-streams-token': 'token-value-1' } });
			expect(run.events).toHaveLength(3);
		});

		it('answers 401 when the header is missing', async () => {
			const run = await callWebhook(HEADER, { body: sampleStreamsBatch(), headers: { 'X-Other': 'token-value-1' } });
			expectRefused(run, 401);
			expect(run.answer.headers['www-authenticate']).toBeUndefined();
		});

		it('answers 403 for a wrong value, a prefix of it, or a longer one', async () => {
			for (const value of ['wrong', 'token-value', 'token-value-12', '']) {
				const run = await callWebhook(HEADER, { body: sampleStreamsBatch(), headers: { 'X-Streams-Token': value } });
				expectRefused(run, 403);
			}
		});
	});

	it('refuses to run with an incomplete auth set-up rather than letting callers in', async () => {
		await expect(callWebhook({ ...BASIC, basicAuthPassword: '' }, { body: sampleStreamsBatch() })).rejects.toThrow(
			NodeOperationError,
		);
		await expect(callWebhook({ ...HEADER, headerAuthName: 'bad name' }, { body: sampleStreamsBatch() })).rejects.toThrow(
			/Header Name/,
		);
	});
});

describe('MoEngage Streams Trigger: IP allow-list', () => {
	const allowList = (ipAllowList: string) => ({ settings: { ipAllowList } });

	it('accepts listed addresses and ranges, and IPv4 seen as IPv4-mapped IPv6', async () => {
		const list = '198.51.100.7, 203.0.113.0/24,2001:db8::/32';
		for (const ip of ['198.51.100.7', '203.0.113.200', '::ffff:203.0.113.9', '2001:db8:1::5']) {
			const run = await callWebhook(allowList(list), { body: sampleStreamsBatch(), ip });
			expect(run.events).toHaveLength(3);
		}
	});

	it('answers 403 for other addresses, before looking at the body', async () => {
		const list = '198.51.100.7, 203.0.113.0/24';
		for (const ip of ['198.51.100.8', '203.0.114.1', '2001:db8::1', '']) {
			const run = await callWebhook(allowList(list), { body: 'not json', ip });
			expectRefused(run, 403);
		}
	});

	it('fails loudly on an entry that is not an address or range', async () => {
		await expect(callWebhook(allowList('10.0.0.1, 10.0.0.0/33'), { body: sampleStreamsBatch() })).rejects.toThrow(
			/10\.0\.0\.0\/33/,
		);
	});

	it('parses and matches addresses and ranges', () => {
		const { list, invalid } = parseIpAllowList('10.0.0.0/8 192.168.1.1\n::1, fe80::/10, 0.0.0.0/0, 300.1.1.1, ::g, 1::2::3, 10.0.0.1/');
		expect(invalid).toEqual(['300.1.1.1', '::g', '1::2::3', '10.0.0.1/']);
		expect(isIpAllowed(list, '10.200.3.4')).toBe(true);
		expect(isIpAllowed(list, '::1')).toBe(true);
		expect(isIpAllowed(list, 'fe80::1234:5678')).toBe(true);
		expect(isIpAllowed(list, 'fec0::1')).toBe(false);
		expect(isIpAllowed(list, '8.8.8.8')).toBe(true); // 0.0.0.0/0
		expect(isIpAllowed(parseIpAllowList('10.0.0.0/8').list, '11.0.0.1')).toBe(false);
		expect(isIpAllowed(parseIpAllowList('192.168.1.128/25').list, '192.168.1.127')).toBe(false);
		expect(isIpAllowed(parseIpAllowList('192.168.1.128/25').list, '192.168.1.128')).toBe(true);
		expect(isIpAllowed(parseIpAllowList('2001:db8::1').list, '2001:0db8:0000:0000:0000:0000:0000:0001')).toBe(true);
		expect(isIpAllowed(parseIpAllowList('::ffff:1.2.3.4').list, '1.2.3.4')).toBe(true);
		expect(isIpAllowed(parseIpAllowList('1.2.3.4').list, undefined)).toBe(false);
	});
});
