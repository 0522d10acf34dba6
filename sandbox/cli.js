#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Starts the MoEngage sandbox from the command line:
 *   node sandbox/cli.js [--port N] [--quiet]
 * Prints the URL and the sandbox keys, logs requests, stops on SIGINT/SIGTERM.
 */
const { startSandbox } = require('./index');

/**
 * @param {string[]} argv
 */
function parseArgs(argv) {
	let port = 0;
	let quiet = false;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--port' || a.startsWith('--port=')) {
			const raw = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
			port = Number(raw);
			if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${raw}`);
		} else if (a === '--quiet') {
			quiet = true;
		} else if (a === '--help' || a === '-h') {
			process.stdout.write('usage: node sandbox/cli.js [--port N] [--quiet]\n');
			process.exit(0);
		} else {
			throw new Error(`unknown argument ${a}`);
		}
	}
	return { port, quiet };
}

async function main() {
	const { port, quiet } = parseArgs(process.argv.slice(2));
	const sb = await startSandbox({
		port,
		log: quiet ? undefined : (line) => process.stdout.write(`[sandbox] ${line}\n`),
	});
	process.stdout.write(
		[
			'MoEngage sandbox listening',
			`  url:                    ${sb.url}`,
			`  workspace id:           ${sb.workspaceId}`,
			`  Data API key:           ${sb.dataApiKey}`,
			`  Business Events key:    ${sb.businessEventsApiKey}`,
			`  Inform key:             ${sb.informApiKey}`,
			`  Inform test base URL:   ${sb.informTestUrl}`,
			'Ctrl+C to stop.',
			'',
		].join('\n'),
	);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		sb.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	process.stderr.write(`sandbox: ${err && err.message ? err.message : err}\n`);
	process.exit(1);
});
