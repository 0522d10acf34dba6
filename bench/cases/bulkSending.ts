/**
 * Case 1: bulk sending. Event items through the Data node in-process, each size in a fresh
 * process, the sandbox in another process; against one request per item with undici (what n8n's
 * HTTP Request node does). Targets: requests within one of the minimum the bytes allow, fill
 * ≥ 90 %, ≤ 20 µs of node CPU per item, memory growing no faster than the items themselves.
 */
import { MAX_REQUEST_BYTES } from '../../nodes/shared/limits';
import type { BenchOptions } from '../main';
import type { CaseReport, Row } from '../report';
import { fixed, int, mb, pct, ratio, verdict } from '../report';
import { runIsolated } from '../support/isolated';
import { slope } from '../support/stats';
import type { BulkMode, BulkRunInput, BulkRunOutput } from '../measure/bulkRun';
import type { ItemsFrom } from '../support/events';

/** In flight at once for the one-per-item baseline (keep-alive connections). */
const BASELINE_CONCURRENCY = 8;
const CPU_TARGET_US = 20;

interface Run {
	mode: BulkMode;
	items: number;
	pass: 'time' | 'memory';
	itemsFrom: ItemsFrom;
}

function plan(quick: boolean): { sizes: number[]; runs: Run[] } {
	const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
	const runs: Run[] = [];
	for (const items of sizes) {
		const run = (mode: BulkMode, pass: Run['pass'], itemsFrom: ItemsFrom = 'node'): Run => ({ mode, items, pass, itemsFrom });
		runs.push(
			run('baseline', 'time'),
			run('bulkImport', 'time'),
			run('eventTrack', 'time'),
			run('harness', 'time'),
			run('transport', 'time'),
			run('bulkImport', 'memory'),
			run('eventTrack', 'memory'),
			run('harness', 'memory'),
			// For information: the same items straight from a trigger, without a pairedItem.
			run('bulkImport', 'memory', 'trigger'),
			run('eventTrack', 'memory', 'trigger'),
		);
		// The one-per-item baseline streams (its memory does not depend on the count) and takes
		// about a minute at 100,000 items: its memory pass stops at 10,000.
		if (items <= 10_000) runs.push(run('baseline', 'memory'));
	}
	return { sizes, runs };
}

/** Fewest requests the bytes allow: each element with its comma, into bodies of at most 100,000 bytes. */
function minimumRequests(out: BulkRunOutput): number {
	const b = out.sandbox.bulk;
	const envelope = b.envelopeMax;
	return Math.ceil((b.elementBytes + b.elements) / (MAX_REQUEST_BYTES - envelope + 1));
}

function cpuPerItemUs(out: BulkRunOutput): number {
	return out.cpuMicros / out.items;
}

/** e.g. "11 at 1,000 items, 9 at 10,000": how many steady runs each size's median is taken over. */
function steadyRunCounts(sizes: number[], find: (mode: BulkMode, items: number) => BulkRunOutput | undefined): string {
	return sizes
		.map((n, i) => {
			const run = find('bulkImport', n) ?? find('eventTrack', n);
			return run ? `${run.steadyRuns} at ${int(n)}${i === 0 ? ' items' : ''}` : undefined;
		})
		.filter((part) => part !== undefined)
		.join(', ');
}

/** e.g. "4 warm-up runs of 10,000 items (100 requests)", from a Data node run's own record. */
function warmUpText(sizes: number[], find: (mode: BulkMode, items: number) => BulkRunOutput | undefined): string {
	const run = sizes.map((n) => find('bulkImport', n) ?? find('eventTrack', n)).find((r) => r !== undefined);
	if (!run) return 'warm-up runs';
	const { runs, itemsPerRun, requests } = run.warmUp;
	return `${runs} warm-up run${runs === 1 ? '' : 's'} of ${int(itemsPerRun)} items (${int(requests)} requests; the baseline: one run)`;
}

function extraHeap(out: BulkRunOutput): number {
	return Math.max(0, out.peakHeap - out.heapBefore);
}

const LABEL: Record<string, string> = { bulkImport: 'Bulk → Import', eventTrack: 'Event → Track' };

