import type { IDataObject } from 'n8n-workflow';

import { MAX_REQUEST_BYTES } from '../../shared/limits';
import type { DataElement } from '../../shared/schemas/dataApi';
import type { PaceBucket, PaceCost } from '../../shared/transport/pacer';
import { TRANSITION_ENVELOPE_BYTES } from '../../shared/validation/size';
import type { Delivery } from './delivery';
import { answerOf } from './delivery';
import { packNext } from './packBatches';

/** A checked element with its exact JSON text, its size and what it counts against the rates. */
export interface PreparedElement {
	itemIndex: number;
	/** The element's type: only its JSON text is kept, not the object. */
	type: DataElement['type'];
	serialized: string;
	bytes: number;
	cost: PaceCost;
	summary: IDataObject;
}

/** A bulk import body around elements already serialised: `{"type":"transition","elements":[…]}`. */
export function transitionBody(parts: readonly string[]): string {
	return `{"type":"transition","elements":[${parts.join(',')}]}`;
}

// Shared, never mutated: packing copies a cost before adding to it.
const ONE_USER: PaceCost = { users: 1 };
const ONE_DEVICE: PaceCost = { devices: 1 };
const ONE_EVENT: PaceCost = { events: 1 };

export function costOf(element: DataElement): PaceCost {
	if (element.type === 'customer') return ONE_USER;
	if (element.type === 'event') return element.actions.length === 1 ? ONE_EVENT : { events: element.actions.length };
	return ONE_DEVICE;
}

/** MoEngage's rate-limit headers describe users on /customer and events on /event. */
function headerBucketsOf(cost: PaceCost): PaceBucket[] {
	const buckets: PaceBucket[] = [];
	if (cost.users) buckets.push('users');
	if (cost.events) buckets.push('events');
	return buckets;
}

/** Batch on: bulk imports of at most MAX_REQUEST_BYTES, in input order. */
async function sendBatched(delivery: Delivery, elements: PreparedElement[]): Promise<void> {
	const path = `/v1/transition/${encodeURIComponent(delivery.workspaceId)}`;
	// Packed one request at a time, so each can be cut to the room left in the rate window.
	for (let start = 0; start < elements.length; ) {
		const batch = packNext(elements, start, TRANSITION_ENVELOPE_BYTES, MAX_REQUEST_BYTES, delivery.capsNow());
		start = batch.end;
		const parts: string[] = new Array(batch.end - batch.start);
		for (let i = batch.start; i < batch.end; i++) parts[i - batch.start] = elements[i].serialized;
		const body = transitionBody(parts);
		const sent = await delivery.send({ family: 'data', path, body }, batch.cost, headerBucketsOf(batch.cost));
		const batchSize = batch.end - batch.start;
		const answer = sent.ok ? answerOf(sent) : undefined;
		for (let i = batch.start; i < batch.end; i++) {
			const { itemIndex, summary } = elements[i];
			// The JSON text is sent: let it go (a run of 100,000 items would hold them all).
			elements[i].serialized = '';
			if (sent.ok) {
				delivery.succeed(itemIndex, {
					status: 'success',
					...summary,
					...answer,
					batchSize,
					elementIndex: i - batch.start,
				});
			} else {
				const first = elements[batch.start].itemIndex;
				const last = elements[batch.end - 1].itemIndex;
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
	}
}

/** Batch off: one request per item to the element's own endpoint, with MoEngage's answer each. */
async function sendOneByOne(delivery: Delivery, elements: PreparedElement[]): Promise<void> {
	const workspace = encodeURIComponent(delivery.workspaceId);
	for (const prepared of elements) {
		const { type, itemIndex, summary } = prepared;
		const sent = await delivery.send(
			{ family: 'data', path: `/v1/${type}/${workspace}`, body: prepared.serialized },
			prepared.cost,
			headerBucketsOf(prepared.cost),
		);
		if (sent.ok) {
			delivery.succeed(itemIndex, { status: 'success', ...summary, ...answerOf(sent), batchSize: 1 });
		} else {
			delivery.fail(
				itemIndex,
				delivery.requestError(sent, itemIndex, `Request ${sent.requestIndex} carried this item alone.`),
			);
		}
	}
}

export async function sendElements(delivery: Delivery, elements: PreparedElement[], batch: boolean): Promise<void> {
	if (elements.length === 0) return;
	if (batch) await sendBatched(delivery, elements);
	else await sendOneByOne(delivery, elements);
}
