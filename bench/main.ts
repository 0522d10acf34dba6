/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- bench tooling, never shipped */
/**
 * `npm run bench [-- --quick] [-- --only bulk,pacing,parse,n8n]`: runs the cases, prints the
 * report and writes the same text to bench/RESULTS.md. A run of some cases (`--only`) replaces
 * their sections there and carries the others over from the file, each marked with the run it
 * comes from; a quick run writes bench/tmp/RESULTS.quick.md instead.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CaseReport } from './report';
import { environment, loadNow, render } from './report';
import { PROJECT_DIR, packageVersion } from './support/project';
import { runBulkSending } from './cases/bulkSending';
import { runPacing } from './cases/pacing';
import { runStreamsParsing } from './cases/streamsParsing';
import { runInsideN8n } from './cases/insideN8n';

export interface BenchOptions {
	quick: boolean;
	/** n8n version run by the "inside n8n" case, filled in by it */
	n8nVersion?: string;
	say(message: string): void;
}

const CASES: Record<string, { title: string; run: (options: BenchOptions) => Promise<CaseReport> }> = {
	bulk: { title: '1. Bulk sending', run: runBulkSending },
	pacing: { title: '2. Pacing', run: runPacing },
	parse: { title: '3. Streams parsing', run: runStreamsParsing },
	n8n: { title: '4. Inside n8n', run: runInsideN8n },
};

function parseArgs(argv: string[]): { quick: boolean; only: string[] } {
	let quick = false;
	let only = Object.keys(CASES);
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--quick') quick = true;
		else if (arg === '--only' || arg.startsWith('--only=')) {
			const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
			only = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
			const unknown = only.filter((name) => !CASES[name]);
			if (unknown.length) throw new Error(`unknown case ${unknown.join(', ')}; cases: ${Object.keys(CASES).join(', ')}`);
		} else if (arg === '--help' || arg === '-h') {
			process.stdout.write(`usage: npm run bench [-- --quick] [-- --only ${Object.keys(CASES).join(',')}]\n`);
			process.exit(0);
		} else throw new Error(`unknown argument ${arg}`);
	}
	return { quick, only };
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const loadAtStart = loadNow();
	const say = (message: string) => process.stderr.write(`[bench ${Math.round((Date.now() - started) / 1000)}s] ${message}\n`);
	const options: BenchOptions = { quick: args.quick, say };

	const reports: CaseReport[] = [];
	let crashed = 0;
	for (const name of args.only) {
		const { title, run } = CASES[name];
		say(`${title}…`);
		const t0 = Date.now();
		try {
			reports.push({ ...(await run(options)), seconds: (Date.now() - t0) / 1000 });
		} catch (error) {
			crashed++;
			say(`${title} failed: ${error instanceof Error ? error.stack : String(error)}`);
			reports.push({
				title,
				method: 'The case did not complete.',
				rows: [{ metric: 'case', ours: '', baseline: '', ratio: '', target: '', result: 'not run' }],
				notes: [`Error: ${error instanceof Error ? error.message : String(error)}`],
				seconds: (Date.now() - t0) / 1000,
			});
		}
	}

	const pkg = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')) as { version: string };
	const versions: Record<string, string> = {
		'n8n-nodes-moengage': pkg.version,
		'Node (bench and in-process cases; n8n 2.41 needs 24)': process.versions.node,
		'n8n-core': packageVersion('n8n-core'),
		'n8n-workflow': packageVersion('n8n-workflow'),
		undici: packageVersion('undici'),
	};
	if (options.n8nVersion) versions['n8n (inside n8n case)'] = options.n8nVersion;
	const partial = args.only.length !== Object.keys(CASES).length;
	const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
	const text = render(environment(versions, command, loadAtStart), reports);

	process.stdout.write(`\n${text}\n`);
	const results = join(PROJECT_DIR, 'bench', 'RESULTS.md');
	const file = args.quick ? join(PROJECT_DIR, 'bench', 'tmp', 'RESULTS.quick.md') : results;
	mkdirSync(join(file, '..'), { recursive: true });
	const written = !args.quick && partial && existsSync(results) ? withCarriedOver(text, readFileSync(results, 'utf8'), Object.values(CASES).map((c) => c.title)) : text;
	writeFileSync(file, `${written}\n`);
	say(`written to ${file.slice(PROJECT_DIR.length + 1)} in ${Math.round((Date.now() - started) / 1000)} s`);
	// Targets missed are results, not errors; a case that could not run is an error.
	if (crashed > 0) process.exitCode = 1;
}

/** A report's sections by title (`## 1. Bulk sending`), and what comes before them. */
function sectionsOf(text: string): { head: string; sections: Map<string, string> } {
	const parts = text.split(/^(?=## )/m);
	const sections = new Map<string, string>();
	for (const part of parts.slice(1)) sections.set(part.slice(3, part.indexOf('\n')).trim(), part.trimEnd());
	return { head: parts[0], sections };
}

const CARRIED = /^_Carried over from the run of .*_$/m;

/**
 * The new report, with the sections it did not run taken from the previous RESULTS.md, in the
 * cases' order, each marked with the run it comes from (kept as it was when carried over again).
 */
function withCarriedOver(text: string, previous: string, order: string[]): string {
	const now = sectionsOf(text);
	const before = sectionsOf(previous);
	const date = /^- Date: (.*)$/m.exec(before.head)?.[1] ?? 'an earlier run';
	const command = /^Written by `([^`]*)`/m.exec(before.head)?.[1] ?? 'npm run bench';
	const machine = /^- Machine: (.*)$/m.exec(before.head)?.[1];
	const versions = /^- Versions: (.*)$/m.exec(before.head)?.[1];
	const context = [machine && `machine: ${machine}`, versions && `versions: ${versions}`].filter(Boolean).join('; ');
	const carried: string[] = [];
	const out = [now.head.trimEnd(), ''];
	for (const title of order) {
		const fresh = now.sections.get(title);
		if (fresh) {
			out.push(fresh, '');
			continue;
		}
		const old = before.sections.get(title);
		if (!old) continue;
		carried.push(title);
		if (CARRIED.test(old)) out.push(old, '');
		else {
			const [heading, ...rest] = old.split('\n');
			const note = `_Carried over from the run of ${date} (\`${command}\`), not run this time${context ? `; ${context}` : ''}._`;
			out.push([heading, '', note, ...rest].join('\n'), '');
		}
	}
	if (carried.length) out.splice(1, 0, `- Carried over from earlier runs (not in the summary above): ${carried.join(', ')}`);
	return out.join('\n').trimEnd();
}

main().catch((error) => {
	process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
