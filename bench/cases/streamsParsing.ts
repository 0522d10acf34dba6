/**
 * Case 3: the Streams trigger's `webhook()` on batches of 100 and 1,000 events against bare
 * JSON.parse plus a split into items. Target: within 2× of the baseline, ≥ 100,000 events/s.
 */
import type { BenchOptions } from '../main';
import type { CaseReport, Row } from '../report';
import { fixed, int, ratio, verdict } from '../report';
import { runIsolated } from '../support/isolated';
import type { ParseRunInput, ParseRunOutput } from '../measure/parseRun';

export async function runStreamsParsing(options: BenchOptions): Promise<CaseReport> {
	const rows: Row[] = [];
	const notes: string[] = [];
	const plans: ParseRunInput[] = [
		{ eventsPerBatch: 100, pool: 200, iterations: options.quick ? 300 : 3000, warmup: options.quick ? 100 : 500 },
		{ eventsPerBatch: 1000, pool: 30, iterations: options.quick ? 40 : 400, warmup: options.quick ? 10 : 50 },
	];
	for (const plan of plans) {
		options.say(`  parsing batches of ${plan.eventsPerBatch} events`);
		const out = await runIsolated<ParseRunInput, ParseRunOutput>('measure/parseRun.js', plan);
		const n = out.eventsPerBatch;
		const oursRate = n / (out.ours.medianMs / 1000);
		const baseRate = n / (out.baseline.medianMs / 1000);
		const within2x = out.ours.medianMs <= 2 * out.baseline.medianMs;
		const ok = out.problem === undefined;
		rows.push(
			{
				metric: `time per batch of ${int(n)} (median)`,
				ours: `${fixed(out.ours.medianMs * 1000, 0)} µs`,
				baseline: `${fixed(out.baseline.medianMs * 1000, 0)} µs`,
				ratio: ratio(out.ours.medianMs, out.baseline.medianMs),
				target: '≤ 2× baseline',
				result: verdict(ok && within2x),
			},
			{
				metric: `events a second, batches of ${int(n)}`,
				ours: int(oursRate),
				baseline: int(baseRate),
				ratio: ratio(oursRate, baseRate),
				target: '≥ 100,000',
				result: verdict(ok && oursRate >= 100_000),
			},
		);
		notes.push(
			`Batches of ${int(n)}: ${int(plan.iterations)} timed batches per method after ${int(plan.warmup)} warm-up, ` +
				`${int(out.batchBytes)} bytes each on average; p90 ${fixed(out.ours.p90Ms * 1000, 0)} µs ours, ` +
				`${fixed(out.baseline.p90Ms * 1000, 0)} µs baseline.`,
		);
		if (out.problem) notes.push(`Not comparable: ${out.problem}.`);
	}
	return {
		title: '3. Streams parsing',
		method:
			"In-process, one fresh process: batches from the sandbox's Streams generator (every documented event code, distinct event_uuid), as raw bodies, through the trigger's `webhook()` at version 1 (the node parses the raw bytes itself) with its default parameters (a minimal fake IWebhookFunctions), against the baseline `JSON.parse` + one item per event with app_name and moe_request_id, interleaved batch by batch",
		rows,
		notes,
	};
}
