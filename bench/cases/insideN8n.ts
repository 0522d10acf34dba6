/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- bench tooling, never shipped */
/**
 * Case 4: inside n8n. The real n8n of the end-to-end tests (scripts/lib: provisioned n8n on Node 24,
 * this package packed and installed from its tarball), three published workflows:
 *   (a) MoEngage Streams Trigger alone, version 1.1 (it emits one item per event);
 *   (b) the baseline: n8n's Webhook node (v2.1, POST, respond immediately) → Split Out on body.events;
 *   (c) a reference: the same with n8n's Webhook node v1.
 * The same 100-event batches go to all three, interleaved, one at a time. For each POST the time is
 * from just before it is sent to the execution's `stoppedAt` (n8n's own clock, same machine), read
 * through the public API. Target: no slower than the baseline.
 *
 * n8n 2.41 evaluates expressions in isolated-vm isolates taken from a pool (one by default). A
 * webhook request holds an isolate while the trigger runs, unless the trigger is n8n's Webhook
 * node v2+ with static parameters, and the execution it starts takes another. So every other
 * trigger, (a) and (c) alike, starts its execution on a freshly built isolate. The case therefore
 * runs on four n8n set-ups: as installed (the verdict), with a pool of two isolates, with isolates
 * acquired lazily (only a scope that evaluates an expression gets one), and with the legacy
 * expression engine (no isolates: what is left is the trigger's own cost).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';

import { Pool } from 'undici';

import type { BenchOptions } from '../main';
import type { CaseReport, Row } from '../report';
import { fixed, int, ratio, verdict } from '../report';
import { PROJECT_DIR } from '../support/project';
import { percentile } from '../support/stats';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandbox = require(join(PROJECT_DIR, 'sandbox')) as typeof import('../../sandbox');

const EVENTS_PER_BATCH = 100;
/** "No slower": p50 within 5 % and p99 within 10 % of the baseline's (run-to-run noise). */
const P50_TOLERANCE = 1.05;
const P99_TOLERANCE = 1.1;
const POLL_MS = 20;

interface N8nClient {
	api(method: string, path: string, body?: unknown): Promise<{ data: Execution[] }>;
	nodeTypes(): Promise<Array<{ name: string; webhooks?: unknown[] }>>;
	createWorkflow(workflow: object): Promise<{ id: string }>;
	publishWorkflow(id: string): Promise<unknown>;
}

interface Execution {
	id: string;
	status?: string;
	startedAt?: string;
	stoppedAt?: string | null;
}

interface Stack {
	n8n: { url: string; killNow(): void };
	client: N8nClient;
	runtime: { nodeBin: string; n8nDir: string };
	stop(): Promise<void>;
}

interface Target {
	name: 'ours' | 'baseline' | 'reference';
	workflowId: string;
	url: URL;
	lastExecutionId: number;
	latenciesMs: number[];
	responseMs: number[];
	/** POST sent → execution started (n8n receives the request, runs the trigger, creates the execution) */
	startMs: number[];
	/** execution started → stopped */
	runMs: number[];
	failures: string[];
}

