/**
 * Case 2: pacing. The sandbox enforces a scaled-down event limit (fixed windows, as MoEngage);
 * the Data node is set to the same limit. Target: ≥ 90 % of the limit, zero 429s.
 */
import type { BenchOptions } from '../main';
import type { CaseReport, Row } from '../report';
import { fixed, int, pct, ratio, verdict } from '../report';
import { runIsolated } from '../support/isolated';
import type { SandboxRequestSummary } from '../support/sandboxProtocol';
import type { PacingRunInput, PacingRunOutput } from '../measure/pacingRun';

const WINDOW_MS = 2_000;

/**
 * Two scaled-down limits. MoEngage's 10,000 events a minute with the window shortened to 2 s keeps
 * the real ratio of the limit to a full request (~400 events of 100 KB): time runs 30× faster.
 * 2,000 per 2 s also shrinks the limit, so only ~5 full requests fit a window.
 */
const LIMITS = [
	{ eventsPerWindow: 10_000, windows: { quick: 3, full: 5 }, label: "10,000 / 2 s (MoEngage's quota, 30× time)" },
	{ eventsPerWindow: 2_000, windows: { quick: 3, full: 6 }, label: '2,000 / 2 s' },
];

export interface Throughput {
	/** share of the limit over the whole windows the run spanned */
	share: number;
	windows: number;
	accepted: number;
	tooMany: number;
}

/**
 * Replays the sandbox's fixed windows from the accepted requests (a window starts at the first
 * accepted request at or after the previous start + window). Throughput = events accepted before
 * the last window started ÷ the time from the first window's start to the last's: a sender that
 * fills every window as soon as it opens scores 100 %, and one that leaves gaps or half-empty
 * windows scores less. The last window is left out because it ends when the sender runs out.
 */
export function throughput(timeline: SandboxRequestSummary[], limit: number, windowMs: number): Throughput {
	const accepted = timeline.filter((r) => r.status === 200 && r.events > 0).sort((a, b) => a.at - b.at);
	const starts: number[] = [];
	for (const r of accepted) if (starts.length === 0 || r.at >= starts[starts.length - 1] + windowMs) starts.push(r.at);
	const tooMany = timeline.filter((r) => r.status === 429).length;
	const total = accepted.reduce((a, r) => a + r.events, 0);
	if (starts.length < 2) return { share: NaN, windows: starts.length, accepted: total, tooMany };
	const last = starts[starts.length - 1];
	const before = accepted.filter((r) => r.at < last).reduce((a, r) => a + r.events, 0);
	const rate = before / (last - starts[0]);
	return { share: rate / (limit / windowMs), windows: starts.length, accepted: total, tooMany };
}

export async function runPacing(options: BenchOptions): Promise<CaseReport> {
	const rows: Row[] = [];
	const notes: string[] = [];
	for (const limit of LIMITS) {
		const windows = options.quick ? limit.windows.quick : limit.windows.full;
		const runs: PacingRunOutput[] = [];
		for (const mode of ['baseline', 'node'] as const) {
			options.say(`  pacing ${limit.label}: ${mode}, ${windows} windows' worth`);
			const input: PacingRunInput = { mode, eventsPerWindow: limit.eventsPerWindow, windowMs: WINDOW_MS, windows };
			runs.push(await runIsolated<PacingRunInput, PacingRunOutput>('measure/pacingRun.js', input));
		}
		const [base, ours] = runs;
		const b = throughput(base.timeline, limit.eventsPerWindow, WINDOW_MS);
		const o = throughput(ours.timeline, limit.eventsPerWindow, WINDOW_MS);
		const delivered = !ours.error && ours.errorItems === 0 && o.accepted === ours.events;
		const meanEvents = (run: PacingRunOutput) => {
			const ok = run.timeline.filter((r) => r.status === 200 && r.events > 0);
			return ok.reduce((a, r) => a + r.events, 0) / ok.length;
		};
		rows.push(
			{
				metric: `${limit.label}: throughput / limit`,
				ours: pct(o.share),
				baseline: pct(b.share),
				ratio: ratio(o.share, b.share),
				target: '≥ 90 %',
				result: verdict(delivered && o.share >= 0.9),
			},
			{
				metric: `${limit.label}: answers 429`,
				ours: int(o.tooMany),
				baseline: int(b.tooMany),
				ratio: '',
				target: '0',
				result: verdict(delivered && o.tooMany === 0),
			},
			{
				metric: `${limit.label}: events accepted / sent`,
				ours: `${int(o.accepted)} / ${int(ours.events)}`,
				baseline: `${int(b.accepted)} / ${int(base.events)}`,
				ratio: '',
				target: 'all',
				result: verdict(delivered),
			},
		);
		notes.push(
			`${limit.label}: ${int(ours.events)} event items (Bulk → Import), node options Events per Minute ` +
				`${int((limit.eventsPerWindow * 60_000) / WINDOW_MS)} and Rate Window ${WINDOW_MS / 1000} s; ${o.windows} sandbox windows for the node ` +
				`(run ${fixed(ours.wallMs / 1000, 1)} s, ${fixed(meanEvents(ours), 0)} events per request), ${b.windows} for the baseline ` +
				`(run ${fixed(base.wallMs / 1000, 1)} s, ${fixed(meanEvents(base), 0)} events per request).` +
				(ours.error ? ` Node error: ${ours.error}.` : ''),
		);
	}
	notes.push(
		"The sandbox counts events in fixed windows that start at the first accepted request, as MoEngage's quota does. " +
			"Throughput = events accepted before the last window opened ÷ time from the first window's start to the last's " +
			'(the last window ends when the sender runs out of items, so it is left out).',
		'Baseline: the same 100 KB bulk bodies sent one after another with undici, no pacing; each 429 is waited out (Retry-After) and the request sent again, as a client with retry-on-429 does.',
	);
	return {
		title: '2. Pacing',
		method:
			'The Data node in-process against the sandbox (child process, loopback HTTP) enforcing a scaled-down rate limit, against an unpaced client that retries after 429',
		rows,
		notes,
	};
}
