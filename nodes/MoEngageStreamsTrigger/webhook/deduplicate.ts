/** Options → Deduplicate Events, as read from the node. */
export interface DedupeConfig {
	windowMs: number;
	maxEntries: number;
}

/** Settles once the request's answer is out: true when it went out with a 2xx status. Never rejects. */
export type Answered = Promise<boolean>;

/**
 * Recently passed-on event_uuids, per trigger node, in this process's memory.
 *
 * A Map keeps insertion order, and an ID is only inserted when first remembered, with a time that
 * never goes back, so the oldest entry is always first: expiring and evicting pop from the front.
 * Memory is bounded by `maxEntries` per node. The memory is lost on restart and is not shared
 * between n8n processes (main and queue-mode workers each keep their own).
 *
 * `claims` holds the IDs a request passed on while its answer is not sent yet: they count as seen,
 * and become remembered only once MoEngage got a 2xx (otherwise MoEngage resends the batch and they
 * must pass again).
 */
class RecentEventIds {
	private readonly seenAt = new Map<string, number>();

	private readonly claims = new Map<string, Answered>();

	private newest = 0;

	lastUsedAt = 0;

	windowMs = 0;

	get idle(): boolean {
		return this.claims.size === 0;
	}

	/** Forgets IDs seen at or before `cutoff`. */
	expire(cutoff: number): void {
		for (const [id, at] of this.seenAt) {
			if (at > cutoff) break;
			this.seenAt.delete(id);
		}
	}

	has(id: string): boolean {
		return this.seenAt.has(id) || this.claims.has(id);
	}

	/** The answer another request still waits for before one of `ids` is known to be seen or not. */
	pendingAnswer(ids: readonly string[]): Answered | undefined {
		if (this.claims.size === 0) return undefined;
		for (const id of ids) {
			const answered = this.claims.get(id) ?? this.claims.get(rejectedKey(id));
			if (answered) return answered;
		}
		return undefined;
	}

	remember(ids: Iterable<string>, now: number, maxEntries: number): void {
		this.newest = Math.max(this.newest, now);
		for (const id of ids) if (!this.seenAt.has(id)) this.seenAt.set(id, this.newest);
		while (this.seenAt.size > maxEntries) {
			const oldest = this.seenAt.keys().next();
			if (oldest.done) break;
			this.seenAt.delete(oldest.value);
		}
	}

	claim(ids: ReadonlySet<string>, answered: Answered, maxEntries: number): void {
		for (const id of ids) this.claims.set(id, answered);
		// Registered before any waiter's `await answered`, so waiters resume after this ran.
		void answered.then((ok) => {
			for (const id of ids) if (this.claims.get(id) === answered) this.claims.delete(id);
			if (ok) this.remember(ids, Date.now(), maxEntries);
		});
	}
}

const stores = new Map<string, RecentEventIds>();

/** Drops the memory of nodes that received nothing for their whole window (all of it expired). */
function sweepIdleStores(now: number): void {
	for (const [scope, store] of stores) {
		if (store.idle && store.lastUsedAt + store.windowMs < now) stores.delete(scope);
	}
}

function openStore(scope: string, config: DedupeConfig, now: number): RecentEventIds {
	sweepIdleStores(now);
	let store = stores.get(scope);
	if (!store) {
		store = new RecentEventIds();
		stores.set(scope, store);
	}
	store.lastUsedAt = now;
	store.windowMs = config.windowMs;
	store.expire(now - config.windowMs);
	return store;
}

/** True when `key` was seen before or earlier in this request; otherwise notes it as this request's. */
export type DuplicateCheck = (key: string) => boolean;

const REJECTED = '\u0000';

/**
 * The key of a rejected event in the memory: apart from valid events' keys (their event_uuid), so a
 * rejected event never hides a valid one. An event_uuid starting with NUL is not expected.
 */
export function rejectedKey(id: string): string {
	return REJECTED + id;
}

function checkAgainst(store: RecentEventIds, fresh: Set<string>): DuplicateCheck {
	return (key) => {
		if (fresh.has(key) || store.has(key)) return true;
		fresh.add(key);
		return false;
	};
}

/**
 * A duplicate check that remembers each new ID at once. `scope` names the node (workflow id,
 * node id and mode, so test runs do not hide production events).
 */
export function duplicateChecker(scope: string, config: DedupeConfig, now = Date.now()): DuplicateCheck {
	const store = openStore(scope, config, now);
	return (key) => {
		if (store.has(key)) return true;
		store.remember([key], now, config.maxEntries);
		return false;
	};
}

/**
 * Runs `sort` with the duplicate check of one request whose batch carries the event_uuids `ids`,
 * and returns its result. The request's new IDs count as seen for other requests at once, but are
 * remembered only when `answered` settles true; without `answered` (no response to watch) they
 * are remembered at once.
 *
 * A request with an ID claimed by another one still waiting for its answer first waits for that
 * answer: the same batch delivered twice at once passes on once if the first delivery got its
 * 2xx, and again if it did not. `sort` runs right after the wait with no `await` in between, so no
 * other request can claim the IDs meanwhile; a request never waits once it holds claims, so two
 * requests cannot wait for each other.
 *
 * What remains: a 2xx that n8n wrote but that never reached MoEngage (connection cut just then) is
 * remembered although MoEngage resends the batch; an answer that failed after n8n had created the
 * execution (client gone) is not remembered, so the resend passes on again (a duplicate, not a loss).
 */
export async function withDuplicateCheck<T>(
	scope: string,
	config: DedupeConfig,
	ids: readonly string[],
	answered: Answered | undefined,
	sort: (isDuplicate: DuplicateCheck) => T,
	clock: () => number = Date.now,
): Promise<T> {
	let store = openStore(scope, config, clock());
	for (let other = store.pendingAnswer(ids); other; other = store.pendingAnswer(ids)) {
		await other;
		store = openStore(scope, config, clock());
	}
	const fresh = new Set<string>();
	const result = sort(checkAgainst(store, fresh));
	if (fresh.size > 0) {
		if (answered) store.claim(fresh, answered, config.maxEntries);
		else store.remember(fresh, clock(), config.maxEntries);
	}
	return result;
}

/** For tests: forget everything. */
export function resetDuplicateMemory(): void {
	stores.clear();
}
