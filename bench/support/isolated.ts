/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- bench tooling, never shipped */
/**
 * Runs one measurement in a fresh Node process (same Node as the bench, `--expose-gc`), so that
 * peak memory and CPU time belong to that measurement alone.
 *
 * Parent:  const out = await runIsolated<In, Out>('measure/bulkRun.js', input);
 * Child:   isolatedMain<In, Out>(async (input) => ...);
 */
import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { compiled, PROJECT_DIR } from './project';

/**
 * n8n-core writes its instance settings under N8N_USER_FOLDER (test/support/runNode.ts otherwise
 * makes a temporary folder per process): one git-ignored folder serves every bench process.
 */
const N8N_USER_FOLDER = join(PROJECT_DIR, '.cache', 'bench-n8n-user');

export function runIsolated<In, Out>(entry: string, input: In): Promise<Out> {
	return new Promise((resolve, reject) => {
		mkdirSync(N8N_USER_FOLDER, { recursive: true });
		// The child's stdout goes to our stderr: stdout carries the report only.
		const child = fork(compiled(entry), [], {
			stdio: ['ignore', process.stderr, 'inherit', 'ipc'],
			execArgv: ['--expose-gc'],
			env: { ...process.env, N8N_USER_FOLDER },
		});
		let result: { ok: true; value: Out } | { ok: false; error: string } | undefined;
		child.on('message', (message: { type: string; value?: Out; error?: string }) => {
			if (message.type === 'result') result = { ok: true, value: message.value as Out };
			else if (message.type === 'error') result = { ok: false, error: message.error ?? 'unknown error' };
		});
		child.once('error', reject);
		child.once('exit', (code) => {
			if (result?.ok) resolve(result.value);
			else reject(new Error(result ? result.error : `${entry} exited with code ${code} and no result`));
		});
		child.send({ type: 'input', value: input });
	});
}

export function isolatedMain<In, Out>(run: (input: In) => Promise<Out>): void {
	process.once('message', (message: { type: string; value: In }) => {
		run(message.value).then(
			(value) => process.send?.({ type: 'result', value }, () => process.exit(0)),
			(error: unknown) =>
				process.send?.(
					{ type: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
					() => process.exit(1),
				),
		);
	});
}

/** Full garbage collection (the measurement processes run with --expose-gc). */
export function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc) {
		gc();
		gc();
	}
}

export interface MemorySampler {
	/** highest heapUsed + arrayBuffers seen, bytes */
	peakHeap: number;
	/** highest rss seen, bytes */
	peakRss: number;
	/** takes a sample now (e.g. while a run's output is still held) */
	sample(): void;
	stop(): void;
}

/**
 * Samples memory every `everyMs` (and once at start/stop); with `everyMs` 0, only when asked
 * and at start/stop: process.memoryUsage() walks the heap, and sampling every few milliseconds
 * would add its own CPU to a timed run.
 *
 * With `live`, each sample runs a full GC first, so the heap figures are live data, not garbage
 * waiting for collection. A full GC takes tens of milliseconds on a big heap, so the next sample
 * waits at least as long as the last GC took: the run spends at most half its time in these
 * collections. It costs CPU and wall time: use it in a separate memory pass, never while timing.
 * A timer fires only when the run awaits, so a small `everyMs` samples at (nearly) every await:
 * the peak of a node that checks every item before its first request is at that first await.
 */
export function sampleMemory(everyMs = 5, live = false): MemorySampler {
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	const take = () => {
		const t0 = performance.now();
		if (live) (globalThis as { gc?: () => void }).gc?.();
		const gcMs = performance.now() - t0;
		const m = process.memoryUsage();
		sampler.peakHeap = Math.max(sampler.peakHeap, m.heapUsed + m.arrayBuffers);
		sampler.peakRss = Math.max(sampler.peakRss, m.rss);
		return gcMs;
	};
	const schedule = (gcMs: number) => {
		if (stopped || everyMs <= 0) return;
		timer = setTimeout(() => schedule(take()), Math.max(everyMs, gcMs));
	};
	const sampler: MemorySampler = {
		peakHeap: 0,
		peakRss: 0,
		sample: () => {
			take();
		},
		stop: () => {
			stopped = true;
			if (timer) clearTimeout(timer);
			take();
		},
	};
	schedule(take());
	return sampler;
}
