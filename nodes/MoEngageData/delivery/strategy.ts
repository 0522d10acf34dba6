import type { Build, BuildContext } from '../actions/operation';
import type { Delivery } from './delivery';

/**
 * How an operation's items reach MoEngage. The router builds every item first (a bad item fails
 * alone, before any request), then sends what was built:
 * - `deliverElements` (./elements.ts): users, events, devices, in bulk imports or one request each;
 * - `deliverRequestPerItem` (./requestPerItem.ts): a request of its own per item;
 * - `deliverMergePairs` (./mergePairs.ts): merge pairs of consecutive items share calls.
 */
export interface DeliveryStrategy {
	/** A fresh run for `itemCount` input items. */
	start(itemCount: number): DeliveryRun;
}

export interface DeliveryRun {
	/** Builds and keeps one item; throws its item error. */
	add(itemIndex: number, context: BuildContext): void;
	/** Sends what was kept, recording each item's outcome. */
	send(delivery: Delivery): Promise<void>;
}

/** A run that keeps each item's job in input order, for strategies that need nothing else. */
export function jobList<Job>(
	build: Build<Job>,
	send: (delivery: Delivery, jobs: Array<{ itemIndex: number; job: Job }>) => Promise<void>,
): DeliveryStrategy {
	return {
		start() {
			const jobs: Array<{ itemIndex: number; job: Job }> = [];
			return {
				add: (itemIndex, context) => {
					jobs.push({ itemIndex, job: build(itemIndex, context) });
				},
				send: async (delivery) => await send(delivery, jobs),
			};
		},
	};
}
