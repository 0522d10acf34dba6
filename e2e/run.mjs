// End-to-end tests (`npm run test:e2e`): builds and packs the package, installs the tarball into a
// fresh n8n 2.41 (temporary user folder, loopback ports), starts the MoEngage sandbox, then runs
// every case in e2e/specs/*.e2e.mjs in file order against them. Screenshots and n8n's log go to
// e2e-artifacts/. Ends with "N passed, N failed" and a non-zero exit code on any failure.
//
//   npm run test:e2e                 everything
//   npm run test:e2e -- streams      only cases whose name or spec file contains "streams"
//   E2E_KEEP=1 npm run test:e2e      keep the temporary folder (n8n data, tarball) afterwards
//   MOENGAGE_TARBALL=x.tgz npm run test:e2e   test that tarball instead of building one
//   E2E_N8N_ENV='N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true' npm run test:e2e
//                                    run n8n with these settings (KEY=VALUE, space-separated); n8n
//                                    ignores N8N_* from the shell otherwise
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { abortAfter, runSpecFiles } from './harness.mjs';
import { n8nLogFile } from '../scripts/lib/n8n.mjs';
import { provision } from '../scripts/provision.mjs';
import { projectDir } from '../scripts/lib/project.mjs';
import { startStack } from '../scripts/lib/stack.mjs';

const OVERALL_LIMIT_MS = 15 * 60_000;
const grep = process.argv[2] ?? process.env.E2E_GREP;
const keep = Boolean(process.env.E2E_KEEP);
const n8nSettings = settingsFrom(process.env.E2E_N8N_ENV ?? '');
const started = Date.now();
const say = (message) => process.stdout.write(`[e2e ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);

/** `A=1 B=2` as { A: '1', B: '2' }; anything else stops the run before it starts. */
function settingsFrom(text) {
	const settings = {};
	for (const pair of text.split(/\s+/).filter(Boolean)) {
		const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(pair);
		if (!match) {
			process.stderr.write(`E2E_N8N_ENV: "${pair}" is not KEY=VALUE\n`);
			process.exit(2);
		}
		settings[match[1]] = match[2];
	}
	return settings;
}

const artifactsDir = join(projectDir, 'e2e-artifacts');
rmSync(artifactsDir, { recursive: true, force: true });
mkdirSync(artifactsDir, { recursive: true });
const workDir = mkdtempSync(join(tmpdir(), 'moengage-e2e-'));
const userFolder = join(workDir, 'n8n-user');

const sandboxLog = [];
let stack;
let finishing = false;

async function finish(passed, failed) {
	if (finishing) return;
	finishing = true;
	try {
		await stack?.stop();
	} catch (error) {
		say(`stopping the stack failed: ${error.message}`);
	}
	if (existsSync(n8nLogFile(userFolder))) copyFileSync(n8nLogFile(userFolder), join(artifactsDir, 'n8n.log'));
	writeFileSync(join(artifactsDir, 'sandbox.log'), `${sandboxLog.join('\n')}\n`);
	if (keep) say(`kept ${workDir}`);
	else rmSync(workDir, { recursive: true, force: true });
	process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
	process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		say(`${signal}: stopping`);
		void finish(0, 1);
	});
}
process.on('exit', () => stack?.n8n?.killNow());

async function main() {
	// Provisioning (minutes, once per machine) is not counted in the time limit.
	await provision();
	abortAfter(OVERALL_LIMIT_MS, say, finish);
	stack = await startStack({
		userFolder,
		packDir: join(workDir, 'pack'),
		sandboxOptions: { log: (line) => sandboxLog.push(line) },
		apiKeyLabel: 'e2e',
		n8nEnv: n8nSettings,
		say,
	});
	const ctx = {
		...stack,
		sandboxLog,
		artifactsDir,
		userFolder,
		nodeTypes: await stack.client.nodeTypes(),
		credentialTypes: await stack.client.credentialTypes(),
	};
	const settingsNote = Object.keys(n8nSettings).length ? ` with ${process.env.E2E_N8N_ENV.trim()}` : '';
	say(`n8n ${stack.n8n.url} is ready${settingsNote}; running the specs`);

	const { passed, failed } = await runSpecFiles(ctx, join(projectDir, 'e2e', 'specs'), '.e2e.mjs', { grep });
	say('done; n8n’s log and the sandbox’s requests are in e2e-artifacts/');
	await finish(passed, failed);
}

main().catch(async (error) => {
	process.stdout.write(`\nthe end-to-end setup failed: ${error?.stack ?? error}\n`);
	await finish(0, 1);
});
