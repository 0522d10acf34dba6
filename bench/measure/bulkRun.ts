/* eslint-disable @n8n/community-nodes/no-restricted-globals -- bench tooling, never shipped */
/**
 * One bulk-sending measurement, in a fresh process (see isolated.ts): N event items sent to the
 * sandbox (itself in another process) by the Data node in-process (Event → Track or Bulk → Import,
 * see dataNode.ts), or one request per item by the undici load generator (the baseline), or
 * handed through a pass-through node (the harness alone, a control).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { SandboxStats } from '../support/sandboxProtocol';
import { collectGarbage, isolatedMain, sampleMemory } from '../support/isolated';
import { startSandboxProcess, type SandboxProcess } from '../support/sandboxProcess';
import { makeEventItems, singleEventBody, type BenchEvent, type ItemsFrom } from '../support/events';
import { dataApiHeaders, LoadGenerator } from '../support/loadGenerator';
import { itemsFor, NO_PACING, runDataNode, runPassThrough, type DataNodeSetup } from '../support/dataNode';
import { packBodies } from '../support/bulkBodies';
import { runTransportOnly } from '../support/transportNode';

/**
 * The Data node (two setups), the one-request-per-item baseline, and two controls: the harness
 * alone (a pass-through node) and sending alone (the same bulk bodies, built beforehand).
 */
export type BulkMode = DataNodeSetup | 'baseline' | 'harness' | 'transport';

export interface BulkRunInput {
	mode: BulkMode;
	items: number;
	/** baseline only: requests in flight */
	concurrency: number;
	/**
	 * 'time': CPU, wall time and peak RSS (from the OS: no memory sampling while timed), of several
	 * steady runs after the warm-up and of one run after a forced full GC;
	 * 'memory': one run with a full GC before each memory sample (live heap), not timed.
	 */
	pass: 'time' | 'memory';
	/** whether the items come with the pairedItem of a node before (see events.ts) */
	itemsFrom: ItemsFrom;
}

export interface BulkRunOutput {
	mode: BulkMode;
	items: number;
	pass: 'time' | 'memory';
	itemsFrom: ItemsFrom;
	wallMs: number;
	/**
	 * user + system CPU of this process during the send, µs: in the time pass the median of the
	 * steady runs (see steadyRuns)
	 */
	cpuMicros: number;
	/** the time pass's last run, right after a forced full GC, µs */
	cpuAfterFullGcMicros: number;
	/** how many steady runs the median is taken over (0 in the memory pass) */
	steadyRuns: number;
	/** the untimed runs before any measurement, and the requests they sent in all */
	warmUp: { runs: number; itemsPerRun: number; requests: number };
	/** retained heap of the input items, bytes */
	itemsBytes: number;
	/** heapUsed + arrayBuffers with the items built, before the send, bytes */
	heapBefore: number;
	/** highest heapUsed + arrayBuffers sampled during the send (memory pass only: live data), bytes */
	peakHeap: number;
	rssBefore: number;
	/** process.resourceUsage().maxRSS at the end, bytes */
	maxRss: number;
	outputItems: number;
	errorItems: number;
	error?: string;
	sandbox: SandboxStats;
}

const UNLIMITED = { dataEventsPerWindow: 1e12, dataUsersPerWindow: 1e12 };
/**
 * The warm-up: WARM_UP_RUNS runs of WARM_UP_ITEMS items (100 bulk requests in all), so that V8 has
 * optimised the HTTP path as it is in a long-running n8n. After a single such run (25 requests),
 * `--trace-opt` still showed 10 to 25 functions optimised during each of the next four 1,000-item
 * runs, and those runs cost up to twice the settled figure; after four runs, 0 to 6.
 */
const WARM_UP_RUNS = 4;
const WARM_UP_ITEMS = 10_000;

/** The baseline sends one request per item: a single run already sends 10,000. */
function warmUpRuns(mode: BulkMode): number {
	return mode === 'baseline' ? 1 : WARM_UP_RUNS;
}

const SETTLE_MS = 250;
/** Between steady runs: the sandbox's stats answer and the items just built settle. */
const STEADY_SETTLE_MS = 50;

