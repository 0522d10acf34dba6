import type { DedupeConfig } from './config';

/**
 * Recently passed-on event_uuids, per trigger node, in this process's memory.
 *
 * A Map keeps insertion order, and an ID is only inserted when first seen, so the oldest entry
 * is always first: expiring and evicting pop from the front. Memory is bounded by
 * `maxEntries` per node. The memory is lost on restart and is not shared between n8n
 * processes (main and queue-mode workers each keep their own).
 */
class RecentEventIds {
	private readonly seenAt = new Map<string, number>();

	lastUsedAt = 0;

	windowMs = 0;

	/** Forgets IDs seen at or before `cutoff`. */
	expire(cutoff: number): void {
		for (const [id, at] of this.seenAt) {
			if (at > cutoff) break;
			this.seenAt.delete(id);
		}
	}

	/** True when `id` was seen (and not expired); otherwise remembers it. */
	seenBefore(id: string, now: number, maxEntries: number): boolean {
		if (this.seenAt.has(id)) return true;
		this.seenAt.set(id, now);
		while (this.seenAt.size > maxEntries) {
			const oldest = this.seenAt.keys().next();
			if (oldest.done) break;
			this.seenAt.delete(oldest.value);
		}
		return false;
	}
}

const stores = new Map<string, RecentEventIds>();

/** Drops the memory of nodes that received nothing for their whole window (all of it expired). */
function sweepIdleStores(now: number): void {
	for (const [scope, store] of stores) {
		if (store.lastUsedAt + store.windowMs < now) stores.delete(scope);
	}
}

/**
 * A duplicate check for one request. `scope` names the node (workflow id, node id and mode, so
 * test runs do not hide production events).
 */
export function duplicateChecker(scope: string, config: DedupeConfig, now = Date.now()): (id: string) => boolean {
	sweepIdleStores(now);
	let store = stores.get(scope);
	if (!store) {
		store = new RecentEventIds();
		stores.set(scope, store);
	}
	store.lastUsedAt = now;
	store.windowMs = config.windowMs;
	store.expire(now - config.windowMs);
	const current = store;
	return (id) => current.seenBefore(id, now, config.maxEntries);
}

/** For tests: forget everything. */
export function resetDuplicateMemory(): void {
	stores.clear();
}
