import { MAX_REQUEST_BYTES } from '../../shared/limits';
import type { PaceBucket, PaceCost } from '../../shared/transport/pacer';
import { TRANSITION_ENVELOPE_BYTES } from '../../shared/validation/size';
import type { Build } from '../actions/operation';
import type { ElementSummary } from '../elements/summary';
import { summaryOf } from '../elements/summary';
import type { DataElement } from '../schemas/dataApi';
import { endpoints } from '../transport/endpoints';
import { checkSendable } from './checkSendable';
import type { SerializedElement } from './checkedElements';
import { CheckedElements } from './checkedElements';
import type { Delivery } from './delivery';
import { answerOf } from './delivery';
import { packNext } from './packRequest';
import type { DeliveryStrategy } from './strategy';

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
	const endpoint = endpoints.bulkImport(delivery.workspaceId, delivery.settings.projectCode);
	let ahead: SerializedElement[] = [];
	// Packed one request at a time, so each can be cut to the room left in the rate window.
	for (let start = 0; start < elements.length; ) {
		serializeAhead(elements, start, ahead);
		const batch = packNext(ahead, 0, TRANSITION_ENVELOPE_BYTES, MAX_REQUEST_BYTES, delivery.capsNow());
		const batchSize = batch.end;
		const parts: string[] = new Array(batchSize);
		for (let i = 0; i < batchSize; i++) parts[i] = ahead[i].text;
		const body = transitionBody(parts);
		const sent = await delivery.send({ ...endpoint, body }, batch.cost, headerBucketsOf(batch.cost));
		// MoEngage reported a limit this request was over: pack its elements again, to that limit.
		if (!sent.ok && sent.tooBig && batchSize > 1) continue;
		ahead = ahead.slice(batchSize);
		const answer = sent.ok ? answerOf(sent) : undefined;
		for (let i = 0; i < batchSize; i++) {
			const itemIndex = elements.itemIndexAt(start + i);
			const element = elements.release(start + i);
			if (sent.ok) {
				const summary = summarize(element);
				delivery.outcomes.succeed(itemIndex, { status: 'success', ...summary, ...answer, batchSize, elementIndex: i });
			} else {
				const first = elements.itemIndexAt(start);
				const last = elements.itemIndexAt(start + batchSize - 1);
				delivery.failItem(
					itemIndex,
					sent,
					`Bulk request ${sent.requestIndex} carried ${batchSize} item(s) (items ${first} to ${last}); MoEngage did not confirm it.`,
				);
			}
		}
		start += batchSize;
	}
}

/** Batch off: one request per item to the element's own endpoint, with MoEngage's answer each. */
async function sendOneByOne(delivery: Delivery, elements: CheckedElements, summarize: ElementSummary): Promise<void> {
	const { workspaceId } = delivery;
	for (let position = 0; position < elements.length; position++) {
		const itemIndex = elements.itemIndexAt(position);
		const { text, cost } = elements.serialize(position);
		const sent = await delivery.send(
			{ ...endpoints.element(elements.typeAt(position), workspaceId, delivery.settings.projectCode), body: text },
			cost,
			headerBucketsOf(cost),
		);
		const element = elements.release(position);
		if (sent.ok) {
			delivery.outcomes.succeed(itemIndex, { status: 'success', ...summarize(element), ...answerOf(sent), batchSize: 1 });
		} else {
			delivery.failItem(itemIndex, sent, `Request ${sent.requestIndex} carried this item alone.`);
		}
	}
}

/**
 * Users, events and devices: with Batch on (and always for Bulk → Import) packed in input order
 * into bulk imports of at most 100,000 bytes, measured on the exact bytes sent; with Batch off,
 * one request per item to the element's own endpoint. `summarize`: what each item's output shows
 * of its element.
 */
export function deliverElements(build: Build<DataElement>, summarize: ElementSummary = summaryOf): DeliveryStrategy {
	return {
		start(itemCount) {
			const elements = new CheckedElements(itemCount);
			return {
				add(itemIndex, context) {
					const element = build(itemIndex, context);
					elements.add(itemIndex, element, checkSendable(element, context.scope, !context.settings.batch));
				},
				async send(delivery) {
					if (elements.length === 0) return;
					if (delivery.settings.batch) await sendBatched(delivery, elements, summarize);
					else await sendOneByOne(delivery, elements, summarize);
				},
			};
		},
	};
}
