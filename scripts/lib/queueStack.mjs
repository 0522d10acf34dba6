// n8n in queue mode on one machine, the way a queue-mode deployment is made of: a private Redis and
// Postgres (scripts/lib/services.mjs), n8n main, workers and webhook processors sharing them, the
// package installed from its tarball into EACH process's own user folder (as users install it), the
// MoEngage sandbox, and, once against the main (the processes share the database), an owner, an
// API key and the "MoEngage sandbox" credential. Everything listens on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { provision } from '../provision.mjs';
import { N8nClient, OWNER } from './api.mjs';
import { n8nLogFile, packageLoadErrors, startN8n } from './n8n.mjs';
import { buildAndPack, installPackage, PACKAGE_NAME } from './pack.mjs';
import { freePort } from './project.mjs';
import { sandboxCredentialData, startSandbox } from './sandbox.mjs';
import { ensureQueueServices, startPostgres, startRedis } from './services.mjs';
import { CREDENTIAL_NAME } from './stack.mjs';
import { CREDENTIAL_TYPE } from './workflows.mjs';

export const N8N_DATABASE = 'n8n';
/** A second database on the same Postgres, standing for a database the user already runs. */
export const DEDUP_DATABASE = 'moengage_dedup';

/** Ports handed out in this process, so that two processes started at once never get the same. */
const taken = new Set();
async function port() {
	const chosen = await freePort(undefined, [...taken]);
	taken.add(chosen);
	return chosen;
}

/** The environment every n8n process of the deployment shares. */
function queueEnv({ redis, postgres, encryptionKey }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: N8N_DATABASE,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		N8N_ENCRYPTION_KEY: encryptionKey,
		// Production webhooks are answered by the webhook processors only.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
	};
}

/**
 * Starts the whole deployment. `workers` / `webhookProcessors`: how many of each; `workerArgs`:
 * flags of `n8n worker` (default `--concurrency=1`, so that two executions queued at once run on
 * two workers). `n8nEnv` is added to every n8n process. `onStack(stack)` is called before anything
 * starts, with the object that `stop()` / `killNow()` everything. Returns the parts, `startWorker()`,
 * `startWebhookProcessor()`, `restart(process)`, `processes()`, `stop()` and `killNow()`.
 */
