/** Messages between the bench and the sandbox process (sandboxChild.ts). */
import type { RateLimits } from '../../sandbox';

export interface SandboxInfo {
	url: string;
	workspaceId: string;
	dataApiKey: string;
	businessEventsApiKey: string;
}

/** One completed request, for timelines (pacing). */
export interface SandboxRequestSummary {
	/** arrival, epoch ms (same clock as the bench: same machine) */
	at: number;
	ms: number;
	status: number;
	route: string;
	bytes: number;
	/** event actions accepted by this request */
	events: number;
	/** users (customer elements) accepted by this request */
	users: number;
	/** what the first element's customer_id starts with, up to its first "-" (the pacing bench's process tag) */
	tag: string;
}

export interface SandboxStats {
	requests: number;
	byRoute: Record<string, number>;
	byStatus: Record<string, number>;
	bytes: number;
	maxBytes: number;
	/** event actions accepted (single events and bulk elements) */
	acceptedEvents: number;
	/** every accepted item (customers, events, devices, ...) */
	acceptedItems: number;
	/** accepted users and events whose (kind, customer_id) was accepted before: sent twice */
	duplicateAccepted: number;
	/** bulk elements MoEngage would silently drop */
	rejectedElements: number;
	/** bulk imports (`/v1/transition`): bytes, elements, element bytes and the envelope around them */
	bulk: {
		requests: number;
		bytes: number;
		elements: number;
		elementBytes: number;
		envelopeMin: number;
		envelopeMax: number;
		/** bytes of the last bulk import to arrive (the one a packer leaves partly filled) */
		lastBytes: number;
		lastIndex: number;
	};
	/** only when started with `timeline: true` */
	timeline: SandboxRequestSummary[];
}

export type ToSandbox =
	| { type: 'stats'; id: number }
	| { type: 'clear'; id: number }
	| { type: 'setRateLimits'; id: number; limits: Partial<RateLimits> };

export type FromSandbox =
	| { type: 'ready'; info: SandboxInfo }
	| { type: 'stats'; id: number; stats: SandboxStats }
	| { type: 'done'; id: number };
