import type { ICredentialDataDecryptedObject, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { MoEngageApi } from '../../credentials/MoEngageApi.credentials';

/**
 * The credential's Test button: its request is made of expressions over the credential, which
 * n8n resolves with `$credentials` before sending. Resolved here the same way.
 */
const stubTypes = { description: { properties: [] } };
const workflow = new Workflow({
	nodes: [{ id: '1', name: 'test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }],
	connections: {},
	active: false,
	nodeTypes: { getByName: () => stubTypes, getByNameAndVersion: () => stubTypes, getKnownTypes: () => ({}) } as unknown as INodeTypes,
});

function testRequestFor(credentials: ICredentialDataDecryptedObject) {
	const { request } = new MoEngageApi().test;
	const resolve = (value: unknown) =>
		workflow.expression.getParameterValue(value as string, null, 0, 0, 'test', [], 'internal', { $credentials: credentials });
	const sent = { baseURL: resolve(request.baseURL), url: resolve(request.url), body: resolve(request.body) };
	const readsBodies = resolve(request.ignoreHttpStatusErrors);
	return readsBodies === false ? sent : { ...sent, readsBodies };
}

test('with a Data API key: the read-only Test Connection API, with the trimmed ID and key and the data center', () => {
	const sent = testRequestFor({ dataCenter: '101', workspaceId: ' WS1 ', dataApiKey: 'data-key\n', businessEventsApiKey: 'be' });
	expect(sent).toEqual({
		baseURL: 'https://api-101.moengage.com',
		url: '/v1/integrations/authentication',
		body: { app_id: 'WS1', app_secret: 'data-key', source: 'n8n', region: '101' },
	});
});

test('behind a custom base URL the region comes from the address it names, else 01', () => {
	const named = testRequestFor({ dataCenter: 'custom', baseUrl: 'https://proxy.example.com/api-02.moengage.com/', workspaceId: 'WS1', dataApiKey: 'k' });
	expect(named).toMatchObject({ baseURL: 'https://proxy.example.com/api-02.moengage.com', body: { region: '02' } });
	const plain = testRequestFor({ dataCenter: 'custom', baseUrl: 'http://127.0.0.1:9', workspaceId: 'WS1', dataApiKey: 'k' });
	expect(plain).toMatchObject({ body: { region: '01' } });
});

test('with only a Business Events key: a search, which changes nothing', () => {
	const sent = testRequestFor({ dataCenter: '02', workspaceId: 'WS1', dataApiKey: '  ', businessEventsApiKey: 'be' });
	expect(sent).toEqual({
		baseURL: 'https://api-02.moengage.com',
		url: '/v1.0/business_event/search',
		body: { event_names: ['n8n-credential-check'] },
	});
});

test('a refusal says which key was checked, where to find it, and that a wrong data center looks the same', () => {
	const messages = Object.fromEntries(
		(new MoEngageApi().test.rules ?? []).map((rule) => [rule.properties.value, rule.properties.message]),
	);
	expect(messages[401]).toMatch(/first entered of the Data API Key, the Business Events API Key, the Inform API Key/);
	expect(messages[401]).toMatch(/Settings → Account → APIs/);
	expect(messages[401]).toMatch(/wrong Data Center gives the same answer/);
	expect(messages[403]).toMatch(/scoped key/);
});

test('with only an Inform key: an alert that cannot be sent, its answer read as a body', () => {
	const sent = testRequestFor({ dataCenter: '03', workspaceId: 'WS1', dataApiKey: '', businessEventsApiKey: ' ', informApiKey: 'inform-key' });
	expect(sent).toEqual({
		baseURL: 'https://api-03.moengage.com',
		url: '/v1.0/alerts/send',
		body: { alert_id: '000000000000000000000000', transaction_id: 'n8n-credential-check', payloads: {} },
		readsBodies: true,
	});
	expect(JSON.stringify(sent)).not.toContain('inform-key');
});

test("MoEngage's Inform refusal, rate limit and internal error each fail the check with what to do", () => {
	const bodyRules = (new MoEngageApi().test.rules ?? []).filter((rule) => rule.type === 'responseSuccessBody');
	const failed = (answer: Record<string, unknown>) =>
		bodyRules.find((rule) => 'key' in rule.properties && answer[rule.properties.key] === rule.properties.value)?.properties.message;
	expect(failed({ message: 'Invalid App Key or Basic Auth', err_code: 'UNAUTHORIZED', status_code: 120001 })).toMatch(/refused the Inform API Key.*"Inform" tile.*wrong Data Center/s);
	expect(failed({ message: 'Too many requests', err_code: 'Rate Limit', status_code: 140110 })).toMatch(/could not be checked now/);
	expect(failed({ message: 'Unexpected error occurred', err_code: 'Internal Server Error', status_code: 140109 })).toMatch(/could not be checked now/);
	// A known key: MoEngage refuses the alert, not the key.
	expect(failed({ message: 'Invalid Alert ID', err_code: 'BAD_REQUEST', status_code: 120002 })).toBeUndefined();
	// The other checks' answers pass the body rules.
	expect(failed({ status: 'success', app_name: 'Workspace' })).toBeUndefined();
	expect(failed({ data: [] })).toBeUndefined();
});

test('with a Data key entered the Inform key is not checked, and the refusal says how to check it', () => {
	const sent = testRequestFor({ dataCenter: '01', workspaceId: 'WS1', dataApiKey: 'data-key', informApiKey: 'inform-key' });
	expect(sent.url).toBe('/v1/integrations/authentication');
	expect(JSON.stringify(sent)).not.toContain('inform-key');
	const messages = Object.fromEntries(
		(new MoEngageApi().test.rules ?? []).map((rule) => [rule.properties.value, rule.properties.message]),
	);
	expect(messages[401]).toMatch(/the Inform API Key is not checked here: send an alert with Test on/);
});
