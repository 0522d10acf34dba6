// Starts and stops a real n8n (the provisioned n8n 2.41 on the provisioned Node 24) on loopback
// ports, with its data in a given user folder. n8n runs in its own process group so that stopping
// it also stops its task runner.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { delay, waitFor } from './project.mjs';

/** The environment n8n runs with; `extra` is merged last. */
export function n8nEnv({ runtime, userFolder, port, brokerPort, extra = {} }) {
	const url = `http://127.0.0.1:${port}`;
	const inherited = { ...process.env };
	// Settings from the caller's shell must not change what is tested.
	for (const key of Object.keys(inherited)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|NODE_OPTIONS$|NODE_PATH$|npm_)/.test(key)) delete inherited[key];
	}
	return {
		...inherited,
		PATH: `${dirname(runtime.nodeBin)}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${url}/`,
		N8N_WEBHOOK_URL: `${url}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		DB_TYPE: 'sqlite',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// The MoEngage sandbox listens on 127.0.0.1, which SSRF protection would refuse.
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...extra,
	};
}

/**
 * Starts n8n and waits until it answers `/healthz/readiness`. Its output goes to `logFile` (and
 * to `onLine`, line by line). `command` is n8n's command: `start` (default), or in queue mode
 * `worker` / `webhook`; `args` are its flags (e.g. `--concurrency=1`). `readyUrl` is where to
 * wait for a 200 (default `<n8n>/healthz/readiness`; a worker answers on its health-check port).
 * `onSpawn(n8n)` gets the process as soon as it exists (to stop it if the caller is interrupted).
 */
export async function startN8n({
	runtime,
	userFolder,
	port,
	brokerPort,
	logFile,
	onLine,
	extraEnv,
	readyTimeoutMs = 180_000,
	command = 'start',
	args = [],
	readyUrl,
	onSpawn,
}) {
	mkdirSync(userFolder, { recursive: true });
	mkdirSync(dirname(logFile), { recursive: true });
	const env = n8nEnv({ runtime, userFolder, port, brokerPort, extra: extraEnv });
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, command, ...args], {
		cwd: userFolder,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const n8n = new N8nProcess(child, `http://127.0.0.1:${port}`, logFile, onLine);
	n8n.command = command;
	onSpawn?.(n8n);
	const started = Date.now();
	const exitedEarly = n8n.exitPromise.then(() => {
		const seconds = ((Date.now() - started) / 1000).toFixed(0);
		throw new Error(`n8n${command === 'start' ? '' : ` ${command}`} exited ${seconds} s after starting (${n8n.exitCode ?? n8n.exitSignal}), before it was ready`);
	});
	const ready = waitFor(
		async () => {
			const res = await fetch(readyUrl ?? `${n8n.url}/healthz/readiness`).catch(() => undefined);
			return res?.status === 200;
		},
		{ timeoutMs: readyTimeoutMs, intervalMs: 250, what: 'n8n to become ready', stop: () => n8n.exited },
	);
	try {
		await Promise.race([ready, exitedEarly]);
	} catch (error) {
		await n8n.stop();
		const hint = startupHint(n8n.log(), runtime);
		throw new Error(`${error.message}\n--- last lines of ${logFile} ---\n${n8n.tail(40)}${hint ? `\n--- likely fix ---\n${hint}` : ''}`);
	}
	exitedEarly.catch(() => {});
	return n8n;
}

/** What to do about a start-up failure whose cause n8n's log names; undefined when unknown. */
export function startupHint(logText, runtime) {
	const runtimeDir = runtime?.n8nDir ?? 'the n8n runtime folder';
	if (/SQLite package has not been found|sqlite3|isolated-vm|NODE_MODULE_VERSION|was compiled against a different Node/i.test(logText)) {
		return `n8n's native modules do not load: the runtime in ${runtimeDir} is broken. Delete that folder and run the command again (it is rebuilt and checked).`;
	}
	if (/EADDRINUSE/.test(logText)) {
		return 'a port n8n needs is taken by another process: stop the other n8n (or whatever holds the port) and try again.';
	}
	if (/requires Node|Unsupported Node|node version/i.test(logText)) {
		return `n8n runs on the wrong Node: check ${runtime?.nodeBin ?? 'the provisioned Node 24'}.`;
	}
	if (/Mismatching encryption keys|encryption key/i.test(logText)) {
		return 'the n8n user folder was made with another encryption key: delete the user folder named in the log and try again.';
	}
	return undefined;
}

export class N8nProcess {
	constructor(child, url, logFile, onLine) {
		this.child = child;
		this.url = url;
		this.logFile = logFile;
		this.lines = [];
		this.exited = false;
		this.exitCode = null;
		this.exitSignal = null;
		const out = createWriteStream(logFile, { flags: 'a' });
		this.exitPromise = new Promise((resolveExit) => {
			child.once('exit', (code, signal) => {
				this.exited = true;
				this.exitCode = code;
				this.exitSignal = signal;
				resolveExit();
			});
		});
		const collect = (stream) => {
			let partial = '';
			stream.on('data', (chunk) => {
				out.write(chunk);
				partial += chunk.toString('utf8');
				const parts = partial.split('\n');
				partial = parts.pop();
				for (const line of parts) {
					this.lines.push(line);
					onLine?.(line);
				}
			});
		};
		collect(child.stdout);
		collect(child.stderr);
		child.once('exit', () => out.end());
	}

	get pid() {
		return this.child.pid;
	}

	/** Everything n8n printed so far. */
	log() {
		return this.lines.join('\n');
	}

	tail(count) {
		return this.lines.slice(-count).join('\n');
	}

	/** SIGTERM to n8n's process group, SIGKILL if it is still there after `graceMs`. */
	async stop(graceMs = 15_000) {
		if (this.exited) return;
		this.signalGroup('SIGTERM');
		const stopped = await Promise.race([this.exitPromise.then(() => true), delay(graceMs).then(() => false)]);
		if (!stopped) {
			this.signalGroup('SIGKILL');
			await this.exitPromise;
		}
		// The task runner shares the group; make sure nothing of it survives n8n.
		this.signalGroup('SIGKILL');
	}

	/** Synchronous last resort (for `process.on('exit')`). */
	killNow() {
		this.signalGroup('SIGKILL');
	}

	signalGroup(signal) {
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			// the group is already gone
		}
	}
}

/**
 * Lines of n8n's log that report a problem with `packageName` ("Failed to load package ...",
 * "Skipping package ...", or an error whose next lines name the package). `ignorePaths` are
 * removed first: the provisioned runtime lives in a folder that carries the package's name.
 */
export function packageLoadErrors(logText, packageName, ignorePaths = []) {
	let text = logText;
	for (const path of ignorePaths) text = text.split(path).join('<runtime>');
	const lines = text.split('\n');
	const bad = [];
	lines.forEach((line, index) => {
		if (!/error|fail|cannot|unable|skipping/i.test(line)) return;
		const around = lines.slice(index, index + 4).join('\n');
		if (!around.includes(packageName)) return;
		// n8n prints the reason on the line after "Failed to load package".
		bad.push(/Failed to load package/.test(line) && lines[index + 1] ? `${line}: ${lines[index + 1]}` : line);
	});
	return bad;
}

export function n8nLogFile(userFolder) {
	return join(userFolder, 'n8n.log');
}
