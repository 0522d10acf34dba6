/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- test tooling, never shipped */
/**
 * Captures what is logged or written while an action runs: every call to n8n's logger (winston,
 * with its metadata, as it is called: its console transport writes later, asynchronously), and
 * everything written to the console, stdout and stderr.
 *
 * Import this module first in a test file, so that loggers created later bind these wrappers
 * (winston's console transport binds `console.log` when it is created). The wrappers forward to
 * the real console unless a capture is running.
 */
import { format } from 'node:util';
import winston from 'winston';

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

let current: string[] | undefined;

for (const method of METHODS) {
	const original = console[method].bind(console);
	console[method] = (...args: unknown[]) => {
		if (current) current.push(format(...args.map((arg) => (typeof arg === 'string' ? arg : textOf(arg)))));
		else original(...args);
	};
}
for (const stream of [process.stdout, process.stderr]) {
	const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
	stream.write = ((chunk: unknown, ...rest: unknown[]) => {
		if (current) {
			current.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
			return true;
		}
		return original(chunk, ...rest);
	}) as typeof stream.write;
}

const loggerLog = winston.Logger.prototype.log as (this: unknown, ...args: unknown[]) => unknown;
winston.Logger.prototype.log = function (this: unknown, ...args: unknown[]) {
	if (current) current.push(format(...args.map((arg) => (typeof arg === 'string' ? arg : textOf(arg)))));
	return loggerLog.apply(this, args);
} as typeof winston.Logger.prototype.log;

/** Every string inside a value (own properties, enumerable or not: an Error's message, stack, cause). */
export function stringsIn(value: unknown, out: string[] = [], seen = new Set<unknown>(), depth = 0): string[] {
	if (typeof value === 'string') {
		out.push(value);
		return out;
	}
	if (value === null || typeof value !== 'object' || seen.has(value) || depth > 40) return out;
	seen.add(value);
	if (Buffer.isBuffer(value)) {
		out.push(value.toString('utf8'));
		return out;
	}
	for (const key of Object.getOwnPropertyNames(value)) {
		out.push(key);
		let child: unknown;
		try {
			child = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		stringsIn(child, out, seen, depth + 1);
	}
	return out;
}

function textOf(value: unknown): string {
	return stringsIn(value).join(' ');
}

/** Runs `action` with the output captured (and silenced); returns what was written. */
export async function capturingOutput<T>(action: () => Promise<T>): Promise<{ value: T; logs: string[] }> {
	const logs: string[] = [];
	current = logs;
	try {
		const value = await action();
		// Let the logger's transports finish writing what was logged (they are asynchronous).
		await new Promise((resolve) => setTimeout(resolve, 20));
		return { value, logs };
	} finally {
		current = undefined;
	}
}