function heapNow(): number {
	const m = process.memoryUsage();
	return m.heapUsed + m.arrayBuffers;
}

isolatedMain<BulkRunInput, BulkRunOutput>(async (input) => {
	// Limits far above the run rather than `enabled: false`: a disabled sandbox still counts and
	// reports x-ratelimit-remaining: 0 past the default quota, and the node rightly waits for that.
	const sb = await startSandboxProcess({ rateLimits: UNLIMITED });
	try {
		// Load everything the run needs before measuring anything.
		const warmedUp = { runs: warmUpRuns(input.mode), itemsPerRun: WARM_UP_ITEMS, requests: await warmUp(sb, input.mode) };
		return input.pass === 'memory' ? await memoryPass(sb, input, warmedUp) : await timePass(sb, input, warmedUp);
	} finally {
		await sb.close();
	}
});

type WarmUp = BulkRunOutput['warmUp'];

/** The items of one run, built after a forced full GC, and the heap they retain. */
async function prepareMeasured(input: BulkRunInput) {
	collectGarbage();
	const empty = heapNow();
	const prepared = prepare(input);
	collectGarbage();
	const heapBefore = heapNow();
	const rssBefore = process.memoryUsage().rss;
	// The forced GC goes on sweeping on V8's helper threads for a moment; that is the bench's own
	// garbage (building the items), not the run's, and process CPU time would count it.
	await settle(SETTLE_MS);
	return { prepared, itemsBytes: heapBefore - empty, heapBefore, rssBefore };
}

async function memoryPass(sb: SandboxProcess, input: BulkRunInput, warmedUp: WarmUp): Promise<BulkRunOutput> {
	const { prepared, itemsBytes, heapBefore, rssBefore } = await prepareMeasured(input);
	const memory = sampleMemory(1, true);
	const run = await send(sb, input, prepared, memory.sample);
	memory.stop();
	return {
		...run,
		mode: input.mode,
		items: input.items,
		pass: input.pass,
		itemsFrom: input.itemsFrom,
		cpuAfterFullGcMicros: run.cpuMicros,
		steadyRuns: 0,
		warmUp: warmedUp,
		itemsBytes,
		heapBefore,
		peakHeap: memory.peakHeap,
		rssBefore,
		maxRss: process.resourceUsage().maxRSS * 1024,
		sandbox: await sb.stats(),
	};
}

/**
 * The steady runs come first, straight after the warm-up, and the run after a forced full GC last:
 * a full GC also discards machine code V8 optimised around objects that have died since, and
 * after one the next eight or so 1,000-item runs cost up to twice the settled figure while V8
 * re-optimises. Steady runs that followed the bench's own forced GC measured that, not the node.
 */
async function timePass(sb: SandboxProcess, input: BulkRunInput, warmedUp: WarmUp): Promise<BulkRunOutput> {
	const steady: SendResult[] = [];
	for (let run = 0; run < steadyRuns(input.items); run++) {
		const prepared = prepare(input);
		await settle(STEADY_SETTLE_MS);
		steady.push(await send(sb, input, prepared));
		await sb.clear();
	}
	const { prepared, itemsBytes, heapBefore, rssBefore } = await prepareMeasured(input);
	const afterFullGc = await send(sb, input, prepared);
	const runs = [...steady, afterFullGc];
	const median = steady.slice().sort((a, b) => a.cpuMicros - b.cpuMicros)[Math.floor(steady.length / 2)];
	const failed = runs.find((r) => r.error !== undefined || r.errorItems > 0);
	return {
		mode: input.mode,
		items: input.items,
		pass: input.pass,
		itemsFrom: input.itemsFrom,
		wallMs: median.wallMs,
		cpuMicros: median.cpuMicros,
		cpuAfterFullGcMicros: afterFullGc.cpuMicros,
		steadyRuns: steady.length,
		warmUp: warmedUp,
		itemsBytes,
		heapBefore,
		peakHeap: 0,
		rssBefore,
		maxRss: process.resourceUsage().maxRSS * 1024,
		outputItems: Math.min(...runs.map((r) => r.outputItems)),
		errorItems: failed?.errorItems ?? 0,
		error: failed?.error,
		// The last run's requests: every run sends the same items.
		sandbox: await sb.stats(),
	};
}

