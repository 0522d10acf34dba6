/**
 * Case 2: pacing at MoEngage's per-endpoint limits, from 1, 2 and 4 n8n processes sharing one
 * workspace. The sandbox enforces the current reference's limits (Bulk Import 60,000 users and
 * 60,000 events a window, ...) in windows of 6 s instead of 60 s (time × 10); its rate-limit
 * headers say when a window resets to 0.1 s instead of 1 s, the same share of the window. The
 * node runs with its default Options: it paces at MoEngage's documented per-minute limits until
 * the sandbox's headers describe the workspace's window, then by those headers. Nothing in the
 * node knows the time is scaled. Baseline: the pacing of the previous release, its default rates
 * (10,000 events and 1,000 user updates a minute) scaled the same way, set as Options.
 */
import type { BenchOptions } from '../main';
import type { CaseReport, Row } from '../report';
import { fixed, int, pct, ratio, verdict } from '../report';
import { runIsolated } from '../support/isolated';
import type { SandboxRequestSummary } from '../support/sandboxProtocol';
import { startSandboxProcess } from '../support/sandboxProcess';
import type { PacingRunInput, PacingRunOutput, PacingSetup } from '../measure/pacingRun';

/** Time runs 10× faster than MoEngage's 60 s windows. */
const TIME_SCALE = 10;
const WINDOW_MS = 60_000 / TIME_SCALE;
const RESET_PRECISION_MS = 1000 / TIME_SCALE;
/** How long the processes get to load before they start together. */
const START_DELAY_MS = 4000;
/** Baseline runs send this many of the old rate's windows (its rate needs no more to measure). */
const BASELINE_WINDOWS = 2.5;

/** The previous release's default rates, per minute, and the same rates with time scaled. */
const OLD_DEFAULTS = { eventsPerMinute: 10_000, usersPerMinute: 1_000 };
const OLD_OPTIONS = {
	eventsPerMinute: OLD_DEFAULTS.eventsPerMinute * TIME_SCALE,
	usersPerMinute: OLD_DEFAULTS.usersPerMinute * TIME_SCALE,
	rateWindowSeconds: WINDOW_MS / 1000,
};

interface Setup {
	setup: PacingSetup;
	label: string;
	unit: 'events' | 'users';
	items: { full: number; quick: number };
	/** MoEngage's limit a window for what this setup sends (Bulk Import: batched, as by default) */
	limit: number;
	/** the baseline's rate a window, per process */
	oldRate: number;
}

const SETUPS: Setup[] = [
	{ setup: 'bulkImport', label: 'Bulk → Import', unit: 'events', items: { full: 100_000, quick: 100_000 }, limit: 60_000, oldRate: 10_000 },
	{ setup: 'eventTrack', label: 'Event → Track', unit: 'events', items: { full: 100_000, quick: 100_000 }, limit: 60_000, oldRate: 10_000 },
	{ setup: 'userUpsert', label: 'User → Create or Update', unit: 'users', items: { full: 20_000, quick: 20_000 }, limit: 60_000, oldRate: 1_000 },
];

const PROCESSES = { full: [1, 2, 4], quick: [1, 2] };

interface Measured {
	processes: PacingRunOutput[];
	timeline: SandboxRequestSummary[];
	sent: number;
	accepted: number;
	duplicates: number;
	wallMs: number;
}

export interface Throughput {
	/** share of the limit over the whole windows the run spanned (NaN with fewer than two) */
	share: number;
	windows: number;
	accepted: number;
	tooMany: number;
}

const unitsOf = (r: SandboxRequestSummary, unit: Setup['unit']) => (unit === 'events' ? r.events : r.users);

/**
 * Replays the sandbox's fixed windows from the accepted requests (a window starts at the first
 * accepted request at or after the previous start + window). Throughput = units accepted before
 * the last window started ÷ the time from the first window's start to the last's: a sender that
 * fills every window as soon as it opens scores 100 %, one that leaves gaps or half-empty
 * windows scores less. The last window is left out because it ends when the sender runs out.
 */
