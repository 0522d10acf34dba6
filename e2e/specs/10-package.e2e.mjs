// n8n loads the package installed from its tarball: the nodes and the credential are
// registered, their icons are served, nothing about the package failed in n8n's log, and zod is
// n8n's own copy (the package ships none).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageLoadErrors } from '../../scripts/lib/n8n.mjs';
import { PACKAGE_NAME } from '../../scripts/lib/pack.mjs';
import { test } from '../harness.mjs';
import { NODE_TYPES } from '../helpers.mjs';

const OUR_TYPES = Object.values(NODE_TYPES);
/** Whether n8n serves this type's icon from our package. */
const ourIcon = (type) => JSON.stringify(type.iconUrl ?? '').includes('n8n-nodes-moengage');

test('n8n registers every MoEngage node', async (ctx) => {
	const names = ctx.nodeTypes.map((t) => t.name);
	for (const type of OUR_TYPES) assert.ok(names.includes(type), `${type} is not registered`);
	const byName = (name) => ctx.nodeTypes.find((t) => t.name === name);
	assert.equal(byName(NODE_TYPES.data).displayName, 'MoEngage Data');
	assert.equal(byName(NODE_TYPES.businessEvent).displayName, 'MoEngage Business Event');
	assert.equal(byName(NODE_TYPES.streamsTrigger).displayName, 'MoEngage Streams Trigger');
	assert.equal(byName(NODE_TYPES.inform).displayName, 'MoEngage Inform');
	assert.equal(byName(NODE_TYPES.campaign).displayName, 'MoEngage Campaign');
	assert.deepEqual(byName(NODE_TYPES.streamsTrigger).inputs, []);
	assert.equal(byName(NODE_TYPES.streamsTrigger).webhooks?.length, 1);
});

test('n8n registers the MoEngage API credential and every credential the nodes use', async (ctx) => {
	const registered = ctx.credentialTypes.map((c) => c.name);
	const credential = ctx.credentialTypes.find((c) => c.name === 'moEngageApi');
	assert.ok(credential, 'credential type moEngageApi is not registered');
	assert.equal(credential.displayName, 'MoEngage API');
	for (const type of [NODE_TYPES.data, NODE_TYPES.businessEvent, NODE_TYPES.inform, NODE_TYPES.campaign]) {
		const node = ctx.nodeTypes.find((t) => t.name === type);
		assert.ok(node.credentials?.some((c) => c.name === 'moEngageApi'), `${type} does not use moEngageApi`);
	}
	for (const type of OUR_TYPES) {
		for (const { name } of ctx.nodeTypes.find((t) => t.name === type).credentials ?? []) {
			assert.ok(registered.includes(name), `${type} uses credential type ${name}, which n8n does not know (missing from package.json "n8n.credentials"?)`);
		}
	}
	// And every credential the package lists, by the name its compiled class declares.
	const manifest = JSON.parse(readFileSync(join(ctx.installedDir, 'package.json'), 'utf8'));
	for (const file of manifest.n8n.credentials) {
		const name = /this\.name\s*=\s*['"](\w+)['"]/.exec(readFileSync(join(ctx.installedDir, file), 'utf8'))?.[1];
		assert.ok(name && registered.includes(name), `${file} (${name}) is not registered`);
	}
});

test('n8n serves the icons of the nodes and credentials', async (ctx) => {
	const urls = new Set();
	const credentials = ctx.credentialTypes.filter((c) => c.name === 'moEngageApi' || ourIcon(c));
	for (const item of [...ctx.nodeTypes.filter((t) => OUR_TYPES.includes(t.name)), ...credentials]) {
		const icon = item.iconUrl;
		assert.ok(icon, `${item.name} has no icon`);
		for (const url of typeof icon === 'string' ? [icon] : [icon.light, icon.dark]) urls.add(url);
	}
	for (const url of urls) {
		const res = await fetch(`${ctx.n8n.url}/${url}`);
		assert.equal(res.status, 200, `${url} answered ${res.status}`);
		assert.match(res.headers.get('content-type') ?? '', /image\/svg\+xml/);
		assert.match(await res.text(), /<svg/);
	}
});

test('n8n’s log shows no error about the package', async (ctx) => {
	const runtimeRoot = dirname(ctx.runtime.n8nDir);
	assert.deepEqual(packageLoadErrors(ctx.n8n.log(), PACKAGE_NAME, [runtimeRoot]), []);
	assert.doesNotMatch(ctx.n8n.log(), /Unrecognized (node|credential) type/i);
});

test('the installed package ships no zod: its require("zod") gets n8n’s copy', async (ctx) => {
	const installed = ctx.installedDir;
	assert.ok(!existsSync(join(installed, 'node_modules')), 'npm installed dependencies into the package');
	const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
	assert.equal(manifest.dependencies, undefined);
	const requiresZod = [];
	const walk = (dir) => {
		for (const entry of readdirSync(dir)) {
			const path = join(dir, entry);
			if (statSync(path).isDirectory()) walk(path);
			else if (path.endsWith('.js') && /require\("zod(\/[^"]*)?"\)/.test(readFileSync(path, 'utf8'))) requiresZod.push(path);
		}
	};
	walk(join(installed, 'dist'));
	// The executions of the Data and Business Event cases below are what prove it resolves.
	assert.ok(requiresZod.length > 0, 'no file of the package requires zod: this check proves nothing');
});