export async function startQueueStack({
	workDir,
	workers = 2,
	webhookProcessors = 1,
	workerArgs = ['--concurrency=1'],
	sandboxOptions = {},
	n8nEnv = {},
	tarball = process.env.MOENGAGE_TARBALL,
	apiKeyLabel = 'queue',
	say = () => {},
	onStack = () => {},
}) {
	const stack = { stopped: false, workers: [], webhooks: [], retired: [] };
	/** Every process spawned, ready or not: what stop() and killNow() end. */
	const spawned = { n8n: new Set(), services: new Set() };
	const all = () => [stack.main, ...stack.workers, ...stack.webhooks].filter(Boolean);
	stack.processes = all;
	stack.stop = async () => {
		if (stack.stopped) return;
		stack.stopped = true;
		// Webhook processors and workers first (they use the main's database and Redis), then the main.
		const others = [...spawned.n8n].filter((p) => p !== stack.main);
		await Promise.allSettled(others.map((p) => p.stop()));
		await stack.main?.stop();
		await stack.sandbox?.close();
		await Promise.allSettled([...spawned.services].map((p) => p.stop()));
	};
	stack.killNow = () => {
		for (const p of [...spawned.n8n, ...spawned.services]) p.killNow();
	};
	// The caller gets the stack at once, so that Ctrl-C during the start-up can stop what runs.
	onStack(stack);

	/** Starts one n8n process named `name` (its user folder is `<workDir>/<name>`). */
	const startProcess = async ({ name, command, env = {}, args = [], samePortAs, withPackage = true }) => {
		const userFolder = join(workDir, name);
		if (!samePortAs && withPackage) installPackage(userFolder, stack.tarball);
		// A restarted process gets its port back (it is free again once the old process exited).
		const httpPort = samePortAs ? await freePort(samePortAs) : await port();
		const brokerPort = await port();
		const isWorker = command === 'worker';
		const n8n = await startN8n({
			runtime: stack.runtime,
			userFolder,
			port: httpPort,
			brokerPort,
			logFile: n8nLogFile(userFolder),
			command,
			args,
			readyUrl: isWorker ? `http://127.0.0.1:${httpPort}/healthz/readiness` : undefined,
			onSpawn: (p) => spawned.n8n.add(p),
			extraEnv: {
				...queueEnv(stack),
				...(isWorker
					? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(httpPort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
					: {}),
				...n8nEnv,
				...env,
			},
		});
		Object.assign(n8n, { name, userFolder, port: httpPort, spec: { name, command, env, args, withPackage } });
		const problems = packageLoadErrors(n8n.log(), PACKAGE_NAME, [dirname(stack.runtime.n8nDir)]);
		if (problems.length) throw new Error(`${name} did not load ${PACKAGE_NAME}:\n${problems.join('\n')}`);
		return n8n;
	};

	let workerCount = 0;
	let webhookCount = 0;
	stack.startWorker = async ({ env, args = workerArgs } = {}) => {
		workerCount += 1;
		const worker = await startProcess({ name: `worker-${workerCount}`, command: 'worker', env, args });
		stack.workers.push(worker);
		return worker;
	};
	/**
	 * A webhook processor; N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true as the README recommends.
	 * `withPackage: false` leaves the package out (the mistake a test wants to show).
	 */
	stack.startWebhookProcessor = async ({ env, withPackage = true } = {}) => {
		webhookCount += 1;
		const webhook = await startProcess({
			name: `webhook-${webhookCount}${withPackage ? '' : '-no-package'}`,
			command: 'webhook',
			env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true', ...env },
			withPackage,
		});
		stack.webhooks.push(webhook);
		return webhook;
	};
	/** Stops `n8n` (SIGTERM, like a deployment's restart) and starts it again on the same port. */
	stack.restart = async (n8n) => {
		await n8n.stop();
		const { name, command, env, args, withPackage } = n8n.spec;
		const again = await startProcess({ name, command, env, args, withPackage, samePortAs: n8n.port });
		if (again.port !== n8n.port) throw new Error(`${name} could not get its port ${n8n.port} back`);
		for (const list of [stack.workers, stack.webhooks]) {
			const index = list.indexOf(n8n);
			if (index >= 0) list[index] = again;
		}
		stack.retired.push(n8n);
		return again;
	};
	/** Stops `n8n` and forgets it. */
	stack.remove = async (n8n) => {
		await n8n.stop();
		for (const list of [stack.workers, stack.webhooks]) {
			const index = list.indexOf(n8n);
			if (index >= 0) list.splice(index, 1);
		}
		stack.retired.push(n8n);
	};

	try {
		say('provisioning Node 24 and n8n (cached after the first run)');
		stack.runtime = await provision();
		ensureQueueServices(say);
		stack.tarball = tarball ?? buildAndPack(join(workDir, 'pack'));
		say(`package: ${stack.tarball}`);

		stack.encryptionKey = randomBytes(24).toString('hex');
		const [redis, postgres] = await Promise.all([
			port().then((p) => startRedis({ dir: join(workDir, 'redis'), port: p, onSpawn: (r) => spawned.services.add(r) })),
			port().then((p) =>
				startPostgres({
					dir: join(workDir, 'postgres'),
					port: p,
					password: randomBytes(12).toString('hex'),
					databases: [N8N_DATABASE, DEDUP_DATABASE],
					onSpawn: (pg) => spawned.services.add(pg),
				}),
			),
		]);
		stack.redis = redis;
		stack.postgres = postgres;
		say(`Redis on 127.0.0.1:${redis.port}, Postgres on 127.0.0.1:${postgres.port}`);

		stack.sandbox = await startSandbox({ port: await port(), ...sandboxOptions });
		say(`MoEngage sandbox on ${stack.sandbox.url}`);

		// The main first: it creates the database tables the others need.
		stack.main = await startProcess({ name: 'main', command: 'start' });
		say(`n8n main ready on ${stack.main.url}`);
		stack.client = new N8nClient(stack.main.url);
		await stack.client.ensureOwner(OWNER);
		const credentialTypes = await stack.client.credentialTypes();
		if (!credentialTypes.some((c) => c.name === CREDENTIAL_TYPE)) throw new Error(`the main did not load ${PACKAGE_NAME}:\n${stack.main.tail(20)}`);
		await stack.client.createApiKey(apiKeyLabel);
		stack.credential = await stack.client.upsertCredential({
			name: CREDENTIAL_NAME,
			type: CREDENTIAL_TYPE,
			data: sandboxCredentialData(stack.sandbox),
		});

		// Started one after the other: on a small machine parallel start-ups take as long in all.
		for (let i = 0; i < workers; i++) say(`n8n ${(await stack.startWorker()).name} ready`);
		for (let i = 0; i < webhookProcessors; i++) say(`n8n ${(await stack.startWebhookProcessor()).name} ready on ${stack.webhooks.at(-1).url}`);
		return stack;
	} catch (error) {
		await stack.stop();
		throw error;
	}
}
