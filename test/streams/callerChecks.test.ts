import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sampleStreamsBatch } from '../../sandbox';
import { MoEngageStreamsBasicAuthApi } from '../../credentials/MoEngageStreamsBasicAuthApi.credentials';
import { MoEngageStreamsHeaderAuthApi } from '../../credentials/MoEngageStreamsHeaderAuthApi.credentials';
import { MoEngageStreamsTrigger } from '../../nodes/MoEngageStreamsTrigger/MoEngageStreamsTrigger.node';
import { resetDuplicateMemory } from '../../nodes/MoEngageStreamsTrigger/webhook/deduplicate';
import { isIpAllowed, parseIpAllowList } from '../../nodes/MoEngageStreamsTrigger/webhook/ipAllowList';
import { basic, callWebhook, type FakeCredentials, type WebhookRun } from './webhookHarness';

beforeEach(() => resetDuplicateMemory());

const BASIC_TYPE = 'moEngageStreamsBasicAuthApi';
const HEADER_TYPE = 'moEngageStreamsHeaderAuthApi';
const BASIC = { authentication: 'basicAuth' };
const HEADER = { authentication: 'headerAuth' };
const BASIC_CREDENTIAL = { user: 'moengage', password: 's3cret:with colon' };
const HEADER_CREDENTIAL = { name: 'X-Streams-Token', value: 'token-value-1' };
const BASIC_CREDENTIALS: FakeCredentials = { [BASIC_TYPE]: BASIC_CREDENTIAL };
const HEADER_CREDENTIALS: FakeCredentials = { [HEADER_TYPE]: HEADER_CREDENTIAL };
const SECRETS = /s3cret|token-value-1/;

function expectRefused(run: WebhookRun, status: number) {
	expect(run.answer.status).toBe(status);
	expect(run.result).toEqual({ noWebhookResponse: true });
	expect(run.started).toBe(false);
	expect(JSON.stringify(run.answer.body)).not.toMatch(SECRETS);
}

/** The node refuses to run (n8n answers 500 and records a failed execution); returns the error. */
async function expectConfigError(run: Promise<WebhookRun>, message: RegExp): Promise<NodeOperationError> {
	const error = await run.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeOperationError);
	const { message: text, description } = error as NodeOperationError;
	expect(text).toMatch(message);
	expect(`${text} ${description}`).not.toMatch(SECRETS);
	return error as NodeOperationError;
}

