// Small helpers shared by `npm start` and the end-to-end tests: where the project is, how to run
// a command, how to find a free loopback port and how to wait for something.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs a command; its output is kept and shown only when it fails (or always when `echo`). */
export function run(cmd, args, { cwd = projectDir, env = process.env, echo = false } = {}) {
	try {
		return execFileSync(cmd, args, {
			cwd,
			env,
			encoding: 'utf8',
			stdio: ['ignore', echo ? 'inherit' : 'pipe', echo ? 'inherit' : 'pipe'],
			maxBuffer: 64 * 1024 * 1024,
		});
	} catch (error) {
		const output = readable(`${error.stdout ?? ''}${error.stderr ?? ''}`);
		throw new Error(`\`${cmd} ${args.join(' ')}\` failed (exit ${error.status})${output ? `:\n${output}` : ''}`);
	}
}

/** Output without terminal escapes and spinner frames (n8n-node's build draws a spinner). */
function readable(text) {
	return text
		.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '\n')
		.split('\n')
		.filter((line) => line.trim() !== '' && !/^[◒◐◓◑]/.test(line.trim()))
		.join('\n')
		.trim();
}

function canListen(port) {
	return new Promise((resolveListen) => {
		const server = createServer();
		server.once('error', () => resolveListen(false));
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolveListen(true)));
	});
}

function randomPort() {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen({ port: 0, host: '127.0.0.1' }, () => {
			const { port } = server.address();
			server.close(() => resolvePort(port));
		});
	});
}

/** A free port on 127.0.0.1: `preferred` when it is free, otherwise a random one. */
export async function freePort(preferred, avoid = []) {
	if (preferred && !avoid.includes(preferred) && (await canListen(preferred))) return preferred;
	for (;;) {
		const port = await randomPort();
		if (!avoid.includes(port)) return port;
	}
}

export const delay = (ms) => new Promise((resolveDelay) => setTimeout(resolveDelay, ms));

/**
 * Polls `check` until it returns a truthy value; throws `what` after `timeoutMs`. `stop()`
 * returning true ends the wait early (the caller reports why).
 */
export async function waitFor(check, { timeoutMs = 10_000, intervalMs = 100, what = 'condition', stop = () => false } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		if (stop()) return undefined;
		if (Date.now() > deadline) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
		}
		await delay(intervalMs);
	}
}
