/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- bench tooling, never shipped */
/**
 * Paths of the project and of the compiled bench. The bench runs from `.cache/bench-build`
 * (see scripts/bench.mjs), so source files that are not compiled (the sandbox, scripts/lib)
 * are reached from the project folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function findProjectDir(): string {
	if (process.env.BENCH_PROJECT_DIR) return process.env.BENCH_PROJECT_DIR;
	let dir = __dirname;
	for (;;) {
		const pkg = join(dir, 'package.json');
		if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'n8n-nodes-moengage') return dir;
		const parent = dirname(dir);
		if (parent === dir) throw new Error('bench: cannot find the n8n-nodes-moengage project folder');
		dir = parent;
	}
}

export const PROJECT_DIR = findProjectDir();

/** Folder of the compiled bench (`.cache/bench-build/bench`). */
export const BUILD_BENCH_DIR = resolve(__dirname, '..');

/** A compiled bench module, e.g. `compiled('measure/bulkRun.js')`. */
export function compiled(relative: string): string {
	return join(BUILD_BENCH_DIR, relative);
}

export function packageVersion(name: string, fromDir = PROJECT_DIR): string {
	try {
		const file = require.resolve(`${name}/package.json`, { paths: [fromDir] });
		return JSON.parse(readFileSync(file, 'utf8')).version as string;
	} catch {
		return 'unknown';
	}
}