describe('MoEngage Streams Trigger: authentication', () => {
	it('accepts any caller with authentication None, and reads no credential', async () => {
		const run = await callWebhook({ authentication: 'none' }, { body: sampleStreamsBatch() }, BASIC_CREDENTIALS);
		expect(run.events).toHaveLength(3);
		expect(run.credentialReads).toEqual([]);
	});

	describe('Basic auth (credential moEngageStreamsBasicAuthApi)', () => {
		it('accepts the right user and password (a colon in the password included), reading the credential once', async () => {
			const run = await callWebhook(
				BASIC,
				{ body: sampleStreamsBatch(), headers: { Authorization: basic('moengage', 's3cret:with colon') } },
				BASIC_CREDENTIALS,
			);
			expect(run.events).toHaveLength(3);
			expect(run.credentialReads).toEqual([BASIC_TYPE]);
		});

		it('answers 401 with a Basic challenge when the header is missing or not Basic', async () => {
			for (const headers of [{}, { Authorization: 'Bearer abc' }] as Array<Record<string, string>>) {
				const run = await callWebhook(BASIC, { body: sampleStreamsBatch(), headers }, BASIC_CREDENTIALS);
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
				const run = await callWebhook(
					BASIC,
					{ body: sampleStreamsBatch(), headers: { Authorization: authorization } },
					BASIC_CREDENTIALS,
				);
				expectRefused(run, 403);
			}
		});

		it('checks the caller before reading the body', async () => {
			const run = await callWebhook(
				BASIC,
				{ body: 'not json', headers: { Authorization: basic('x', 'y') } },
				BASIC_CREDENTIALS,
			);
			expectRefused(run, 403);
		});

		it('takes the values from the credential, not from parameters left over from an older set-up', async () => {
			const legacy = { ...BASIC, basicAuthUser: 'old', basicAuthPassword: 'old-password' };
			const old = await callWebhook(
				legacy,
				{ body: sampleStreamsBatch(), headers: { Authorization: basic('old', 'old-password') } },
				BASIC_CREDENTIALS,
			);
			expectRefused(old, 403);
			await expectConfigError(
				callWebhook(legacy, { body: sampleStreamsBatch(), headers: { Authorization: basic('old', 'old-password') } }),
				/no MoEngage Streams Basic Auth API credential is selected/,
			);
		});
	});

	describe('Header auth (credential moEngageStreamsHeaderAuthApi)', () => {
		it('accepts a value with inner spaces and any visible ASCII punctuation', async () => {
			const value = 'Bearer a~b!c "d" {e}|f';
			const run = await callWebhook(
				HEADER,
				{ body: sampleStreamsBatch(), headers: { 'X-Streams-Token': value } },
				{ [HEADER_TYPE]: { ...HEADER_CREDENTIAL, value } },
			);
			expect(run.events).toHaveLength(3);
		});

		it('accepts the right value, whatever the case of the header name', async () => {
			const run = await callWebhook(
				HEADER,
				{ body: sampleStreamsBatch(), headers: { 'x-streams-token': 'token-value-1' } },
				HEADER_CREDENTIALS,
			);
			expect(run.events).toHaveLength(3);
			expect(run.credentialReads).toEqual([HEADER_TYPE]);
		});

		it('trims spaces around the header name in the credential', async () => {
			const run = await callWebhook(
				HEADER,
				{ body: sampleStreamsBatch(), headers: { 'X-Streams-Token': 'token-value-1' } },
				{ [HEADER_TYPE]: { ...HEADER_CREDENTIAL, name: '  X-Streams-Token ' } },
			);
			expect(run.events).toHaveLength(3);
		});

		it('answers 401 when the header is missing', async () => {
			const run = await callWebhook(
				HEADER,
				{ body: sampleStreamsBatch(), headers: { 'X-Other': 'token-value-1' } },
				HEADER_CREDENTIALS,
			);
			expectRefused(run, 401);
			expect(run.answer.headers['www-authenticate']).toBeUndefined();
		});

		it('answers 403 for a wrong value, a prefix of it, or a longer one', async () => {
			for (const value of ['wrong', 'token-value', 'token-value-12', '']) {
				const run = await callWebhook(
					HEADER,
					{ body: sampleStreamsBatch(), headers: { 'X-Streams-Token': value } },
					HEADER_CREDENTIALS,
				);
				expectRefused(run, 403);
			}
		});
	});

	it('does not read the credential for a caller outside the IP allow-list', async () => {
		const run = await callWebhook(
			{ ...BASIC, settings: { ipAllowList: '198.51.100.7' } },
			{
				body: sampleStreamsBatch(),
				ip: '203.0.113.10',
				headers: { Authorization: basic('moengage', 's3cret:with colon') },
			},
			BASIC_CREDENTIALS,
		);
		expectRefused(run, 403);
		expect(run.credentialReads).toEqual([]);
	});

	describe('refuses to run with an incomplete set-up rather than letting callers in', () => {
		const request = {
			body: sampleStreamsBatch(),
			headers: { Authorization: basic('moengage', 's3cret:with colon'), 'X-Streams-Token': 'token-value-1' },
		};

		it('no credential selected, or only one of the other kind', async () => {
			const error = await expectConfigError(
				callWebhook(BASIC, request),
				/Basic Auth but no MoEngage Streams Basic Auth API credential is selected/,
			);
			expect(error.description).toMatch(
				/Create a "MoEngage Streams Basic Auth API" credential with the values MoEngage support will send/,
			);
			await expectConfigError(
				callWebhook(HEADER, request, BASIC_CREDENTIALS),
				/Header Auth but no MoEngage Streams Header Auth API credential is selected/,
			);
		});

		it('a credential n8n cannot read (decryption, expression): says so, with n8n’s reason', async () => {
			const error = await expectConfigError(
				callWebhook(BASIC, request, { [BASIC_TYPE]: new Error('Credentials could not be decrypted') }),
				/Basic Auth but the credential could not be read/,
			);
			expect(error.description).toMatch(/n8n said: Credentials could not be decrypted/);
		});

		it('empty or unusable Basic values', async () => {
			for (const data of [
				{ ...BASIC_CREDENTIAL, password: '' },
				{ ...BASIC_CREDENTIAL, user: '' },
				{},
				{ user: 'a:b', password: 's3cret:with colon' },
			]) {
				await expectConfigError(
					callWebhook(BASIC, request, { [BASIC_TYPE]: data }),
					/Basic Auth but the credential’s User/,
				);
			}
		});

		it('empty value or invalid name in a Header credential', async () => {
			await expectConfigError(
				callWebhook(HEADER, request, { [HEADER_TYPE]: { ...HEADER_CREDENTIAL, value: '' } }),
				/credential’s Value is empty/,
			);
			for (const name of ['bad name', '', 'X-Token:', 'Tök']) {
				await expectConfigError(
					callWebhook(HEADER, request, { [HEADER_TYPE]: { ...HEADER_CREDENTIAL, name } }),
					/credential’s Name is not a valid header name/,
				);
			}
		});

		it('a Header value that could never match what arrives: spaces around it, or not visible ASCII', async () => {
			// Node's HTTP parser trims header values and reads their bytes as latin1.
			for (const value of ['token-value-1 ', ' token-value-1', 'token-value-1\n', '\ttoken-value-1']) {
				const error = await expectConfigError(
					callWebhook(HEADER, request, { [HEADER_TYPE]: { ...HEADER_CREDENTIAL, value } }),
					/Header Auth but the credential’s Value starts or ends with a space or line break: remove it/,
				);
				expect(error.description).toMatch(/Create a "MoEngage Streams Header Auth API" credential/);
			}
			for (const value of ['tökén-value-1', 'token\tvalue-1', 'token-€', 'token\u00a0value']) {
				await expectConfigError(
					callWebhook(HEADER, request, { [HEADER_TYPE]: { ...HEADER_CREDENTIAL, value } }),
					/credential’s Value has characters other than visible ASCII/,
				);
			}
		});

		it('an unknown Authentication value', async () => {
			await expectConfigError(
				callWebhook({ authentication: 'jwtAuth' }, request, BASIC_CREDENTIALS),
				/Unknown Authentication "jwtAuth"/,
			);
		});
	});
});

