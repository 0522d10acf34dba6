// `npm start`: a working n8n with this package installed and a MoEngage stand-in, no MoEngage
// account needed. Provisions Node 24 + n8n (cached), builds the package and installs its tarball
// into n8n, starts the MoEngage sandbox and n8n on 127.0.0.1, and prepares an owner login, a
// "MoEngage sandbox" credential and one example workflow per node. Everything lives in the
// git-ignored .n8n-local/ folder, so running it again reuses the same n8n (workflows you changed
// are kept). Ctrl-C stops n8n and the sandbox.
import { join, relative } from 'node:path';
import { OWNER } from './lib/api.mjs';
import { prepareExamples, writeBatchFiles } from './lib/examples.mjs';
import { projectDir } from './lib/project.mjs';
import { startStack } from './lib/stack.mjs';

const PREFERRED_N8N_PORT = 5678;
const PREFERRED_SANDBOX_PORT = 5680;
const userFolder = join(projectDir, '.n8n-local');
const rel = (path) => relative(projectDir, path);
const say = (message) => process.stdout.write(`[start] ${message}\n`);

let stack;
let stopping = false;

async function stop(code) {
	if (stopping) return;
	stopping = true;
	say('stopping n8n and the sandbox...');
	await stack?.stop();
	say('stopped.');
	process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));
process.on('exit', () => stack?.n8n?.killNow());

async function main() {
	stack = await startStack({
		userFolder,
		packDir: join(userFolder, 'package'),
		n8nPort: PREFERRED_N8N_PORT,
		sandboxPort: PREFERRED_SANDBOX_PORT,
		sandboxOptions: { log: (line) => process.stdout.write(`[sandbox] ${line}\n`) },
		apiKeyLabel: 'npm start',
		say,
	});
	stack.n8n.child.once('exit', (code, signal) => {
		if (stopping) return;
		say(`n8n stopped unexpectedly (${code ?? signal}); last lines of its log:\n${stack.n8n.tail(30)}`);
		void stop(1);
	});
	const workflows = await prepareExamples(stack.client, stack.credential, {
		baseUrl: stack.n8n.url,
		nodeTypes: await stack.client.nodeTypes(),
	});
	const batches = writeBatchFiles(userFolder, stack.sandbox);
	const streamsUrl = workflows.find((w) => w.streamsUrl)?.streamsUrl;
	// The trigger answers with an empty body: print the status code so success is visible.
	const curl = (file) =>
		`curl -sS -o /dev/null -w 'HTTP %{http_code}\\n' -X POST -H 'Content-Type: application/json' --data @${rel(file)} ${streamsUrl}`;

	const lines = [
		'',
		'n8n with n8n-nodes-moengage is running.',
		'',
		`  Editor:     ${stack.n8n.url}`,
		`  Login:      ${OWNER.email} / ${OWNER.password}`,
		`  Sandbox:    ${stack.sandbox.url}  (a stand-in for MoEngage; every request it gets is logged below as [sandbox])`,
		`  Credential: "${stack.credential.name}" (MoEngage API, custom base URL = the sandbox)`,
		'',
		'  Example workflows (open one and click "Execute workflow"):',
		...workflows.map((w) => `    - ${w.name}: ${stack.n8n.url}/workflow/${w.id}${w.active ? ' (published)' : ''}`),
		'',
	];
	if (streamsUrl) {
		lines.push(
			'  Send a Streams batch to the published trigger, as MoEngage would (prints HTTP 200; then see its Executions tab):',
			`    ${curl(batches.sample)}`,
			`    ${curl(batches.hundred)}`,
			'',
		);
	}
	lines.push(`  n8n's own log: ${rel(stack.n8n.logFile)}     Ctrl-C stops n8n and the sandbox.`, '');
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch(async (error) => {
	process.stderr.write(`\nnpm start failed: ${error?.stack ?? error}\n`);
	if (String(error?.message).includes('does not log in')) {
		process.stderr.write(`To start over with a fresh n8n, delete ${rel(userFolder)}/ and run npm start again.\n`);
	}
	await stop(1);
});
