import { BUSINESS_EVENT_TRIGGERS_PER_DAY, BUSINESS_EVENT_TRIGGERS_PER_HOUR } from '../../shared/limits';

/**
 * MoEngage's trigger quotas per workspace (campaigns: 10 per 5 minutes, 50 per hour, 200 per day;
 * flows: 3 per hour, 10 per day), as the node counts them within one execution. A number of 0
 * turns that check off (for a workspace whose quota MoEngage raised).
 */
export interface TriggerQuotas {
	per5Minutes: number;
	perHour: number;
	perDay: number;
	flowsPerHour: number;
	flowsPerDay: number;
}

export const DOCUMENTED_TRIGGER_QUOTAS: TriggerQuotas = {
	per5Minutes: 10,
	perHour: BUSINESS_EVENT_TRIGGERS_PER_HOUR,
	perDay: BUSINESS_EVENT_TRIGGERS_PER_DAY,
	flowsPerHour: 3,
	flowsPerDay: 10,
};

const MINUTE = 60_000;

type Kind = 'campaign' | 'flow';

interface Window {
	limit: number;
	ms: number;
	words: string;
}

function windowsOf(kind: Kind, quotas: TriggerQuotas): Window[] {
	return kind === 'campaign'
		? [
				{ limit: quotas.per5Minutes, ms: 5 * MINUTE, words: '5 minutes' },
				{ limit: quotas.perHour, ms: 60 * MINUTE, words: 'hour' },
				{ limit: quotas.perDay, ms: 24 * 60 * MINUTE, words: 'day' },
			]
		: [
				{ limit: quotas.flowsPerHour, ms: 60 * MINUTE, words: 'hour' },
				{ limit: quotas.flowsPerDay, ms: 24 * 60 * MINUTE, words: 'day' },
			];
}

/** A quota this execution has used up: which one, how much of it, and when the next trigger fits. */
export interface QuotaHit {
	kind: Kind;
	limit: number;
	/** "5 minutes", "hour" or "day" */
	window: string;
	used: number;
	/** epoch ms */
	nextAt: number;
}

/** What MoEngage reported an event starts: known after its first trigger in the execution. */
interface Composition {
	campaigns: boolean;
	flows: boolean;
}

/**
 * The triggers this execution made that started campaigns (flows), by time. A trigger counts once
 * per kind, however many campaigns it started, as MoEngage words its quota ("triggers per 5 minutes").
 */
export class TriggerLedger {
	private readonly times: Record<Kind, number[]> = { campaign: [], flow: [] };

	private readonly compositions = new Map<string, Composition>();

	/** Records MoEngage's answer to a trigger of `eventName`. */
	record(
		eventName: string,
		result: { campaignsTriggered: number; flowsTriggered: number; campaigns: number; flows: number },
		now = Date.now(),
	): void {
		if (result.campaignsTriggered > 0) this.times.campaign.push(now);
		if (result.flowsTriggered > 0) this.times.flow.push(now);
		this.compositions.set(eventName, { campaigns: result.campaigns > 0, flows: result.flows > 0 });
	}

	private hitOf(kind: Kind, quotas: TriggerQuotas, now: number): QuotaHit | undefined {
		let binding: QuotaHit | undefined;
		for (const w of windowsOf(kind, quotas)) {
			if (!(w.limit > 0)) continue;
			const inWindow = this.times[kind].filter((t) => t > now - w.ms);
			if (inWindow.length < w.limit) continue;
			// The next trigger fits once enough of these have left the window.
			const nextAt = inWindow[inWindow.length - w.limit] + w.ms;
			if (!binding || nextAt > binding.nextAt) {
				binding = { kind, limit: w.limit, window: w.words, used: inWindow.length, nextAt };
			}
		}
		return binding;
	}

	/**
	 * The quota a trigger of `eventName` would exceed, if any. An event not yet triggered in this
	 * execution is taken to start campaigns (the documented safe client policy); one known to start
	 * only flows is checked against the flow quotas; one that starts both is refused only when both
	 * are used up (MoEngage would still start the other kind).
	 */
	check(eventName: string, quotas: TriggerQuotas, now = Date.now()): QuotaHit | undefined {
		const composition = this.compositions.get(eventName) ?? { campaigns: true, flows: false };
		const kinds = (['campaign', 'flow'] as const).filter((k) => (k === 'campaign' ? composition.campaigns : composition.flows));
		if (kinds.length === 0) return undefined;
		const hits = kinds.map((k) => this.hitOf(k, quotas, now));
		if (hits.some((h) => h === undefined)) return undefined;
		return (hits as QuotaHit[]).reduce((a, b) => (b.nextAt < a.nextAt ? b : a));
	}
}

/** "10 per 5 minutes, 50 per hour, 200 per day" for campaigns, "3 per hour, 10 per day" for flows. */
export function quotaWords(kind: Kind, quotas: TriggerQuotas): string {
	return windowsOf(kind, quotas)
		.filter((w) => w.limit > 0)
		.map((w) => `${w.limit} per ${w.words}`)
		.join(', ');
}