describe('MoEngage Streams Trigger: where the secrets live', () => {
	const { description, methods } = new MoEngageStreamsTrigger();

	function allProperties(properties: INodeProperties[]): INodeProperties[] {
		return properties.flatMap((p) => [
			p,
			...allProperties(
				(p.options ?? []).flatMap((o) => ('values' in o ? o.values : 'type' in o ? [o as INodeProperties] : [])),
			),
		]);
	}

	it('no node parameter holds a secret: the values are in credentials, shown per Authentication', () => {
		const properties = allProperties(description.properties);
		expect(properties.filter((p) => p.typeOptions?.password)).toEqual([]);
		const names = properties.map((p) => p.name);
		for (const old of ['basicAuthUser', 'basicAuthPassword', 'headerAuthName', 'headerAuthValue'])
			expect(names).not.toContain(old);
		expect(description.credentials).toEqual([
			expect.objectContaining({
				name: BASIC_TYPE,
				required: true,
				displayOptions: { show: { authentication: ['basicAuth'] } },
			}),
			expect.objectContaining({
				name: HEADER_TYPE,
				required: true,
				displayOptions: { show: { authentication: ['headerAuth'] } },
			}),
		]);
	});

	it('the credential types have the fields of n8n’s Basic Auth / Header Auth, secrets masked', () => {
		const fields = (type: { properties: INodeProperties[] }) =>
			type.properties.map((p) => [p.name, p.typeOptions?.password === true]);
		expect(new MoEngageStreamsBasicAuthApi().name).toBe(BASIC_TYPE);
		expect(fields(new MoEngageStreamsBasicAuthApi())).toEqual([
			['user', false],
			['password', true],
		]);
		expect(new MoEngageStreamsHeaderAuthApi().name).toBe(HEADER_TYPE);
		expect(fields(new MoEngageStreamsHeaderAuthApi())).toEqual([
			['name', false],
			['value', true],
		]);
	});

	it('each credential has a save-time check that applies the webhook’s rules', async () => {
		const test = (type: string, data: Record<string, unknown>) => {
			const testedBy = description.credentials?.find((c) => c.name === type)?.testedBy as string;
			const fn = methods.credentialTest[testedBy as keyof typeof methods.credentialTest];
			return fn.call({} as ICredentialTestFunctions, { id: '1', name: 'c', type, data } as ICredentialsDecrypted);
		};
		expect(await test(BASIC_TYPE, BASIC_CREDENTIAL)).toMatchObject({ status: 'OK' });
		expect(await test(BASIC_TYPE, { user: 'moengage', password: '' })).toEqual({
			status: 'Error',
			message: 'Not usable: the credential’s User or Password is empty',
		});
		expect(await test(HEADER_TYPE, HEADER_CREDENTIAL)).toMatchObject({ status: 'OK' });
		expect(await test(HEADER_TYPE, { name: 'X Token', value: 'token-value-1' })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/Name is not a valid header name/),
		});
		expect(await test(HEADER_TYPE, { ...HEADER_CREDENTIAL, value: 'token-value-1 ' })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Not usable: the credential’s Value starts or ends with a space/),
		});
		expect(await test(HEADER_TYPE, { ...HEADER_CREDENTIAL, value: 'jeton-sécurisé' })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Not usable: the credential’s Value has characters other than visible ASCII/),
		});
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
		const { list, invalid } = parseIpAllowList(
			'10.0.0.0/8 192.168.1.1\n::1, fe80::/10, 0.0.0.0/0, 300.1.1.1, ::g, 1::2::3, 10.0.0.1/',
		);
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
