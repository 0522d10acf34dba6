/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- bench tooling, never shipped */
/**
 * `npm run bench [-- --quick] [-- --only bulk,pacing,parse,n8n]`: runs the cases, prints the
 * report and writes the same text to bench/RESULTS.md (a quick or partial run writes
 * bench/tmp/RESULTS.<kind>.md instead, so it never replaces the full results).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
	const partial = args.quick || args.only.length !== Object.keys(CASES).length;
	const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
	const text = render(environment(versions, command, loadAtStart), reports);

	process.stdout.write(`\n${text}\n`);
	const file = partial
		? join(PROJECT_DIR, 'bench', 'tmp', `RESULTS.${args.quick ? 'quick' : 'partial'}.md`)
		: join(PROJECT_DIR, 'bench', 'RESULTS.md');
	mkdirSync(join(file, '..'), { recursive: true });
	writeFileSync(file, `${text}\n`);
	say(`written to ${file.slice(PROJECT_DIR.length + 1)} in ${Math.round((Date.now() - started) / 1000)} s`);
	// Targets missed are results, not errors; a case that could not run is an error.
	if (crashed > 0) process.exitCode = 1;
}

main().catch((error) => {
	process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