async function importLib<T>(file: string): Promise<T> {
	return (await import(pathToFileURL(join(PROJECT_DIR, 'scripts', 'lib', file)).href)) as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function streamsWorkflow(): { workflow: object; node: object } {
	const node = {
		id: randomUUID(),
		name: 'MoEngage Streams Trigger',
		type: 'n8n-nodes-moengage.moEngageStreamsTrigger',
		typeVersion: 1.1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: {},
	};
	return { node, workflow: { name: 'bench: Streams Trigger', nodes: [node], connections: {}, settings: { executionOrder: 'v1' } } };
}

/** n8n's Webhook node (`typeVersion` 2.1: the baseline; 1: the reference) → Split Out on body.events. */
function webhookSplitWorkflow(path: string, typeVersion: number): { workflow: object; node: object } {
	const webhook = {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
	const split = {
		id: randomUUID(),
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [240, 0],
		parameters: { fieldToSplitOut: 'body.events', include: 'noOtherFields', options: {} },
	};
	return {
		node: webhook,
		workflow: {
			name: `bench: Webhook v${typeVersion} + Split Out`,
			nodes: [webhook, split],
			connections: { Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		},
	};
}

async function newestExecution(client: N8nClient, workflowId: string): Promise<Execution | undefined> {
	const page = await client.api('GET', `/executions?workflowId=${workflowId}&limit=1&includeData=false`);
	return page.data[0];
}

/** POSTs one batch and waits until its execution has finished; records the times. */
async function sendOne(pool: Pool, client: N8nClient, target: Target, body: Buffer, record: boolean): Promise<void> {
	const t0 = Date.now();
	const h0 = performance.now();
	const response = await pool.request({
		method: 'POST',
		path: target.url.pathname,
		headers: { 'content-type': 'application/json' },
		body,
	});
	await response.body.dump();
	const httpMs = performance.now() - h0;
	if (response.statusCode !== 200) {
		target.failures.push(`HTTP ${response.statusCode}`);
		return;
	}
	const deadline = Date.now() + 30_000;
	for (;;) {
		const execution = await newestExecution(client, target.workflowId);
		// Started after this POST was sent (same clock), and newer than the last one taken: this
		// POST's execution, never a late one of an earlier POST.
		const mine =
			execution &&
			Number(execution.id) > target.lastExecutionId &&
			execution.startedAt !== undefined &&
			Date.parse(execution.startedAt) >= t0 - 1;
		if (mine && execution.stoppedAt) {
			target.lastExecutionId = Number(execution.id);
			if (execution.status && execution.status !== 'success') target.failures.push(`execution ${execution.id}: ${execution.status}`);
			if (record) {
				target.latenciesMs.push(Date.parse(execution.stoppedAt) - t0);
				target.responseMs.push(httpMs);
				target.startMs.push(Date.parse(execution.startedAt!) - t0);
				target.runMs.push(Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt!));
			}
			return;
		}
		if (Date.now() > deadline) {
			target.failures.push('no finished execution within 30 s');
			return;
		}
		await sleep(POLL_MS);
	}
}

/** Waits until a freshly published webhook answers (n8n can answer 404 for a moment). */
async function waitUntilServed(pool: Pool, target: Target, body: Buffer): Promise<void> {
	const deadline = Date.now() + 15_000;
	for (;;) {
		const response = await pool.request({ method: 'POST', path: target.url.pathname, headers: { 'content-type': 'application/json' }, body });
		await response.body.dump();
		if (response.statusCode === 200) return;
		if (Date.now() > deadline) throw new Error(`${target.url} still answers ${response.statusCode}`);
		await sleep(100);
	}
}

interface Setup {
	label: string;
	/** extra environment for n8n */
	env: Record<string, string>;
	/** judged against the target; the others explain the difference */
	judged: boolean;
}

const SETUPS: Setup[] = [
	{ label: 'n8n as installed', env: {}, judged: true },
	{ label: 'N8N_EXPRESSION_ENGINE_POOL_SIZE=2', env: { N8N_EXPRESSION_ENGINE_POOL_SIZE: '2' }, judged: false },
	{ label: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }, judged: false },
	{ label: 'N8N_EXPRESSION_ENGINE=legacy (no isolates)', env: { N8N_EXPRESSION_ENGINE: 'legacy' }, judged: false },
];

function newTarget(name: Target['name'], workflowId: string, url: URL): Target {
	return { name, workflowId, url, lastExecutionId: 0, latenciesMs: [], responseMs: [], startMs: [], runMs: [], failures: [] };
}

/** One n8n set-up: starts the stack, publishes the three workflows, sends the batches. */
async function measureSetup(
	setup: Setup,
	options: BenchOptions,
	counts: { warmup: number; measured: number },
	tarball: string,
): Promise<Target[]> {
	const { warmup, measured } = counts;
	const { startStack } = await importLib<{ startStack(o: object): Promise<Stack> }>('stack.mjs');
	const { productionWebhookUrl } = await importLib<{ productionWebhookUrl(base: string, node: object, type: object): string }>('workflows.mjs');
	const { N8N_VERSION } = (await import(pathToFileURL(join(PROJECT_DIR, 'scripts', 'provision.mjs')).href)) as { N8N_VERSION: string };

	const workDir = mkdtempSync(join(tmpdir(), 'moengage-bench-'));
	let stack: Stack | undefined;
	const killOnExit = () => stack?.n8n.killNow();
	process.on('exit', killOnExit);
	try {
		stack = await startStack({
			userFolder: join(workDir, 'n8n-user'),
			packDir: join(workDir, 'pack'),
			apiKeyLabel: 'bench',
			n8nEnv: setup.env,
			tarball,
			say: (message: string) => options.say(`  ${message}`),
		});
		const nodeVersion = execFileSync(stack.runtime.nodeBin, ['--version'], { encoding: 'utf8' }).trim();
		options.n8nVersion = `${N8N_VERSION} on Node ${nodeVersion.replace(/^v/, '')}`;
		const { client } = stack;
		const types = await client.nodeTypes();
		const typeOf = (name: string) => {
			const found = types.find((t) => t.name === name);
			if (!found) throw new Error(`n8n has no node type ${name}`);
			return found;
		};

		const specs = [
			['ours', streamsWorkflow(), 'n8n-nodes-moengage.moEngageStreamsTrigger'],
			['baseline', webhookSplitWorkflow(`bench-baseline-${randomUUID().slice(0, 8)}`, 2.1), 'n8n-nodes-base.webhook'],
			['reference', webhookSplitWorkflow(`bench-reference-${randomUUID().slice(0, 8)}`, 1), 'n8n-nodes-base.webhook'],
		] as const;
		const targets: Target[] = [];
		for (const [name, spec, type] of specs) {
			const created = await client.createWorkflow(spec.workflow);
			await client.publishWorkflow(created.id);
			targets.push(newTarget(name, created.id, new URL(productionWebhookUrl(stack.n8n.url, spec.node, typeOf(type)))));
		}

		options.say(`  ${setup.label}: ${warmup} warm-up and ${measured} measured batches of ${EVENTS_PER_BATCH} events per workflow, interleaved`);
		const total = warmup + measured + 1;
		const batches = Array.from({ length: total }, () =>
			Buffer.from(JSON.stringify(sandbox.makeStreamsBatch({ events: EVENTS_PER_BATCH }))),
		);
		const pool = new Pool(stack.n8n.url, { connections: 1, pipelining: 1 });
		try {
			for (const target of targets) await waitUntilServed(pool, target, batches[0]);
			for (let i = 1; i < total; i++) {
				const record = i > warmup;
				// Rotate which workflow goes first.
				const order = targets.map((_, k) => targets[(i + k) % targets.length]);
				for (const target of order) await sendOne(pool, client, target, batches[i], record);
				if (i % 50 === 0) options.say(`  ${i} / ${total - 1} rounds`);
			}
		} finally {
			await pool.close();
		}
		return targets;
	} finally {
		await stack?.stop();
		process.off('exit', killOnExit);
		if (!process.env.BENCH_KEEP) rmSync(workDir, { recursive: true, force: true });
	}
}

function latencyRows(setup: Setup, ours: Target, base: Target, ref: Target, measured: number): Row[] {
	const rows: Row[] = [];
	const ok = ours.failures.length === 0 && ours.latenciesMs.length === measured;
	const where = setup.judged ? '' : ` [${setup.label}]`;
	for (const [label, p, tolerance] of [
		['p50', 50, P50_TOLERANCE],
		['p99', 99, P99_TOLERANCE],
	] as const) {
		const o = percentile(ours.latenciesMs, p);
		const bl = percentile(base.latenciesMs, p);
		rows.push({
			metric: `POST → finished execution, ${label}${where}`,
			ours: `${fixed(o, 0)} ms`,
			baseline: `${fixed(bl, 0)} ms`,
			ratio: ratio(o, bl),
			target: setup.judged ? `≤ baseline (+${Math.round((tolerance - 1) * 100)} % noise)` : 'info',
			result: setup.judged ? verdict(ok && o <= bl * tolerance) : 'info',
		});
	}
	const refP50 = percentile(ref.latenciesMs, 50);
	const baseP50 = percentile(base.latenciesMs, 50);
	rows.push({
		metric: `reference, n8n's Webhook v1 → Split Out: POST → finished execution, p50${where}`,
		ours: `${fixed(refP50, 0)} ms`,
		baseline: `${fixed(baseP50, 0)} ms`,
		ratio: ratio(refP50, baseP50),
		target: 'info',
		result: 'info',
	});
	if (setup.judged) {
		for (const [label, key] of [
			['POST → HTTP answer, p50', 'responseMs'],
			['POST → execution started, p50', 'startMs'],
			['execution started → stopped, p50', 'runMs'],
		] as const) {
			const o = percentile(ours[key], 50);
			const bl = percentile(base[key], 50);
			rows.push({
				metric: label,
				ours: `${fixed(o, 1)} ms`,
				baseline: `${fixed(bl, 1)} ms`,
				ratio: ratio(o, bl),
				target: 'info',
				result: 'info',
			});
		}
	}
	return rows;
}

export async function runInsideN8n(options: BenchOptions): Promise<CaseReport> {
	const warmup = options.quick ? 5 : 20;
	const measured = options.quick ? 30 : 200;
	const rows: Row[] = [];
	const failures: string[] = [];
	// Built and packed once, in a folder that outlives each set-up's n8n.
	const packDir = mkdtempSync(join(tmpdir(), 'moengage-bench-pack-'));
	try {
		const { buildAndPack } = await importLib<{ buildAndPack(dir: string): string }>('pack.mjs');
		const tarball = process.env.MOENGAGE_TARBALL ?? buildAndPack(packDir);
		for (const setup of SETUPS) {
			const targets = await measureSetup(setup, options, { warmup, measured }, tarball);
			const [ours, base, ref] = targets;
			rows.push(...latencyRows(setup, ours, base, ref, measured));
			for (const t of targets) {
				if (t.failures.length) failures.push(`${setup.label}, ${t.name}: ${t.failures.length} failures, first: ${t.failures.slice(0, 3).join('; ')}`);
			}
		}
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	const batchKb = Buffer.byteLength(JSON.stringify(sandbox.makeStreamsBatch({ events: EVENTS_PER_BATCH }))) / 1024;
	const notes = [
		`n8n ${options.n8nVersion}, SQLite, regular execution mode; this package built, packed and installed from its tarball (scripts/lib/stack.mjs). ` +
			`Per n8n set-up: ${int(measured)} measured batches per workflow after ${warmup} warm-up, ${EVENTS_PER_BATCH} events each (about ${int(batchKb)} KB), ` +
			'the same batch to all three workflows, which one goes first rotating, one request in flight.',
		'Ours: the MoEngage Streams Trigger alone, version 1.1 (what a node added in the editor gets), default parameters (it answers 200 at once and emits one item per event). ' +
			"Baseline: n8n's Webhook node v2.1 (POST, Respond: Immediately) → Split Out on body.events. Reference: the same with Webhook v1.",
		"Why the set-ups: n8n 2.41 runs expressions in isolated-vm isolates from a pool (N8N_EXPRESSION_ENGINE_POOL_SIZE, 1 by default). " +
			"A webhook request holds an isolate while its trigger runs, except for n8n's Webhook node v2+ with static parameters, and the execution it starts takes another; " +
			'so every other trigger, n8n\'s own Webhook v1 included, waits for a fresh isolate to be built before its execution runs. ' +
			'A larger pool takes that wait away, but the extra isolate is still built, on the same CPU, for every request. ' +
			'With lazy acquisition (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true) an isolate is built only for a scope that evaluates an expression: the Streams Trigger evaluates none while it answers the request, so it no longer builds one (n8n\'s Webhook v1 does). ' +
			'The legacy engine (deprecated by n8n, no isolates) shows what is left once isolates are out of the picture.',
		`Time: from just before the POST is sent to the execution's stoppedAt as n8n records it (same machine clock), read with the public API ` +
			`(GET /api/v1/executions?workflowId=…, polled every ${POLL_MS} ms until the new execution has finished; the next POST goes only then). ` +
			'All workflows are measured the same way, polling included. "No slower" allows 5 % on p50 and 10 % on p99 for run-to-run noise; the ratio column shows the raw figure. ' +
			'Only the set-up as installed is judged; the rows marked with a set-up explain the difference.',
		...failures,
	];
	return {
		title: '4. Inside n8n',
		method:
			'A real n8n (the end-to-end setup), four times with different expression-engine settings: 100-event Streams batches POSTed over loopback HTTP with undici to the MoEngage Streams Trigger, to Webhook → Split Out and to Webhook v1 → Split Out on the same n8n',
		rows,
		notes,
	};
}
