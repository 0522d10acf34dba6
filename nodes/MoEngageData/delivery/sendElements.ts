import { MAX_REQUEST_BYTES } from '../../shared/limits';
import type { PaceBucket, PaceCost } from '../../shared/transport/pacer';
import { TRANSITION_ENVELOPE_BYTES } from '../../shared/validation/size';
import type { ElementSummary } from '../elements/summary';
import type { Delivery } from './delivery';
import { answerOf } from './delivery';
import type { CheckedElements, SerializedElement } from './checkedElements';
import { packNext } from './packBatches';

/** A bulk import body around elements already serialised: `{"type":"transition","elements":[…]}`. */
export function transitionBody(parts: readonly string[]): string {
	return `{"type":"transition","elements":[${parts.join(',')}]}`;
}

/** MoEngage's rate-limit headers describe users on /customer and events on /event. */
function headerBucketsOf(cost: PaceCost): PaceBucket[] {
	const buckets: PaceBucket[] = [];
	if (cost.users) buckets.push('users');
	if (cost.events) buckets.push('events');
	return buckets;
}

/**
 * Adds to `ahead` (serialised elements not yet sent, from `start` on) as many as the next request
 * could carry: packing needs their sizes.
 */
function serializeAhead(elements: CheckedElements, start: number, ahead: SerializedElement[]): void {
	let bytes = TRANSITION_ENVELOPE_BYTES;
	for (const serialized of ahead) bytes += serialized.bytes + 1;
	for (let i = start + ahead.length; i < elements.length && bytes <= MAX_REQUEST_BYTES; i++) {
		const serialized = elements.serialize(i);
		ahead.push(serialized);
		bytes += serialized.bytes + 1;
	}
}

/** Batch on: bulk imports of at most MAX_REQUEST_BYTES, in input order. */
async function sendBatched(delivery: Delivery, elements: CheckedElements, summarize: ElementSummary): Promise<void> {
	const path = `/v1/transition/${encodeURIComponent(delivery.workspaceId)}`;
	let ahead: SerializedElement[] = [];
	// Packed one request at a time, so each can be cut to the room left in the rate window.
	for (let start = 0; start < elements.length; ) {
		serializeAhead(elements, start, ahead);
		const batch = packNext(ahead, 0, TRANSITION_ENVELOPE_BYTES, MAX_REQUEST_BYTES, delivery.capsNow());
		const batchSize = batch.end;
		const parts: string[] = new Array(batchSize);
		for (let i = 0; i < batchSize; i++) parts[i] = ahead[i].text;
		ahead = ahead.slice(batchSize);
		const body = transitionBody(parts);
		const sent = await delivery.send({ path, body }, batch.cost, headerBucketsOf(batch.cost));
		const answer = sent.ok ? answerOf(sent) : undefined;
		for (let i = 0; i < batchSize; i++) {
			const itemIndex = elements.itemIndexAt(start + i);
			const element = elements.release(start + i);
			if (sent.ok) {
				const summary = summarize(element);
				delivery.succeed(itemIndex, { status: 'success', ...summary, ...answer, batchSize, elementIndex: i });
			} else {
				const first = elements.itemIndexAt(start);
				const last = elements.itemIndexAt(start + batchSize - 1);
				delivery.fail(
					itemIndex,
					delivery.requestError(
						sent,
						itemIndex,
						`Bulk request ${sent.requestIndex} carried ${batchSize} item(s) (items ${first} to ${last}); MoEngage did not confirm it.`,
					),
				);
			}
		}
		start += batchSize;
	}
}

/** Batch off: one request per item to the element's own endpoint, with MoEngage's answer each. */
async function sendOneByOne(delivery: Delivery, elements: CheckedElements, summarize: ElementSummary): Promise<void> {
	const workspace = encodeURIComponent(delivery.workspaceId);
	for (let position = 0; position < elements.length; position++) {
		const itemIndex = elements.itemIndexAt(position);
		const { text, cost } = elements.serialize(position);
		const sent = await delivery.send(
			{ path: `/v1/${elements.typeAt(position)}/${workspace}`, body: text },
			cost,
			headerBucketsOf(cost),
		);
		const element = elements.release(position);
		if (sent.ok) {
			delivery.succeed(itemIndex, { status: 'success', ...summarize(element), ...answerOf(sent), batchSize: 1 });
		} else {
			delivery.fail(
				itemIndex,
				delivery.requestError(sent, itemIndex, `Request ${sent.requestIndex} carried this item alone.`),
			);
		}
	}
}

export async function sendElements(
	delivery: Delivery,
	elements: CheckedElements,
	batch: boolean,
	summarize: ElementSummary,
): Promise<void> {
	if (elements.length === 0) return;
	if (batch) await sendBatched(delivery, elements, summarize);
	else await sendOneByOne(delivery, elements, summarize);
}
