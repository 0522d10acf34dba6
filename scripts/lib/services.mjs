// Redis and Postgres for the queue-mode tests: Debian's packages (installed with apt-get when
// missing), each started as a private instance on a loopback port with its data in a folder the
// caller gives (nothing system-wide: no service is enabled or started by the system). Postgres
// refuses to run as root, so when we are root its folder belongs to the `postgres` user (made by
// Debian's package) and its programs run as that user.
import { spawn, execFileSync } from 'node:child_process';
import { chownSync, createWriteStream, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { delay, run, waitFor } from './project.mjs';

/** Where Debian puts the binaries of the newest installed Postgres (`/usr/lib/postgresql/<n>/bin`). */
export function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'postgres')) && existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(root, versions[0], 'bin') : undefined;
}

function redisBin() {
	for (const path of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (existsSync(path)) return path;
	return undefined;
}

/**
 * Installs Debian's `redis-server` and `postgresql` packages when their programs are missing
 * (root only). The packages' own services are not started here (and on a machine without systemd
 * they cannot be).
 */
export function ensureQueueServices(say = () => {}) {
	const missing = [];
	if (!redisBin()) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`${missing.join(' and ')} missing: install them (\`sudo apt-get install -y ${missing.join(' ')}\`) and run again`);
	}
	say(`installing ${missing.join(' and ')} from Debian's packages (apt-get)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	run('apt-get', ['update', '-qq'], { env });
	run('apt-get', ['install', '-y', '-qq', ...missing], { env });
	if (!redisBin() || !postgresBinDir()) throw new Error(`apt-get installed ${missing.join(' ')}, but the programs are still missing`);
}

/** A child process in its own group, with its output in `logFile`; `stop()` ends the group. */
class ServiceProcess {
	constructor(name, child, logFile) {
		this.name = name;
		this.child = child;
		this.lines = [];
		this.exited = false;
		const out = createWriteStream(logFile, { flags: 'a' });
		this.exitPromise = new Promise((resolveExit) => {
			child.once('exit', (code, signal) => {
				this.exited = true;
				this.exitCode = code ?? signal;
				out.end();
				resolveExit();
			});
		});
		for (const stream of [child.stdout, child.stderr]) {
			stream.on('data', (chunk) => {
				out.write(chunk);
				this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
			});
		}
	}

	log() {
		return this.lines.join('\n');
	}

	signalGroup(signal) {
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			// already gone
		}
	}

	/** `signal` to the group (Postgres: SIGINT is its fast shutdown), SIGKILL after `graceMs`. */
	async stop(signal = 'SIGTERM', graceMs = 10_000) {
		if (!this.exited) {
			this.signalGroup(signal);
			const stopped = await Promise.race([this.exitPromise.then(() => true), delay(graceMs).then(() => false)]);
			if (!stopped) {
				this.signalGroup('SIGKILL');
				await this.exitPromise;
			}
		}
		this.signalGroup('SIGKILL');
	}

	killNow() {
		this.signalGroup('SIGKILL');
	}
}

function startProcess(name, cmd, args, { logFile, uid, gid, env = process.env }) {
	const child = spawn(cmd, args, {
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env,
		...(uid !== undefined ? { uid, gid } : {}),
	});
	return new ServiceProcess(name, child, logFile);
}

/** Resolves when a TCP connection to 127.0.0.1:`port` answers `PING` with `+PONG`. */
function redisPing(port) {
	return new Promise((resolvePing) => {
		const socket = connect({ host: '127.0.0.1', port });
		let answer = '';
		socket.setTimeout(1_000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) {
				socket.end();
				resolvePing(answer.startsWith('+PONG'));
			}
		});
		socket.on('error', () => resolvePing(false));
		socket.on('close', () => resolvePing(false));
	});
}

/** A private Redis on 127.0.0.1:`port`, no persistence, data folder `dir`. */
export async function startRedis({ dir, port, onSpawn }) {
	mkdirSync(dir, { recursive: true });
	const redis = startProcess(
		'redis',
		redisBin(),
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
		{ logFile: join(dir, 'redis.log') },
	);
	redis.port = port;
	onSpawn?.(redis);
	try {
		await waitFor(async () => await redisPing(port), { timeoutMs: 20_000, intervalMs: 100, what: 'Redis', stop: () => redis.exited });
		if (redis.exited) throw new Error(`redis-server exited (${redis.exitCode})`);
	} catch (error) {
		await redis.stop();
		throw new Error(`${error.message}\n${redis.log().slice(-2000)}`);
	}
	return redis;
}

/** The uid/gid Postgres runs as: ourselves, or `postgres` (else `nobody`) when we are root. */
function postgresUser() {
	if (process.getuid?.() !== 0) return {};
	for (const name of ['postgres', 'nobody']) {
		try {
			const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
			const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
			return { uid, gid, name };
		} catch {
			// no such user
		}
	}
	throw new Error('running as root, and there is neither a postgres nor a nobody user to run Postgres as');
}

/**
 * A private Postgres on 127.0.0.1:`port`, cluster in `dir` (which must not exist yet, and whose
 * parent folders the Postgres user can enter), superuser `user` / `password` (password login over
 * TCP), and the databases `databases`. Returns the process plus `psql(database, sql)`. Both
 * starters hand the process to `onSpawn` as soon as it exists.
 */
export async function startPostgres({ dir, port, user = 'n8n', password, databases = [], onSpawn }) {
	const bin = postgresBinDir();
	const owner = postgresUser();
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	const dataDir = join(dir, 'data');
	const pwFile = join(dir, 'pwfile');
	writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
	if (owner.uid !== undefined) {
		chownSync(dir, owner.uid, owner.gid);
		chownSync(pwFile, owner.uid, owner.gid);
	}
	const asOwner = { ...(owner.uid !== undefined ? { uid: owner.uid, gid: owner.gid } : {}) };
	const env = { PATH: process.env.PATH, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', HOME: dir };
	try {
		execFileSync(
			join(bin, 'initdb'),
			['-D', dataDir, '-U', user, `--pwfile=${pwFile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync'],
			{ ...asOwner, env, cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
		);
	} catch (error) {
		throw new Error(`initdb failed (as ${owner.name ?? 'the current user'}): ${error.stderr ?? error.message}`);
	}
	const pg = startProcess(
		'postgres',
		join(bin, 'postgres'),
		[
			'-D', dataDir,
			'-p', String(port),
			'-c', 'listen_addresses=127.0.0.1',
			'-c', `unix_socket_directories=${dir}`,
			'-c', 'fsync=off',
			'-c', 'synchronous_commit=off',
			'-c', 'full_page_writes=off',
			'-c', 'max_connections=200',
		],
		{ logFile: join(dir, 'postgres.log'), env, ...asOwner },
	);
	pg.port = port;
	pg.user = user;
	pg.password = password;
	pg.bin = bin;
	pg.stop = pg.stop.bind(pg, 'SIGINT');
	onSpawn?.(pg);
	pg.psql = (database, sql) =>
		run(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], {
			env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' },
		}).trim();
	try {
		await waitFor(() => /database system is ready to accept connections/.test(pg.log()), {
			timeoutMs: 30_000,
			intervalMs: 100,
			what: 'Postgres',
			stop: () => pg.exited,
		});
		if (pg.exited) throw new Error(`postgres exited (${pg.exitCode})`);
		for (const database of databases) pg.psql('postgres', `CREATE DATABASE ${database}`);
	} catch (error) {
		await pg.stop();
		throw new Error(`${error.message}\n${pg.log().slice(-2000)}`);
	}
	return pg;
}
