/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- bench tooling, never shipped */
/**
 * The MoEngage sandbox in its own process (started by sandboxProcess.ts with child_process.fork),
 * so that the CPU time and memory measured in the bench process hold only the client's work.
 *
 * It answers IPC messages: `stats`, `clear`, `setRateLimits`. Recorded requests are digested as
 * they complete (element sizes of bulk imports, accepted events, status) and their bodies and
 * headers are dropped, so a 100,000-request run stays small.
 */
import { join } from 'node:path';

import type { RecordedRequest, Sandbox, SandboxOptions } from '../../sandbox';
import { PROJECT_DIR } from './project';
import type { SandboxStats, SandboxRequestSummary, ToSandbox, FromSandbox } from './sandboxProtocol';

// The sandbox is plain CommonJS that is not compiled into the bench build: load it from the project.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require(join(PROJECT_DIR, 'sandbox')) as typeof import('../../sandbox');

function emptyStats(): SandboxStats {
	return {
		requests: 0,
		byRoute: {},
		byStatus: {},
		bytes: 0,
		maxBytes: 0,
		acceptedEvents: 0,
		acceptedItems: 0,
		duplicateAccepted: 0,
		rejectedElements: 0,
		bulk: { requests: 0, bytes: 0, elements: 0, elementBytes: 0, envelopeMin: Infinity, envelopeMax: 0, lastBytes: 0, lastIndex: -1 },
		timeline: [],
	};
}

function byteLength(value: unknown): number {
	return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

class Digest {
	stats = emptyStats();
	private next = 0;
	private nextAccepted = 0;
	private readonly pending = new Set<RecordedRequest>();
	private readonly eventsByRequest = new Map<number, number>();
	private readonly usersByRequest = new Map<number, number>();
	/** `kind customer_id` of every user and event accepted, to find any accepted twice */
	private readonly seen = new Set<string>();

	constructor(
		private readonly sb: Sandbox,
		private readonly keepTimeline: boolean,
	) {}

	/** Takes every request that completed since the last call into the figures. */
	run(): void {
		const all = this.sb.requests;
		while (this.next < all.length) this.pending.add(all[this.next++]);
		// A request's accepted items are listed before it is answered, so count them first.
		this.countAccepted();
		for (const rec of this.pending) {
			if (rec.status === 0 && rec.durationMs === undefined) continue; // still in flight
			this.pending.delete(rec);
			this.take(rec);
		}
	}

	clear(): void {
		this.run();
		this.stats = emptyStats();
		this.pending.clear();
		this.eventsByRequest.clear();
		this.usersByRequest.clear();
		this.seen.clear();
		this.next = 0;
		this.nextAccepted = 0;
		this.sb.clearRequests();
	}

	private take(rec: RecordedRequest): void {
		const s = this.stats;
		const route = rec.route ?? 'other';
		s.requests++;
		s.byRoute[route] = (s.byRoute[route] ?? 0) + 1;
		s.byStatus[rec.status] = (s.byStatus[rec.status] ?? 0) + 1;
		s.bytes += rec.bytes;
		s.maxBytes = Math.max(s.maxBytes, rec.bytes);
		s.acceptedItems += rec.acceptedCount;
		s.rejectedElements += rec.rejectedElements?.length ?? 0;
		const events = this.eventsByRequest.get(rec.index) ?? 0;
		this.eventsByRequest.delete(rec.index);
		const users = this.usersByRequest.get(rec.index) ?? 0;
		this.usersByRequest.delete(rec.index);
		let tag = '';
		s.acceptedEvents += events;
		if (route === 'transition' && rec.body && typeof rec.body === 'object') {
			const elements = (rec.body as { elements?: unknown[] }).elements ?? [];
			const first = elements[0] as { customer_id?: unknown } | undefined;
			if (typeof first?.customer_id === 'string') tag = first.customer_id.split('-')[0];
			let elementBytes = 0;
			for (const element of elements) elementBytes += byteLength(element);
			// Body = envelope + elements joined by commas: what is left is the envelope.
			const envelope = rec.bytes - elementBytes - Math.max(0, elements.length - 1);
			s.bulk.requests++;
			s.bulk.bytes += rec.bytes;
			s.bulk.elements += elements.length;
			s.bulk.elementBytes += elementBytes;
			s.bulk.envelopeMin = Math.min(s.bulk.envelopeMin, envelope);
			s.bulk.envelopeMax = Math.max(s.bulk.envelopeMax, envelope);
			if (rec.index > s.bulk.lastIndex) {
				s.bulk.lastIndex = rec.index;
				s.bulk.lastBytes = rec.bytes;
			}
		}
		if (this.keepTimeline) {
			const summary: SandboxRequestSummary = {
				at: rec.receivedAt,
				ms: rec.durationMs ?? 0,
				status: rec.status,
				route,
				bytes: rec.bytes,
				events,
				users,
				tag,
			};
			s.timeline.push(summary);
		}
		// Keep the record (sb.accepted() refers to it by index) but drop what weighs.
		rec.rawBody = '';
		rec.body = undefined;
		rec.headers = {};
		rec.response = undefined;
	}

	/** Counts, per request index, the events accepted since the last pass. */
	private countAccepted(): void {
		const accepted = this.sb.accepted();
		for (; this.nextAccepted < accepted.length; this.nextAccepted++) {
			const item = accepted[this.nextAccepted];
			if (item.kind !== 'event' && item.kind !== 'customer') continue;
			const counts = item.kind === 'event' ? this.eventsByRequest : this.usersByRequest;
			counts.set(item.requestIndex, (counts.get(item.requestIndex) ?? 0) + 1);
			if (!this.keepTimeline) continue;
			const key = `${item.kind} ${String(item.customer_id)}`;
			if (this.seen.has(key)) this.stats.duplicateAccepted++;
			else this.seen.add(key);
		}
	}
}

async function main(): Promise<void> {
	const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions & { timeline?: boolean };
	const { timeline, ...sandboxOptions } = options;
	const sb = await startSandbox({ ...sandboxOptions, recordBodies: true });
	const digest = new Digest(sb, timeline === true);
	const timer = setInterval(() => digest.run(), 100);
	timer.unref();

	const send = (message: FromSandbox) => process.send?.(message);
	process.on('message', (message: ToSandbox) => {
		switch (message.type) {
			case 'stats':
				digest.run();
				send({ type: 'stats', id: message.id, stats: digest.stats });
				break;
			case 'clear':
				digest.clear();
				send({ type: 'done', id: message.id });
				break;
			case 'setRateLimits':
				sb.setRateLimits(message.limits);
				send({ type: 'done', id: message.id });
				break;
		}
	});
	process.on('disconnect', () => {
		clearInterval(timer);
		void sb.close().then(() => process.exit(0));
	});
	send({
		type: 'ready',
		info: {
			url: sb.url,
			workspaceId: sb.workspaceId,
			dataApiKey: sb.dataApiKey,
			businessEventsApiKey: sb.businessEventsApiKey,
		},
	});
}

main().catch((error) => {
	process.stderr.write(`bench sandbox: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
