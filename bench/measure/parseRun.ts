/* eslint-disable @n8n/community-nodes/no-restricted-imports -- bench tooling, never shipped */
/**
 * Streams parsing, in a fresh process: batches made by the sandbox's Streams generator, as raw
 * Buffers, through the trigger's `webhook()` (default parameters) and through the baseline
 * (bare JSON.parse and a split into one item per event), interleaved batch by batch.
 */
import { join } from 'node:path';

import type { INodeExecutionData, IWebhookResponseData } from 'n8n-workflow';

import { MoEngageStreamsTrigger } from '../../nodes/MoEngageStreamsTrigger/MoEngageStreamsTrigger.node';
import { makeWebhookContextFactory } from '../support/fakeWebhook';
import { collectGarbage, isolatedMain } from '../support/isolated';
import { PROJECT_DIR } from '../support/project';
import { median, percentile } from '../support/stats';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandbox = require(join(PROJECT_DIR, 'sandbox')) as typeof import('../../sandbox');

export interface ParseRunInput {
	eventsPerBatch: number;
	/** distinct batches (every event has its own event_uuid across the pool) */
	pool: number;
	/** measured batches per method */
	iterations: number;
	warmup: number;
}

export interface ParseTimes {
	medianMs: number;
	p90Ms: number;
	itemsOut: number;
}

export interface ParseRunOutput {
	eventsPerBatch: number;
	batchBytes: number;
	ours: ParseTimes;
	baseline: ParseTimes;
	/** when the trigger did not return one item per event */
	problem?: string;
}

type Method = (raw: Buffer) => Promise<INodeExecutionData[]>;

function baseline(raw: Buffer): INodeExecutionData[] {
	const batch = JSON.parse(raw.toString('utf8')) as { app_name: string; moe_request_id: string; events: object[] };
	const { app_name, moe_request_id } = batch;
	return batch.events.map((e) => ({ json: { ...e, app_name, moe_request_id } }));
}

/** The trigger's first output ("Events"); a second one holds rejected events. */
function outputItems(data: IWebhookResponseData): INodeExecutionData[] {
	return data.workflowData?.[0] ?? [];
}

isolatedMain<ParseRunInput, ParseRunOutput>(async (input) => {
	const pool: Buffer[] = [];
	for (let i = 0; i < input.pool; i++) {
		pool.push(Buffer.from(JSON.stringify(sandbox.makeStreamsBatch({ events: input.eventsPerBatch }))));
	}
	const trigger = new MoEngageStreamsTrigger();
	const contextFor = makeWebhookContextFactory(trigger);
	const ours: Method = async (raw) => outputItems(await trigger.webhook.call(contextFor({ rawBody: raw }).ctx));
	const base: Method = async (raw) => baseline(raw);

	// Check the trigger does the same job as the baseline before timing it.
	const check = await ours(pool[0]);
	const problem =
		check.length === input.eventsPerBatch
			? undefined
			: `the trigger returned ${check.length} items for ${input.eventsPerBatch} events (default parameters)`;

	let next = 0;
	const take = () => pool[next++ % pool.length];
	for (let i = 0; i < input.warmup; i++) {
		await ours(take());
		await base(take());
	}
	collectGarbage();
	const times = { ours: [] as number[], baseline: [] as number[] };
	let itemsOurs = 0;
	let itemsBase = 0;
	for (let i = 0; i < input.iterations; i++) {
		// Alternate which method goes first, so neither always inherits the other's garbage.
		const order: Array<['ours' | 'baseline', Method]> =
			i % 2 === 0 ? [['ours', ours], ['baseline', base]] : [['baseline', base], ['ours', ours]];
		const raw = take();
		for (const [name, method] of order) {
			const t0 = performance.now();
			const out = await method(raw);
			times[name].push(performance.now() - t0);
			if (name === 'ours') itemsOurs += out.length;
			else itemsBase += out.length;
		}
	}
	const summary = (list: number[], items: number): ParseTimes => ({
		medianMs: median(list),
		p90Ms: percentile(list, 90),
		itemsOut: items,
	});
	return {
		eventsPerBatch: input.eventsPerBatch,
		batchBytes: Math.round(pool.reduce((a, b) => a + b.length, 0) / pool.length),
		ours: summary(times.ours, itemsOurs),
		baseline: summary(times.baseline, itemsBase),
		problem,
	};
});
