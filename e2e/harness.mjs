// A tiny sequential test runner: every spec in e2e/specs registers its cases with `test()`, and
// e2e/run.mjs runs them one after another against one shared n8n.
import { basename } from 'node:path';

const registered = [];
let currentFile = '';

/** Set by the runner while it imports a spec file. */
export function setCurrentFile(file) {
	currentFile = basename(file);
}

/** Registers a case; `fn(ctx)` gets the running stack (see e2e/run.mjs). */
export function test(name, fn, { timeoutMs = 60_000 } = {}) {
	registered.push({ name, fn, timeoutMs, file: currentFile });
}

function withTimeout(promise, ms, name) {
	let timer;
	const timeout = new Promise((_, reject) => {
		timer = setTimeout(() => reject(new Error(`"${name}" timed out after ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function indent(text) {
	return String(text)
		.split('\n')
		.map((line) => `      ${line}`)
		.join('\n');
}

/** Runs the registered cases whose name or file contains `grep`; returns the results. */
export async function runTests(ctx, { grep, write = (line) => process.stdout.write(`${line}\n`) } = {}) {
	const selected = registered.filter((t) => !grep || t.name.includes(grep) || t.file.includes(grep));
	const results = [];
	let file = '';
	for (const t of selected) {
		if (t.file !== file) {
			file = t.file;
			write(`\n${file}`);
		}
		const started = Date.now();
		try {
			await withTimeout(Promise.resolve().then(() => t.fn(ctx)), t.timeoutMs, t.name);
			results.push({ ...t, ok: true });
			write(`  ok    ${t.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		} catch (error) {
			results.push({ ...t, ok: false, error });
			write(`  FAIL  ${t.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
			write(indent(error?.stack ?? error));
		}
	}
	return results;
}
