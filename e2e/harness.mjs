// A tiny sequential test runner: every spec in e2e/specs registers its cases with `test()`, and
// e2e/run.mjs runs them one after another against one shared n8n.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/**
 * Imports every spec file of `dir` whose name ends in `suffix` (in name order), runs their cases
 * against `ctx` and lists the failed ones. Returns the counts for the closing line.
 */
export async function runSpecFiles(ctx, dir, suffix, { grep } = {}) {
	for (const file of readdirSync(dir).filter((f) => f.endsWith(suffix)).sort()) {
		setCurrentFile(file);
		await import(pathToFileURL(join(dir, file)).href);
	}
	const results = await runTests(ctx, { grep });
	const failed = results.filter((r) => !r.ok);
	if (failed.length > 0) {
		process.stdout.write(`\nFailed:\n${failed.map((r) => `  ${r.file}: ${r.name}`).join('\n')}\n`);
	}
	return { passed: results.length - failed.length, failed: failed.length };
}

/** Ends a run that goes on past `limitMs` (from now) as one failure. */
export function abortAfter(limitMs, say, finish) {
	setTimeout(() => {
		say(`the run exceeded ${limitMs / 60_000} minutes after provisioning: aborting`);
		void finish(0, 1);
	}, limitMs).unref();
}
