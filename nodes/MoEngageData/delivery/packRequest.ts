import type { PaceBucket, PaceCost } from '../../shared/transport/pacer';

export interface Packable {
	/** UTF-8 bytes of the element's JSON, as it will be sent. */
	bytes: number;
	cost: PaceCost;
}

export interface Batch {
	/** First element (inclusive) and last (exclusive), in input order. */
	start: number;
	end: number;
	/** Bytes of the whole request body: envelope, elements and the commas between them. */
	bytes: number;
	cost: PaceCost;
}

const BUCKETS: PaceBucket[] = ['users', 'events', 'devices', 'lookups'];

/**
 * The next request, from element `start` on, in input order: it closes when the next element
 * would take its body over `maxBytes`, or its count of users/events over `caps` (the rate budget
 * per window, or what is left of it: MoEngage refuses a request over the limit whole). An element
 * that alone exceeds a count cap gets a request of its own. Sizes add up: nothing is re-serialised.
 */
export function packNext(
	elements: readonly Packable[],
	start: number,
	envelopeBytes: number,
	maxBytes: number,
	caps: PaceCost,
): Batch {
	const first = elements[start];
	const batch: Batch = { start, end: start + 1, bytes: envelopeBytes + first.bytes, cost: { ...first.cost } };
	for (let i = start + 1; i < elements.length; i++) {
		const { bytes, cost } = elements[i];
		if (batch.bytes + 1 + bytes > maxBytes) break;
		let fits = true;
		for (let b = 0; fits && b < BUCKETS.length; b++) {
			const bucket = BUCKETS[b];
			const units = cost[bucket];
			const cap = caps[bucket];
			if (units && cap !== undefined && (batch.cost[bucket] ?? 0) + units > cap) fits = false;
		}
		if (!fits) break;
		batch.end = i + 1;
		batch.bytes += 1 + bytes;
		for (let b = 0; b < BUCKETS.length; b++) {
			const bucket = BUCKETS[b];
			const units = cost[bucket];
			if (units) batch.cost[bucket] = (batch.cost[bucket] ?? 0) + units;
		}
	}
	return batch;
}
