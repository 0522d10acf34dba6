// `npm run bench`: compiles the nodes and the bench (tsconfig.bench.json → .cache/bench-build),
// then runs the compiled bench on Node 24, the runtime n8n 2.41 runs community nodes on
// (provisioned and cached like the end-to-end runtime; V8's costs differ between Node versions).
// Arguments are passed on (`-- --quick`, `-- --only bulk,pacing,parse,n8n`). See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionNodeRuntime } from './provision.mjs';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(projectDir, 'node_modules', 'typescript', 'bin', 'tsc');
const entry = join(projectDir, '.cache', 'bench-build', 'bench', 'main.js');

process.stderr.write('[bench] compiling (tsc -p tsconfig.bench.json)\n');
const compile = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.bench.json'], {
	cwd: projectDir,
	encoding: 'utf8',
});
if (compile.status !== 0) {
	// tsc still writes its output on type errors; a node under construction elsewhere should not
	// stop the other cases, so the errors are shown and the run goes on.
	process.stderr.write(`${compile.stdout}${compile.stderr}`);
	process.stderr.write('[bench] type errors above; running what was compiled\n');
}
if (!existsSync(entry)) {
	process.stderr.write(`[bench] ${entry} was not produced\n`);
	process.exit(1);
}

const { nodeBin } = await provisionNodeRuntime();
const run = spawnSync(nodeBin, [entry, ...process.argv.slice(2)], {
	cwd: projectDir,
	stdio: 'inherit',
	env: { ...process.env, BENCH_PROJECT_DIR: projectDir },
});
process.exit(run.status ?? 1);