/**
 * Timed runs after the warm-up, each with freshly built items and no forced GC: the node as a
 * long-running n8n runs it again and again (collections happen when V8 wants them, and count).
 * The median is reported.
 */
function steadyRuns(items: number): number {
	if (items <= 1_000) return 25;
	if (items <= 10_000) return 9;
	return 3;
}

interface Prepared {
	items: INodeExecutionData[];
	/** the transport control's bodies, built outside the measurement */
	bodies: string[];
}

function prepare(input: BulkRunInput): Prepared {
	const events = makeEventItems(input.items, input.itemsFrom);
	if (input.mode === 'bulkImport') return { items: itemsFor('bulkImport', events), bodies: [] };
	if (input.mode === 'transport') {
		return { items: events, bodies: packBodies(itemsFor('bulkImport', events).map((item) => item.json)) };
	}
	return { items: events, bodies: [] };
}

interface SendResult {
	wallMs: number;
	/** user + system CPU of this process during the send, µs */
	cpuMicros: number;
	outputItems: number;
	errorItems: number;
	error?: string;
}

/** One timed send of the prepared items in the mode measured. */
async function send(
	sb: SandboxProcess,
	input: BulkRunInput,
	{ items, bodies }: Prepared,
	onFinished?: () => void,
): Promise<SendResult> {
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	let outcome: { outputItems: number; errorItems: number; error?: string };
	if (input.mode === 'baseline') {
		const generator = new LoadGenerator(sb.url, input.concurrency);
		const path = `/v1/event/${sb.workspaceId}`;
		const result = await generator.run(
			items.length,
			(i) => ({ path, body: singleEventBody(items[i].json as unknown as BenchEvent) }),
			{ concurrency: input.concurrency, headers: dataApiHeaders(sb.workspaceId, sb.dataApiKey) },
		);
		await generator.close();
		onFinished?.();
		outcome = { outputItems: result.sent, errorItems: result.sent - (result.byStatus[200] ?? 0) };
	} else if (input.mode === 'harness') {
		outcome = await runPassThrough(items, onFinished);
	} else if (input.mode === 'transport') {
		outcome = await runTransportOnly(sb, items, bodies, onFinished);
	} else {
		outcome = await runDataNode(sb, input.mode, items, NO_PACING, onFinished);
	}
	const wallMs = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	return { wallMs, cpuMicros: cpu.user + cpu.system, ...outcome };
}

function settle(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs first, so module loading and JIT warm-up are not measured, each followed by a clean
 * sandbox; returns the requests they sent.
 */
async function warmUp(sb: SandboxProcess, mode: BulkMode): Promise<number> {
	let requests = 0;
	for (let run = 0; run < warmUpRuns(mode); run++) {
		await warmUpRun(sb, mode);
		requests += (await sb.stats()).requests;
		await sb.clear();
	}
	return requests;
}

async function warmUpRun(sb: SandboxProcess, mode: BulkMode): Promise<void> {
	const events = makeEventItems(WARM_UP_ITEMS);
	if (mode === 'baseline') {
		const generator = new LoadGenerator(sb.url, 2);
		await generator.run(
			events.length,
			(i) => ({ path: `/v1/event/${sb.workspaceId}`, body: singleEventBody(events[i].json as unknown as BenchEvent) }),
			{ concurrency: 2, headers: dataApiHeaders(sb.workspaceId, sb.dataApiKey) },
		);
		await generator.close();
	} else if (mode === 'harness') {
		await runPassThrough(events);
	} else if (mode === 'transport') {
		await runTransportOnly(sb, events, packBodies(itemsFor('bulkImport', events).map((item) => item.json)));
	} else {
		const outcome = await runDataNode(sb, mode, itemsFor(mode, events));
		if (outcome.error) throw new Error(`the Data node failed in the warm-up run (${mode}): ${outcome.error}`);
	}
}
