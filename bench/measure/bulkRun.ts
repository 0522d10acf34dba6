/* eslint-disable @n8n/community-nodes/no-restricted-globals -- bench tooling, never shipped */
/**
 * One bulk-sending measurement, in a fresh process (see isolated.ts): N event items sent to the
 * sandbox (itself in another process) by the Data node in-process (Event → Track or Bulk → Import,
 * see dataNode.ts), or one request per item by the undici load generator (the baseline), or
 * handed through a pass-through node (the harness alone, a control).
 */
import type { SandboxStats } from '../support/sandboxProtocol';
import { collectGarbage, isolatedMain, sampleMemory } from '../support/isolated';
import { startSandboxProcess, type SandboxProcess } from '../support/sandboxProcess';
import { makeEventItems, singleEventBody, type BenchEvent } from '../support/events';
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
	 * 'time': CPU, wall time and peak RSS (from the OS: no memory sampling while timed);
	 * 'memory': the same run with a full GC before each memory sample (live heap), not timed.
	 */
	pass: 'time' | 'memory';
}

export interface BulkRunOutput {
	mode: BulkMode;
	items: number;
	pass: 'time' | 'memory';
	wallMs: number;
	/** user + system CPU of this process during the send, µs */
	cpuMicros: number;
	/** retained heap of the input items, bytes */
	itemsBytes: number;
	/** heapUsed + arrayBuffers with the items built, before the send, bytes */
	heapBefore: number;
	/** highest heapUsed + arrayBuffers sampled during the send (live data in the memory pass), bytes */
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
 * Items of the warm-up run: enough requests (25) for V8 to optimise the HTTP path as it is in a
 * long-running n8n; with a few hundred items the timed 1,000-item runs measured unoptimised code.
 */
const WARM_UP_ITEMS = 10_000;
const SETTLE_MS = 250;

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
		await warmUp(sb, input.mode);

		collectGarbage();
		const empty = heapNow();
		const items = input.mode === 'bulkImport' ? itemsFor('bulkImport', makeEventItems(input.items)) : makeEventItems(input.items);
		// The transport control's bodies are built here, outside the measurement.
		const bodies = input.mode === 'transport' ? packBodies(itemsFor('bulkImport', items).map((item) => item.json)) : [];
		collectGarbage();
		const heapBefore = heapNow();
		const rssBefore = process.memoryUsage().rss;
		// The forced GC goes on sweeping on V8's helper threads for a moment; that is the bench's own
		// garbage (building the items), not the run's, and process CPU time would count it.
		await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

		const memory = input.pass === 'memory' ? sampleMemory(100, true) : sampleMemory(0);
		const cpu0 = process.cpuUsage();
		const t0 = performance.now();
		let outputItems = 0;
		let errorItems = 0;
		let error: string | undefined;
		if (input.mode === 'baseline') {
			const generator = new LoadGenerator(sb.url, input.concurrency);
			const path = `/v1/event/${sb.workspaceId}`;
			const result = await generator.run(
				items.length,
				(i) => ({ path, body: singleEventBody(items[i].json as unknown as BenchEvent) }),
				{ concurrency: input.concurrency, headers: dataApiHeaders(sb.workspaceId, sb.dataApiKey) },
			);
			await generator.close();
			outputItems = result.sent;
			errorItems = result.sent - (result.byStatus[200] ?? 0);
		} else {
			const outcome =
				input.mode === 'harness'
					? await runPassThrough(items, memory.sample)
					: input.mode === 'transport'
						? await runTransportOnly(sb, items, bodies, memory.sample)
						: await runDataNode(sb, input.mode, items, NO_PACING, memory.sample);
			outputItems = outcome.outputItems;
			errorItems = outcome.errorItems;
			error = outcome.error;
		}
		const wallMs = performance.now() - t0;
		const cpu = process.cpuUsage(cpu0);
		memory.stop();
		const maxRss = process.resourceUsage().maxRSS * 1024;

		return {
			mode: input.mode,
			items: input.items,
			pass: input.pass,
			wallMs,
			cpuMicros: cpu.user + cpu.system,
			itemsBytes: heapBefore - empty,
			heapBefore,
			peakHeap: memory.peakHeap,
			rssBefore,
			maxRss,
			outputItems,
			errorItems,
			error,
			sandbox: await sb.stats(),
		};
	} finally {
		await sb.close();
	}
});

/** A run first, so module loading and JIT warm-up are not measured; then a clean sandbox. */
async function warmUp(sb: SandboxProcess, mode: BulkMode): Promise<void> {
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
	await sb.clear();
}
