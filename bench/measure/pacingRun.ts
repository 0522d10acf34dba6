/* eslint-disable @n8n/community-nodes/no-restricted-globals -- bench tooling, never shipped */
/**
 * One pacing measurement, in a fresh process: the sandbox (another process) enforces a scaled-down
 * event limit; the Data node paced to the same limit, or the baseline (undici, same bulk bodies,
 * no pacing, waits out each 429's Retry-After and sends again), sends `windows` windows' worth.
 */
import { packBodies } from '../support/bulkBodies';
import { itemsFor, runDataNode } from '../support/dataNode';
import { makeEventItems } from '../support/events';
import { isolatedMain } from '../support/isolated';
import { dataApiHeaders, LoadGenerator } from '../support/loadGenerator';
import type { SandboxRequestSummary } from '../support/sandboxProtocol';
import { startSandboxProcess } from '../support/sandboxProcess';

export interface PacingRunInput {
	mode: 'node' | 'baseline';
	eventsPerWindow: number;
	windowMs: number;
	/** events sent = windows × eventsPerWindow */
	windows: number;
}

export interface PacingRunOutput {
	mode: 'node' | 'baseline';
	events: number;
	wallMs: number;
	errorItems: number;
	error?: string;
	timeline: SandboxRequestSummary[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

isolatedMain<PacingRunInput, PacingRunOutput>(async (input) => {
	const sb = await startSandboxProcess({
		rateLimits: { dataEventsPerWindow: input.eventsPerWindow, dataWindowMs: input.windowMs, dataUsersPerWindow: 1e12 },
		timeline: true,
	});
	try {
		const events = input.windows * input.eventsPerWindow;
		const items = itemsFor('bulkImport', makeEventItems(events));
		let errorItems = 0;
		let error: string | undefined;
		const t0 = performance.now();
		if (input.mode === 'node') {
			const outcome = await runDataNode(sb, 'bulkImport', items, {
				eventsPerMinute: (input.eventsPerWindow * 60_000) / input.windowMs,
				rateWindowSeconds: input.windowMs / 1000,
			});
			errorItems = outcome.errorItems;
			error = outcome.error;
		} else {
			const bodies = packBodies(items.map((item) => item.json));
			const generator = new LoadGenerator(sb.url, 1);
			const result = await generator.run(bodies.length, (i) => ({ path: `/v1/transition/${sb.workspaceId}`, body: bodies[i] }), {
				concurrency: 1,
				headers: dataApiHeaders(sb.workspaceId, sb.dataApiKey),
				onResponse: async (status, headers) => {
					if (status !== 429) return 'next';
					const seconds = Number(headers['retry-after'] ?? 1);
					await sleep((Number.isFinite(seconds) ? seconds : 1) * 1000);
					return 'again';
				},
			});
			await generator.close();
			errorItems = Object.entries(result.byStatus)
				.filter(([status]) => status !== '200' && status !== '429')
				.reduce((a, [, n]) => a + n, 0);
		}
		const wallMs = performance.now() - t0;
		const stats = await sb.stats();
		return { mode: input.mode, events, wallMs, errorItems, error, timeline: stats.timeline };
	} finally {
		await sb.close();
	}
});
