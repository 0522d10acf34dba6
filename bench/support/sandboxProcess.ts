/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- bench tooling, never shipped */
/**
 * Starts the MoEngage sandbox in a child process and talks to it over IPC.
 *
 *   const sb = await startSandboxProcess({ rateLimits: { enabled: false } });
 *   ... send to sb.url ...
 *   const stats = await sb.stats();
 *   await sb.close();
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';

import type { RateLimits, SandboxOptions } from '../../sandbox';
import { compiled } from './project';
import type { FromSandbox, SandboxInfo, SandboxStats, ToSandbox } from './sandboxProtocol';

export interface SandboxProcess extends SandboxInfo {
	stats(): Promise<SandboxStats>;
	clear(): Promise<void>;
	setRateLimits(limits: Partial<RateLimits>): Promise<void>;
	close(): Promise<void>;
}

export interface SandboxProcessOptions extends Omit<SandboxOptions, 'log' | 'recordBodies'> {
	/** keep one summary per request (for pacing timelines) */
	timeline?: boolean;
}

export async function startSandboxProcess(options: SandboxProcessOptions = {}): Promise<SandboxProcess> {
	const child: ChildProcess = fork(compiled('support/sandboxChild.js'), [JSON.stringify(options)], {
		stdio: ['ignore', process.stderr, 'inherit', 'ipc'],
		execArgv: [],
	});
	let nextId = 1;
	const waiting = new Map<number, (message: FromSandbox) => void>();
	const info = await new Promise<SandboxInfo>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`sandbox process exited with code ${code}`)));
		child.on('message', (message: FromSandbox) => {
			if (message.type === 'ready') resolve(message.info);
			else waiting.get(message.id)?.(message);
		});
	});

	const ask = (message: Omit<ToSandbox, 'id'>): Promise<FromSandbox> =>
		new Promise((resolve) => {
			const id = nextId++;
			waiting.set(id, (answer) => {
				waiting.delete(id);
				resolve(answer);
			});
			child.send({ ...message, id } as ToSandbox);
		});

	return {
		...info,
		async stats() {
			const answer = await ask({ type: 'stats' });
			if (answer.type !== 'stats') throw new Error('sandbox process: unexpected answer');
			return answer.stats;
		},
		async clear() {
			await ask({ type: 'clear' });
		},
		async setRateLimits(limits) {
			await ask({ type: 'setRateLimits', limits } as Omit<ToSandbox, 'id'>);
		},
		async close() {
			child.removeAllListeners('exit');
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.disconnect();
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		},
	};
}
