// The "MoEngage API" credential's Test button (run through the public API) against the sandbox.
import assert from 'node:assert/strict';
import { sandboxCredentialData } from '../../scripts/lib/sandbox.mjs';
import { test } from '../harness.mjs';

test('the credential test passes with the sandbox keys', async (ctx) => {
	ctx.sandbox.clearRequests();
	const result = await ctx.client.api('POST', `/credentials/${ctx.credential.id}/test`);
	assert.equal(result.status, 'OK', JSON.stringify(result));
	assert.ok(ctx.sandbox.requests.length >= 1, 'the test sent nothing to the sandbox');
	assert.ok(ctx.sandbox.requests.every((r) => r.status === 200), 'the sandbox refused the test request');
	// MoEngage's read-only Test Connection API, not a write.
	assert.deepEqual(
		ctx.sandbox.requests.map((r) => r.path),
		['/v1/integrations/authentication'],
	);
	assert.equal(ctx.sandbox.users.size, 0, 'the credential test wrote a user');
});

test('the credential test with only a Business Events key checks it with a search', async (ctx) => {
	const only = await ctx.client.upsertCredential({
		name: 'e2e: business events key only',
		type: 'moEngageApi',
		data: { ...sandboxCredentialData(ctx.sandbox), dataApiKey: '' },
	});
	ctx.sandbox.clearRequests();
	const result = await ctx.client.api('POST', `/credentials/${only.id}/test`);
	assert.equal(result.status, 'OK', JSON.stringify(result));
	assert.deepEqual(ctx.sandbox.requests.map((r) => r.path), ['/v1.0/business_event/search']);
	await ctx.client.api('DELETE', `/credentials/${only.id}`);
});

test('the credential test fails with a wrong Data API key', async (ctx) => {
	const wrong = await ctx.client.upsertCredential({
		name: 'e2e: wrong data key',
		type: 'moEngageApi',
		data: { ...sandboxCredentialData(ctx.sandbox), dataApiKey: 'not-the-key' },
	});
	ctx.sandbox.clearRequests();
	const result = await ctx.client.api('POST', `/credentials/${wrong.id}/test`);
	assert.equal(result.status, 'Error', JSON.stringify(result));
	assert.ok(ctx.sandbox.requests.some((r) => r.status === 401), 'the sandbox did not refuse the key');
	assert.match(result.message, /first entered of the Data API Key/);
	assert.match(result.message, /wrong Data Center gives the same answer/);
	await ctx.client.api('DELETE', `/credentials/${wrong.id}`);
});

test('the credential test passes with spaces pasted around the Workspace ID and the key', async (ctx) => {
	const data = sandboxCredentialData(ctx.sandbox);
	const pasted = await ctx.client.upsertCredential({
		name: 'e2e: pasted with spaces',
		type: 'moEngageApi',
		data: { ...data, workspaceId: ` ${data.workspaceId} `, dataApiKey: `${data.dataApiKey}\n` },
	});
	ctx.sandbox.clearRequests();
	const result = await ctx.client.api('POST', `/credentials/${pasted.id}/test`);
	assert.equal(result.status, 'OK', JSON.stringify(result));
	assert.ok(ctx.sandbox.requests.length >= 1 && ctx.sandbox.requests.every((r) => r.status === 200));
	await ctx.client.api('DELETE', `/credentials/${pasted.id}`);
});

test('the credential test with only an Inform key checks it with an alert MoEngage cannot send', async (ctx) => {
	const data = { ...sandboxCredentialData(ctx.sandbox), dataApiKey: '', businessEventsApiKey: '' };
	const only = await ctx.client.upsertCredential({ name: 'e2e: inform key only', type: 'moEngageApi', data });
	ctx.sandbox.clearRequests();
	const result = await ctx.client.api('POST', `/credentials/${only.id}/test`);
	assert.equal(result.status, 'OK', JSON.stringify(result));
	// A known key: the sandbox refused the alert (400), not the key, and sent nothing.
	assert.deepEqual(ctx.sandbox.requests.map((r) => [r.path, r.status]), [['/v1.0/alerts/send', 400]]);
	// clearRequests() empties the sent lists: nothing was taken.
	assert.equal(ctx.sandbox.informSent('live').length + ctx.sandbox.informSent('test').length, 0, 'the credential test sent an alert');

	const wrong = await ctx.client.upsertCredential({
		name: 'e2e: wrong inform key',
		type: 'moEngageApi',
		data: { ...data, informApiKey: 'not-the-key' },
	});
	ctx.sandbox.clearRequests();
	const refused = await ctx.client.api('POST', `/credentials/${wrong.id}/test`);
	assert.equal(refused.status, 'Error', JSON.stringify(refused));
	assert.deepEqual(ctx.sandbox.requests.map((r) => r.status), [401]);
	assert.match(refused.message, /refused the Inform API Key/);
	assert.doesNotMatch(refused.message, /not-the-key/);
	await ctx.client.api('DELETE', `/credentials/${only.id}`);
	await ctx.client.api('DELETE', `/credentials/${wrong.id}`);
});