export async function runBulkSending(options: BenchOptions): Promise<CaseReport> {
	const { sizes, runs } = plan(options.quick);
	const results: BulkRunOutput[] = [];
	for (const run of runs) {
		options.say(`  ${int(run.items)} items: ${run.mode} (${run.pass} pass${run.itemsFrom === 'trigger' ? ', items from a trigger' : ''})`);
		const input: BulkRunInput = { ...run, concurrency: BASELINE_CONCURRENCY };
		results.push(await runIsolated<BulkRunInput, BulkRunOutput>('measure/bulkRun.js', input));
	}
	const find = (mode: BulkMode, items: number, pass: 'time' | 'memory' = 'time', from: ItemsFrom = 'node') =>
		results.find((r) => r.mode === mode && r.items === items && r.pass === pass && r.itemsFrom === from);
	/** Live heap growth per 1,000 items of a mode's memory passes, and of the items themselves, bytes. */
	const growthOf = (mode: BulkMode, from: ItemsFrom) => {
		const measured = sizes.filter((n) => find(mode, n, 'memory', from));
		if (measured.length < 2) return undefined;
		const runsOf = measured.map((n) => find(mode, n, 'memory', from)!);
		return {
			measured,
			growth: slope(measured, runsOf.map(extraHeap)) * 1000,
			items: slope(measured, runsOf.map((r) => r.itemsBytes)) * 1000,
		};
	};

	const rows: Row[] = [];
	const notes: string[] = [];
	for (const setup of ['bulkImport', 'eventTrack'] as const) {
		for (const n of sizes) {
			const ours = find(setup, n);
			const base = find('baseline', n);
			if (!ours) continue;
			const label = `${LABEL[setup]}, ${int(n)} items`;
			const delivered = !ours.error && ours.errorItems === 0 && ours.sandbox.acceptedEvents === n;
			if (!delivered) {
				notes.push(
					`${label}: ${int(ours.errorItems)} error items, ${int(ours.sandbox.acceptedEvents)} events accepted` +
						(ours.error ? ` (${ours.error})` : ''),
				);
			}
			const requests = ours.sandbox.requests;
			const minimum = minimumRequests(ours);
			rows.push({
				metric: `${label}: HTTP requests`,
				ours: `${int(requests)} (min ${int(minimum)})`,
				baseline: base ? int(base.sandbox.requests) : '',
				ratio: base ? ratio(requests, base.sandbox.requests) : '',
				target: '≤ minimum + 1',
				result: verdict(delivered && requests - minimum <= 1),
			});
			const fill = ours.sandbox.bulk.bytes / requests / MAX_REQUEST_BYTES;
			const fullFill =
				requests > 1
					? (ours.sandbox.bulk.bytes - ours.sandbox.bulk.lastBytes) / (requests - 1) / MAX_REQUEST_BYTES
					: fill;
			rows.push({
				metric: `${label}: mean request size / 100 KB`,
				ours: `${pct(fill)} (all but last ${pct(fullFill)})`,
				baseline: base ? pct(base.sandbox.bytes / base.sandbox.requests / MAX_REQUEST_BYTES, 2) : '',
				ratio: '',
				target: '≥ 90 % (all but last)',
				result: verdict(delivered && fullFill >= 0.9),
			});
			const cpu = cpuPerItemUs(ours);
			const baseCpu = base ? cpuPerItemUs(base) : NaN;
			rows.push({
				metric: `${label}: CPU per item`,
				ours: `${fixed(cpu, 1)} µs`,
				baseline: base ? `${fixed(baseCpu, 1)} µs` : '',
				ratio: ratio(cpu, baseCpu),
				target: `≤ ${CPU_TARGET_US} µs`,
				result: verdict(cpu <= CPU_TARGET_US),
			});
			const afterGc = ours.cpuAfterFullGcMicros / n;
			const baseAfterGc = base ? base.cpuAfterFullGcMicros / n : NaN;
			rows.push({
				metric: `${label}: CPU per item, first run after a full GC`,
				ours: `${fixed(afterGc, 1)} µs`,
				baseline: base ? `${fixed(baseAfterGc, 1)} µs` : '',
				ratio: ratio(afterGc, baseAfterGc),
				target: 'info: V8 re-optimises',
				result: 'info',
			});
			const transport = find('transport', n);
			if (transport) {
				// Sending alone (same bodies, same client and HTTP helper, same harness) is what any node
				// sending these bytes through n8n pays; what is left is the node's own work: reading,
				// checking, serialising, packing and the output items.
				const own = cpu - cpuPerItemUs(transport);
				rows.push({
					metric: `${label}: of which the node's own work (CPU per item − sending alone)`,
					ours: `${fixed(own, 1)} µs`,
					baseline: `sending alone ${fixed(cpuPerItemUs(transport), 1)} µs`,
					ratio: '',
					target: `info (≤ ${CPU_TARGET_US} µs)`,
					result: 'info',
				});
			}
			const oursMem = find(setup, n, 'memory');
			const baseMem = find('baseline', n, 'memory');
			if (oursMem) {
				rows.push({
					metric: `${label}: peak live heap above the items`,
					ours: `${mb(extraHeap(oursMem))} (items ${mb(oursMem.itemsBytes)})`,
					baseline: baseMem ? mb(extraHeap(baseMem)) : 'not run',
					ratio: baseMem ? ratio(extraHeap(oursMem), extraHeap(baseMem)) : '',
					target: 'see growth row',
					result: 'info',
				});
			}
		}
		const timed = sizes.filter((n) => find(setup, n));
		if (timed.length >= 2) {
			const marginal = slope(timed, timed.map((n) => find(setup, n)!.cpuMicros));
			const baseTimed = timed.filter((n) => find('baseline', n));
			const baseMarginal = slope(baseTimed, baseTimed.map((n) => find('baseline', n)!.cpuMicros));
			rows.push({
				metric: `${LABEL[setup]}: marginal CPU per item (slope over ${timed.map((n) => int(n)).join(' / ')})`,
				ours: `${fixed(marginal, 1)} µs`,
				baseline: `${fixed(baseMarginal, 1)} µs`,
				ratio: ratio(marginal, baseMarginal),
				target: 'info: without fixed costs',
				result: 'info',
			});
		}
		const memory = growthOf(setup, 'node');
		if (memory) {
			const { measured, growth, items } = memory;
			const base = growthOf('baseline', 'node');
			rows.push({
				metric: `${LABEL[setup]}: live heap growth per 1,000 items (${measured.map((n) => int(n)).join(' / ')})`,
				ours: `${fixed(growth / 1024, 1)} KB`,
				baseline: base
					? `${fixed(base.growth / 1024, 1)} KB${base.measured.length !== measured.length ? ` (${base.measured.map((n) => int(n)).join(' / ')})` : ''}`
					: '',
				ratio: base ? ratio(growth, base.growth) : '',
				target: `≤ items' own ${fixed(items / 1024, 1)} KB`,
				result: verdict(growth <= items),
			});
		}
		const fromTrigger = growthOf(setup, 'trigger');
		if (fromTrigger) {
			rows.push({
				metric: `${LABEL[setup]}: the same, items straight from a trigger (no pairedItem)`,
				ours: `${fixed(fromTrigger.growth / 1024, 1)} KB`,
				baseline: '',
				ratio: '',
				target: `info: items' own ${fixed(fromTrigger.items / 1024, 1)} KB`,
				result: 'info',
			});
		}
	}

	for (const n of sizes) {
		const parts: string[] = [];
		const harness = find('harness', n);
		const harnessMem = find('harness', n, 'memory');
		if (harness) {
			parts.push(
				`harness alone (a pass-through node through the same WorkflowExecute) ${fixed(cpuPerItemUs(harness), 1)} µs CPU per item` +
					(harnessMem ? `, peak live heap above the items ${mb(extraHeap(harnessMem))}` : ''),
			);
		}
		const transport = find('transport', n);
		if (transport) {
			parts.push(
				`sending alone (the same bulk bodies, built beforehand, through the MoEngage client and n8n's HTTP helper in the same harness: ` +
					`${int(transport.sandbox.requests)} requests) ${fixed(cpuPerItemUs(transport), 1)} µs CPU per item`,
			);
		}
		const bulk = find('bulkImport', n);
		const track = find('eventTrack', n);
		const base = find('baseline', n);
		if (bulk) parts.push(`Bulk → Import took ${fixed(bulk.wallMs / 1000, 2)} s, peak RSS ${mb(bulk.maxRss)} (${mb(bulk.rssBefore)} before the run)`);
		if (track) parts.push(`Event → Track took ${fixed(track.wallMs / 1000, 2)} s, peak RSS ${mb(track.maxRss)}`);
		if (base) parts.push(`the baseline took ${fixed(base.wallMs / 1000, 2)} s, peak RSS ${mb(base.maxRss)} (${mb(base.rssBefore)} before)`);
		if (parts.length) notes.push(`${int(n)} items: ${parts.join('; ')}.`);
	}
	const anyBulk = results.find((r) => r.mode === 'bulkImport' && r.sandbox.bulk.requests > 0);
	if (anyBulk) {
		const largest = Math.max(...results.filter((r) => r.mode !== 'baseline').map((r) => r.sandbox.maxBytes));
		notes.push(
			`Minimum requests = ⌈Σ(element bytes + 1 comma) ÷ (100,000 − envelope + 1)⌉ over the elements the sandbox received; ` +
				`envelope ${anyBulk.sandbox.bulk.envelopeMax} bytes. "100 KB" is 100,000 bytes, the node's limit ` +
				`(the sandbox refuses bodies over 102,400); largest body seen ${int(largest)} bytes. The last request of a run carries what is left, so fill is judged on the others.`,
		);
	}
	notes.push(
		'Bulk → Import: each item is already a MoEngage event element (Element Source: Whole Input Item), no expressions. ' +
			'Event → Track: Customer ID, Event Name, Attributes (JSON) and User Time mapped from the item with plain `{{ $json.field }}` expressions, as set up in the editor; ' +
			'the items are the same events, not yet in MoEngage\'s shape. Expressions that compute something were not measured.',
		`Baseline: one POST /v1/event per item with undici, ${BASELINE_CONCURRENCY} keep-alive connections in flight ` +
			"(n8n's HTTP Request node v4 starts every item's request at once; request count and sizes do not depend on that). " +
			"Its CPU is the load generator's own: building each body and sending it.",
		"The baseline's memory pass stops at 10,000 items: it sends as it goes, so its memory does not grow with the count, and its 100,000-item run takes about a minute.",
		'CPU: user + system time of the measuring process (process.cpuUsage) around the run, all its threads; the sandbox runs in another process; no memory sampling during timed runs. ' +
			`Each measurement runs in a fresh process after ${warmUpText(sizes, find)} (the HTTP path is optimised as in a long-running n8n: after one such run, V8 went on optimising during the next few timed runs). ` +
			`"CPU per item" is the median of several steady runs that follow (${steadyRunCounts(sizes, find)}), each with freshly built items and no forced GC: the node as a long-running n8n runs it again and again, with the collections V8 chooses to make counted where they fall. ` +
			'"First run after a full GC" is one more run after those, 250 ms after a forced full GC (whose background sweeping is the bench\'s own): a full GC also discards the machine code V8 optimised around objects that have died since (deopt reason "embedded weak objects cleared"), so that run re-optimises the node, n8n-core and the HTTP path as it goes, a fixed cost of 15 to 30 ms that weighs most at 1,000 items. In n8n it falls on the first execution after a major GC. ' +
			'It comes last because the re-optimising goes on for several runs: after a forced full GC, the next eight or so 1,000-item runs cost up to twice the settled figure (steady runs that followed it measured that, not the node). ' +
			'Memory comes from a separate run of the same size ' +
			'(memory pass) that forces a full GC before each sample: at nearly every await of the run (1 ms or more apart, and at least as long as the last of these collections took, so they take at most half the run), and once when the run ends with its output still held, ' +
			'so it counts live data: heapUsed + arrayBuffers above the heap with the items built. The items\' own size is the heap they retain; they are built through JSON.parse, as items usually reach a node (flat strings; built by concatenation, their strings were flattened during the run and counted there). ' +
			'Each item carries the pairedItem of the node before it, as every item does that reaches a node other than the first (n8n-core gives each node\'s output one: WorkflowExecute.assignPairedItems); its size counts with the item\'s. ' +
			'Nothing is sent before every item is checked, so the node holds every checked element until its request is sent (its JSON text is made only then); once sent, the item\'s output item takes its place. ' +
			'n8n-core adds about 80 bytes per input item while a node runs (WorkflowExecute.addPairedItemLineage copies each input item with a new pairedItem), so the peak comes as the last request goes out: n8n-core\'s copies and nearly every output item at once. ' +
			'Items straight from a trigger have no pairedItem, so each of n8n-core\'s copies also needs a block of its own for the added property (about 40 bytes more): the "straight from a trigger" rows measure that, for information.',
	);
	return {
		title: '1. Bulk sending',
		method:
			"Event items through the MoEngage Data node in-process (n8n-core WorkflowExecute, n8n's HTTP helpers) to the sandbox in a child process over loopback HTTP, against one request per item sent with undici",
		rows,
		notes,
	};
}