export function throughput(timeline: SandboxRequestSummary[], unit: Setup['unit'], limit: number, windowMs: number): Throughput {
	const accepted = timeline.filter((r) => r.status === 200 && unitsOf(r, unit) > 0).sort((a, b) => a.at - b.at);
	const starts: number[] = [];
	for (const r of accepted) if (starts.length === 0 || r.at >= starts[starts.length - 1] + windowMs) starts.push(r.at);
	const tooMany = timeline.filter((r) => r.status === 429).length;
	const total = accepted.reduce((a, r) => a + unitsOf(r, unit), 0);
	if (starts.length < 2) return { share: NaN, windows: starts.length, accepted: total, tooMany };
	const last = starts[starts.length - 1];
	const before = accepted.filter((r) => r.at < last).reduce((a, r) => a + unitsOf(r, unit), 0);
	return { share: before / (last - starts[0]) / (limit / windowMs), windows: starts.length, accepted: total, tooMany };
}

/** The most 429s one process got in one window of the run (by the tag its requests carry). */
function worst429sPerWindow(timeline: SandboxRequestSummary[], windowMs: number): number {
	if (timeline.length === 0) return 0;
	const start = Math.min(...timeline.map((r) => r.at));
	const counts = new Map<string, number>();
	for (const r of timeline) {
		if (r.status !== 429) continue;
		const key = `${r.tag} ${Math.floor((r.at - start) / windowMs)}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return Math.max(0, ...counts.values());
}

async function measure(setup: Setup, processes: number, items: number, options: Record<string, number>): Promise<Measured> {
	const sb = await startSandboxProcess({
		rateLimits: { dataWindowMs: WINDOW_MS, resetPrecisionMs: RESET_PRECISION_MS },
		timeline: true,
	});
	try {
		const sandbox = { url: sb.url, workspaceId: sb.workspaceId, dataApiKey: sb.dataApiKey, businessEventsApiKey: sb.businessEventsApiKey };
		const startAt = Date.now() + START_DELAY_MS;
		const share = Math.ceil(items / processes);
		const runs = Array.from({ length: processes }, (_, p) => {
			const input: PacingRunInput = { sandbox, setup: setup.setup, tag: `w${p}`, items: share, options, startAt };
			return runIsolated<PacingRunInput, PacingRunOutput>('measure/pacingRun.js', input);
		});
		const outputs = await Promise.all(runs);
		const stats = await sb.stats();
		const accepted = setup.unit === 'events' ? stats.acceptedEvents : stats.timeline.reduce((a, r) => a + r.users, 0);
		return {
			processes: outputs,
			timeline: stats.timeline,
			sent: share * processes,
			accepted,
			duplicates: stats.duplicateAccepted,
			wallMs: Math.max(...outputs.map((o) => o.wallMs)),
		};
	} finally {
		await sb.close();
	}
}

export async function runPacing(options: BenchOptions): Promise<CaseReport> {
	const rows: Row[] = [];
	const notes: string[] = [];
	const counts = options.quick ? PROCESSES.quick : PROCESSES.full;
	for (const setup of SETUPS) {
		const items = options.quick ? setup.items.quick : setup.items.full;
		for (const processes of counts) {
			const name = `${setup.label}, ${int(items)} ${setup.unit}, ${processes} process${processes > 1 ? 'es' : ''}`;
			options.say(`  pacing ${name}: ours`);
			const ours = await measure(setup, processes, items, {});
			const baselineItems = Math.round(setup.oldRate * processes * BASELINE_WINDOWS);
			options.say(`  pacing ${name}: baseline (${int(baselineItems)} ${setup.unit})`);
			const base = await measure(setup, processes, baselineItems, OLD_OPTIONS);

			const o = throughput(ours.timeline, setup.unit, setup.limit, WINDOW_MS);
			const b = throughput(base.timeline, setup.unit, setup.limit, WINDOW_MS);
			const failed = ours.processes.reduce((a, p) => a + p.errorItems, 0);
			const delivered = failed === 0 && ours.duplicates === 0 && ours.accepted === ours.sent;
			// A run that fits one window is never held by the limit: judged by finishing within it, with no 429.
			const oneWindow = !Number.isFinite(o.share);
			const oursRate = (ours.accepted / ours.wallMs) * WINDOW_MS;
			const baseRate = Number.isFinite(b.share) ? b.share * setup.limit : NaN;
			rows.push(
				{
					metric: `${name}: throughput / workspace limit`,
					ours: oneWindow ? `one window: ${fixed(ours.wallMs / 1000, 1)} s of ${WINDOW_MS / 1000} s` : pct(o.share),
					baseline: pct(b.share),
					ratio: oneWindow ? ratio(oursRate, baseRate) : ratio(o.share, b.share),
					target: oneWindow ? 'within one window' : '≥ 90 %',
					result: verdict(delivered && (oneWindow ? ours.wallMs <= WINDOW_MS && o.tooMany === 0 : o.share >= 0.9)),
				},
				{
					metric: `${name}: accepted exactly once / sent, failed items`,
					ours: `${int(ours.accepted)} / ${int(ours.sent)}, ${int(ours.duplicates)} twice, ${int(failed)} failed`,
					baseline: `${int(base.accepted)} / ${int(base.sent)}, ${int(base.duplicates)} twice`,
					ratio: '',
					target: 'all once, 0 failed',
					result: verdict(delivered),
				},
				{
					metric: `${name}: answers 429 (most for one process in one window)`,
					ours: `${int(o.tooMany)} (${int(worst429sPerWindow(ours.timeline, WINDOW_MS))})`,
					baseline: `${int(b.tooMany)} (${int(worst429sPerWindow(base.timeline, WINDOW_MS))})`,
					ratio: '',
					target: '≤ 1 per process per window',
					result: verdict(delivered && worst429sPerWindow(ours.timeline, WINDOW_MS) <= 1),
				},
			);
			const requests = ours.timeline.filter((r) => r.status === 200);
			const perRequest = requests.reduce((a, r) => a + unitsOf(r, setup.unit), 0) / Math.max(1, requests.length);
			const errors = ours.processes.map((p) => p.error).filter(Boolean);
			notes.push(
				`${name}: ${o.windows} sandbox window(s), run ${fixed(ours.wallMs / 1000, 1)} s, ${int(requests.length)} accepted requests ` +
					`(${fixed(perRequest, 0)} ${setup.unit} each on average); baseline ${int(base.sent)} ${setup.unit} in ${b.windows} windows, ` +
					`run ${fixed(base.wallMs / 1000, 1)} s.` +
					(errors.length ? ` Errors: ${errors.join('; ')}.` : ''),
			);
		}
	}
	notes.push(
		`Scale: the sandbox enforces MoEngage's per-endpoint limits per ${WINDOW_MS / 1000} s window instead of per minute (time × ${TIME_SCALE}; ` +
			`Bulk Import: 60,000 users and 60,000 events a window, Track User 10,000, Track Event 30,000), and says when a window resets ` +
			`to ${RESET_PRECISION_MS / 1000} s (MoEngage: whole seconds of a 60 s window). Every setup sends with Batch on (the default), so ` +
			'through Bulk Import. The node runs with its default Options, so it is paced by what the headers say: its own per-minute defaults ' +
			'(MoEngage\'s documented limits, per 60 s) only pace its first request.',
		`Processes: each is a fresh Node process running the node through n8n-core (its own pacer, as a queue-mode worker or another n8n ` +
			`instance), started together; the items are split evenly between them, each process's customer IDs tagged with its number. ` +
			'"Accepted exactly once" counts what the sandbox accepted per customer ID and kind; "failed" the output items that are not a success.',
		`Baseline: the previous release's pacing: its defaults (${int(OLD_DEFAULTS.eventsPerMinute)} events and ${int(OLD_DEFAULTS.usersPerMinute)} user ` +
			`updates a minute, per process) scaled the same way (Options: Events per Minute ${int(OLD_OPTIONS.eventsPerMinute)}, User Updates per Minute ` +
			`${int(OLD_OPTIONS.usersPerMinute)}, Rate Window ${OLD_OPTIONS.rateWindowSeconds} s), sending ${BASELINE_WINDOWS} of its windows' worth per process ` +
			'(its rate needs no more to measure). At those rates the workspace\'s headers never come near 0, so the current header steering ' +
			'does not engage: it paces as the previous release did. For a run within one window the ratio compares ours (items ÷ run time) with the baseline\'s rate.',
		"Throughput: the sandbox's fixed windows replayed from the accepted requests; units accepted before the last window opened ÷ the time " +
			"from the first window's start to the last's (the last window ends when the senders run out of items).",
	);
	return {
		title: '2. Pacing',
		method:
			"The Data node in 1, 2 and 4 processes at once (n8n-core, default Options) against one sandbox workspace (child process, loopback HTTP) enforcing MoEngage's per-endpoint limits with time scaled × 10, against the previous release's static pacing",
		rows,
		notes,
	};
}
