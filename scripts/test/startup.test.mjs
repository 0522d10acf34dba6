// Tests of the tooling a new machine depends on (run by `npm test` with node's test runner).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startN8n } from '../lib/n8n.mjs';
import { cleanNpmEnv, runStep } from '../provision.mjs';

const work = mkdtempSync(join(tmpdir(), 'moengage-tooling-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

test('an n8n that exits while starting is reported at once, with its log and the fix', async () => {
	const fakeN8n = join(work, 'n8n-that-exits.js');
	writeFileSync(
		fakeN8n,
		"console.log('Initializing n8n process');\nconsole.error('Error: SQLite package has not been found installed. Try to install it: npm install sqlite3 --save');\nprocess.exit(1);\n",
	);
	const runtime = { nodeBin: process.execPath, n8nBin: fakeN8n, n8nDir: join(work, 'n8n-2.41.1') };
	const started = Date.now();
	await assert.rejects(
		startN8n({ runtime, userFolder: join(work, 'user'), port: 1, brokerPort: 2, logFile: join(work, 'n8n.log'), readyTimeoutMs: 60_000 }),
		(error) => {
			assert.match(error.message, /n8n exited \d+ s after starting \(1\), before it was ready/);
			assert.match(error.message, /SQLite package has not been found installed/);
			assert.match(error.message, new RegExp(`likely fix[\\s\\S]*${runtime.n8nDir.replace(/[.]/g, '\\.')}`));
			return true;
		},
	);
	assert.ok(Date.now() - started < 15_000, `reported after ${Date.now() - started} ms, not at once`);
});

test('npm configuration inherited from `npm run` does not reach the provisioning npm', () => {
	const saved = { ...process.env };
	try {
		process.env.npm_config_ignore_scripts = 'true';
		process.env.NPM_CONFIG_IGNORE_SCRIPTS = 'true';
		process.env.npm_lifecycle_event = 'start';
		const env = cleanNpmEnv({ npm_config_nodedir: '/x' });
		assert.equal(env.npm_config_ignore_scripts, undefined);
		assert.equal(env.NPM_CONFIG_IGNORE_SCRIPTS, undefined);
		assert.equal(env.npm_lifecycle_event, undefined);
		assert.equal(env.npm_config_nodedir, '/x');
		assert.equal(env.PATH, process.env.PATH);
	} finally {
		for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
	}
});

test('a failing step names itself and shows the end of its output', async () => {
	const logFile = join(work, 'step.log');
	await assert.rejects(
		runStep({
			what: 'building something',
			usually: 'a moment',
			cmd: process.execPath,
			args: ['-e', "console.error('gyp ERR! not ok'); process.exit(3)"],
			cwd: work,
			env: process.env,
			logFile,
		}),
		/building something failed [\s\S]*ended with 3[\s\S]*gyp ERR! not ok[\s\S]*Full log/,
	);
});
