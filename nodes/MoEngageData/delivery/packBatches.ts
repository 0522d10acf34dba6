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
 * Packs elements, in input order, into as few requests as fit: a request closes when the next
 * element would take its body over `maxBytes`, or its count of users/events over what the rate
 * budget allows per window (MoEngage refuses a request over the limit whole). An element that
 * alone exceeds a count cap gets a request of its own. Sizes add up: nothing is re-serialised.
 */
export function packBatches(elements: Packable[], envelopeBytes: number, maxBytes: number, caps: PaceCost): Batch[] {
	const batches: Batch[] = [];
	let current: Batch | undefined;
	for (let i = 0; i < elements.length; i++) {
		const { bytes, cost } = elements[i];
		if (current) {
			let fits = current.bytes + 1 + bytes <= maxBytes;
			for (let b = 0; fits && b < BUCKETS.length; b++) {
				const bucket = BUCKETS[b];
				const units = cost[bucket] ?? 0;
				const cap = caps[bucket];
				if (units > 0 && cap !== undefined && (current.cost[bucket] ?? 0) + units > cap) fits = false;
			}
			if (fits) {
				current.end = i + 1;
				current.bytes += 1 + bytes;
				for (const bucket of BUCKETS) {
					const units = cost[bucket];
					if (units) current.cost[bucket] = (current.cost[bucket] ?? 0) + units;
				}
				continue;
			}
		}
		current = { start: i, end: i + 1, bytes: envelopeBytes + bytes, cost: { ...cost } };
		batches.push(current);
	}
	return batches;
}
