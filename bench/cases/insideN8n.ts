/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- bench tooling, never shipped */
/**
 * Case 4: inside n8n. The real n8n of the end-to-end tests (scripts/lib: provisioned n8n on Node 24,
 * this package packed and installed from its tarball), two published workflows:
 *   (a) MoEngage Streams Trigger alone (it emits one item per event);
 *   (b) n8n's Webhook node (POST, respond immediately) → Split Out on body.events.
 * The same 100-event batches go to both, interleaved, one at a time. For each POST the time is
 * from just before it is sent to the execution's `stoppedAt` (n8n's own clock, same machine), read
 * through the public API. Target: no slower than the baseline.
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
const sandbox = require(join(PROJECT_DIR, 'test', 'sandbox')) as typeof import('../../test/sandbox');

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
	name: 'ours' | 'baseline';
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
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: {},
	};
	return { node, workflow: { name: 'bench: Streams Trigger', nodes: [node], connections: {}, settings: { executionOrder: 'v1' } } };
}

function baselineWorkflow(path: string): { workflow: object; node: object } {
	const webhook = {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
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
			name: 'bench: Webhook + Split Out',
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

export async function runInsideN8n(options: BenchOptions): Promise<CaseReport> {
	const warmup = options.quick ? 5 : 20;
	const measured = options.quick ? 30 : 200;
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

		const a = streamsWorkflow();
		const b = baselineWorkflow(`bench-baseline-${randomUUID().slice(0, 8)}`);
		const targets: Target[] = [];
		for (const [name, spec, type] of [
			['ours', a, 'n8n-nodes-moengage.moEngageStreamsTrigger'],
			['baseline', b, 'n8n-nodes-base.webhook'],
		] as const) {
			const created = await client.createWorkflow(spec.workflow);
			await client.publishWorkflow(created.id);
			targets.push({
				name,
				workflowId: created.id,
				url: new URL(productionWebhookUrl(stack.n8n.url, spec.node, typeOf(type))),
				lastExecutionId: 0,
				latenciesMs: [],
				responseMs: [],
				startMs: [],
				runMs: [],
				failures: [],
			});
		}

		options.say(`  ${warmup} warm-up and ${measured} measured batches of ${EVENTS_PER_BATCH} events per workflow, interleaved`);
		const total = warmup + measured + 1;
		const batches = Array.from({ length: total }, () =>
			Buffer.from(JSON.stringify(sandbox.makeStreamsBatch({ events: EVENTS_PER_BATCH }))),
		);
		const pool = new Pool(stack.n8n.url, { connections: 1, pipelining: 1 });
		try {
			for (const target of targets) await waitUntilServed(pool, target, batches[0]);
			for (let i = 1; i < total; i++) {
				const record = i > warmup;
				// Alternate which workflow goes first in each pair.
				const order = i % 2 === 0 ? targets : [...targets].reverse();
				for (const target of order) await sendOne(pool, client, target, batches[i], record);
				if (i % 50 === 0) options.say(`  ${i} / ${total - 1} pairs`);
			}
		} finally {
			await pool.close();
		}

		const [ours, base] = targets;
		const rows: Row[] = [];
		const ok = ours.failures.length === 0 && ours.latenciesMs.length === measured;
		for (const [label, p, tolerance] of [
			['p50', 50, P50_TOLERANCE],
			['p99', 99, P99_TOLERANCE],
		] as const) {
			const o = percentile(ours.latenciesMs, p);
			const bl = percentile(base.latenciesMs, p);
			rows.push({
				metric: `POST → finished execution, ${label}`,
				ours: `${fixed(o, 0)} ms`,
				baseline: `${fixed(bl, 0)} ms`,
				ratio: ratio(o, bl),
				target: `≤ baseline (+${Math.round((tolerance - 1) * 100)} % noise)`,
				result: verdict(ok && o <= bl * tolerance),
			});
		}
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
		const notes = [
			`n8n ${options.n8nVersion}, SQLite, regular execution mode; this package built, packed and installed from its tarball (scripts/lib/stack.mjs). ` +
				`${int(measured)} measured batches per workflow after ${warmup} warm-up, ${EVENTS_PER_BATCH} events each (about ${int(batches[1].length / 1024)} KB), ` +
				'the same batch to both workflows, which one goes first alternating, one request in flight.',
			'Ours: the MoEngage Streams Trigger alone, default parameters (it answers 200 at once and emits one item per event). ' +
				"Baseline: n8n's Webhook node (POST, Respond: Immediately) → Split Out on body.events.",
			`Time: from just before the POST is sent to the execution's stoppedAt as n8n records it (same machine clock), read with the public API ` +
				`(GET /api/v1/executions?workflowId=…, polled every ${POLL_MS} ms until the new execution has finished; the next POST goes only then). ` +
				'Both workflows are measured the same way, polling included. "No slower" allows 5 % on p50 and 10 % on p99 for run-to-run noise; the ratio column shows the raw figure.',
		];
		for (const t of targets) {
			if (t.failures.length) notes.push(`${t.name}: ${t.failures.length} failures, first: ${t.failures.slice(0, 3).join('; ')}`);
		}
		return {
			title: '4. Inside n8n',
			method:
				'A real n8n (the end-to-end setup): 100-event Streams batches POSTed over loopback HTTP with undici to the MoEngage Streams Trigger and to Webhook → Split Out on the same n8n',
			rows,
			notes,
		};
	} finally {
		await stack?.stop();
		process.off('exit', killOnExit);
		if (!process.env.BENCH_KEEP) rmSync(workDir, { recursive: true, force: true });
	}
}
