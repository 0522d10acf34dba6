// Queue-mode end-to-end tests (`npm run test:queue`): a private Redis and Postgres (Debian's
// packages, installed when missing), n8n main + 2 workers + 1 webhook processor sharing them, the
// packed package installed into every process's user folder, the MoEngage sandbox; then every case
// in e2e/queue/specs/*.queue.mjs in file order (one spec adds a second webhook processor for a
// while). Everything runs on 127.0.0.1 in a temporary folder and is stopped at the end, on failure
// and on Ctrl-C. n8n's and the services' logs go to e2e-artifacts/queue/. Ends with
// "N passed, N failed" and a non-zero exit code on any failure.
//
//   npm run test:queue                 everything
//   npm run test:queue -- streams      only cases whose name or spec file contains "streams"
//   E2E_KEEP=1 npm run test:queue      keep the temporary folder afterwards
//   MOENGAGE_TARBALL=x.tgz npm run test:queue   test that tarball instead of building one
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { abortAfter, runSpecFiles } from '../harness.mjs';
import { n8nLogFile } from '../../scripts/lib/n8n.mjs';
import { provision } from '../../scripts/provision.mjs';
import { projectDir } from '../../scripts/lib/project.mjs';
import { startQueueStack } from '../../scripts/lib/queueStack.mjs';

const OVERALL_LIMIT_MS = 15 * 60_000;
const grep = process.argv[2] ?? process.env.E2E_GREP;
const keep = Boolean(process.env.E2E_KEEP);
const started = Date.now();
const say = (message) => process.stdout.write(`[queue ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);

const artifactsDir = join(projectDir, 'e2e-artifacts', 'queue');
rmSync(artifactsDir, { recursive: true, force: true });
mkdirSync(artifactsDir, { recursive: true });
const workDir = mkdtempSync(join(tmpdir(), 'moengage-queue-'));
// Postgres runs as its own user (never as root) and must be able to enter this folder.
chmodSync(workDir, 0o711);

const sandboxLog = [];
/** Lines the specs want in the summary (measurements). */
const measurements = [];
let stack;
let finishing = false;

function saveArtifacts() {
	for (const n8n of [...(stack?.processes() ?? []), ...(stack?.retired ?? [])]) {
		const log = n8nLogFile(n8n.userFolder);
		const replaced = stack.retired.includes(n8n) && stack.processes().some((p) => p.name === n8n.name);
		const name = replaced ? `${n8n.name}-before-restart` : n8n.name;
		if (existsSync(log)) cpSync(log, join(artifactsDir, `${name}.log`));
	}
	for (const [name, file] of [
		['redis.log', join(workDir, 'redis', 'redis.log')],
		['postgres.log', join(workDir, 'postgres', 'postgres.log')],
	]) {
		if (existsSync(file)) cpSync(file, join(artifactsDir, name));
	}
	writeFileSync(join(artifactsDir, 'sandbox.log'), `${sandboxLog.join('\n')}\n`);
}

async function finish(passed, failed) {
	if (finishing) return;
	finishing = true;
	try {
		await stack?.stop();
	} catch (error) {
		say(`stopping failed: ${error.message}`);
	}
	try {
		saveArtifacts();
	} catch (error) {
		say(`saving the logs failed: ${error.message}`);
	}
	if (keep) say(`kept ${workDir}`);
	else rmSync(workDir, { recursive: true, force: true });
	if (measurements.length) process.stdout.write(`\nMeasured:\n${measurements.map((m) => `  ${m}`).join('\n')}\n`);
	process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
	process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		say(`${signal}: stopping`);
		void finish(0, 1);
	});
}
process.on('exit', () => stack?.killNow());

async function main() {
	await provision();
	abortAfter(OVERALL_LIMIT_MS, say, finish);
	stack = await startQueueStack({
		workDir,
		workers: 2,
		webhookProcessors: 1,
		sandboxOptions: { log: (line) => sandboxLog.push(line), recordBodies: true },
		apiKeyLabel: 'queue e2e',
		say,
		onStack: (started) => {
			stack = started;
		},
	});
	const ctx = {
		...stack,
		stack,
		// e2e/helpers.mjs builds production URLs from ctx.n8n: the first webhook processor's.
		n8n: stack.webhooks[0],
		sandboxLog,
		artifactsDir,
		say,
		measure: (line) => {
			measurements.push(line);
			say(`measured: ${line}`);
		},
		nodeTypes: await stack.client.nodeTypes(),
		credentialTypes: await stack.client.credentialTypes(),
	};
	say('deployment ready; running the specs');

	const { passed, failed } = await runSpecFiles(ctx, join(projectDir, 'e2e', 'queue', 'specs'), '.queue.mjs', { grep });
	say('done; the logs of every process are in e2e-artifacts/queue/');
	await finish(passed, failed);
}

main().catch(async (error) => {
	process.stdout.write(`\nthe queue-mode setup failed: ${error?.stack ?? error}\n`);
	await finish(0, 1);
});
