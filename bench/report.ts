/* eslint-disable @n8n/community-nodes/no-restricted-imports -- bench tooling, never shipped */
/**
 * The benchmark report: one table (metric, ours, baseline, ratio, target, result) per case, with
 * the machine, the versions and the date. The same text is printed and written to RESULTS.md.
 */
import { cpus, totalmem, release, platform, arch, loadavg } from 'node:os';

export type Verdict = 'pass' | 'fail' | 'info' | 'not run';

export interface Row {
	metric: string;
	ours: string;
	baseline: string;
	/** ours / baseline, already formatted ('' when it means nothing) */
	ratio: string;
	target: string;
	result: Verdict;
}

export interface CaseReport {
	title: string;
	/** one line: what was measured and how */
	method: string;
	rows: Row[];
	notes: string[];
	seconds?: number;
}

export interface Environment {
	date: string;
	cpu: string;
	cores: number;
	memoryGb: number;
	os: string;
	versions: Record<string, string>;
	command: string;
	/** 1-minute load average when the run started and when it ended (other work on the machine) */
	load: { start: number; end: number };
}

export function loadNow(): number {
	return Math.round(loadavg()[0] * 100) / 100;
}

export function environment(versions: Record<string, string>, command: string, loadAtStart: number): Environment {
	const list = cpus();
	return {
		date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
		cpu: list[0]?.model.trim() ?? 'unknown',
		cores: list.length,
		memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
		os: `${platform()} ${release()} ${arch()}`,
		versions,
		command,
		load: { start: loadAtStart, end: loadNow() },
	};
}

function cell(value: string): string {
	return value.replace(/\|/g, '\\|');
}

function table(rows: Row[]): string[] {
	const header = ['metric', 'ours', 'baseline', 'ratio', 'target', 'result'];
	const body = rows.map((r) => [r.metric, r.ours, r.baseline, r.ratio, r.target, r.result.toUpperCase()].map(cell));
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
}

export function render(env: Environment, reports: CaseReport[]): string {
	const versions = Object.entries(env.versions)
		.map(([name, version]) => `${name} ${version}`)
		.join(', ');
	const verdicts = reports.flatMap((r) => r.rows.map((row) => row.result));
	const count = (v: Verdict) => verdicts.filter((x) => x === v).length;
	const out: string[] = [
		'# Benchmark results',
		'',
		`Written by \`${env.command}\` (scripts/bench.mjs). Do not edit by hand: run it again.`,
		'',
		`- Date: ${env.date}`,
		`- Machine: ${env.cpu}, ${env.cores} cores, ${env.memoryGb} GB memory, ${env.os}; ` +
			`load average ${env.load.start} at the start, ${env.load.end} at the end (1 min; other work on the machine)`,
		`- Versions: ${versions}`,
		`- Summary: ${count('pass')} pass, ${count('fail')} fail, ${count('not run')} not run, ${count('info')} for information`,
		'',
	];
	for (const report of reports) {
		out.push(`## ${report.title}`, '');
		out.push(report.method + (report.seconds !== undefined ? ` (${Math.round(report.seconds)} s)` : ''), '');
		out.push(...table(report.rows), '');
		for (const note of report.notes) out.push(`- ${note}`);
		if (report.notes.length) out.push('');
	}
	return out.join('\n');
}

// ---- number formatting ------------------------------------------------------------------------

export function int(n: number): string {
	return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
}

export function fixed(n: number, digits = 1): string {
	return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';
}

export function pct(share: number, digits = 1): string {
	return Number.isFinite(share) ? `${fixed(share * 100, digits)} %` : '–';
}

export function mb(bytes: number, digits = 1): string {
	return Number.isFinite(bytes) ? `${fixed(bytes / 2 ** 20, digits)} MB` : '–';
}

/** ours ÷ baseline as "0.12×". */
export function ratio(ours: number, baseline: number): string {
	if (!Number.isFinite(ours) || !Number.isFinite(baseline) || baseline === 0) return '';
	const r = ours / baseline;
	const digits = r >= 100 ? 0 : r >= 10 ? 1 : r >= 0.1 ? 2 : 3;
	return `${fixed(r, digits)}×`;
}

export function verdict(ok: boolean | undefined): Verdict {
	return ok === undefined ? 'not run' : ok ? 'pass' : 'fail';
}
