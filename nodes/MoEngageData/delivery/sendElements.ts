import type { IDataObject } from 'n8n-workflow';

import { MAX_REQUEST_BYTES } from '../../shared/limits';
import type { DataElement } from '../../shared/schemas/dataApi';
import type { PaceBucket, PaceCost } from '../../shared/transport/pacer';
import { TRANSITION_ENVELOPE_BYTES } from '../../shared/validation/size';
import type { Delivery } from './delivery';
import { answerOf } from './delivery';
import { packBatches } from './packBatches';

/** A checked element with its exact JSON text, its size and what it counts against the rates. */
export interface PreparedElement {
	itemIndex: number;
	element: DataElement;
	serialized: string;
	bytes: number;
	cost: PaceCost;
	summary: IDataObject;
}

const TRANSITION_PREFIX = '{"type":"transition","elements":[';
const TRANSITION_SUFFIX = ']}';

export function costOf(element: DataElement): PaceCost {
	if (element.type === 'customer') return { users: 1 };
	if (element.type === 'event') return { events: element.actions.length };
	return { devices: 1 };
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
	const batches = packBatches(elements, TRANSITION_ENVELOPE_BYTES, MAX_REQUEST_BYTES, delivery.settings.budget.limits);
	const path = `/v1/transition/${encodeURIComponent(delivery.workspaceId)}`;
	for (const batch of batches) {
		const parts: string[] = new Array(batch.end - batch.start);
		for (let i = batch.start; i < batch.end; i++) parts[i - batch.start] = elements[i].serialized;
		const body = TRANSITION_PREFIX + parts.join(',') + TRANSITION_SUFFIX;
		const sent = await delivery.send({ family: 'data', path, body }, batch.cost, headerBucketsOf(batch.cost));
		const batchSize = batch.end - batch.start;
		for (let i = batch.start; i < batch.end; i++) {
			const { itemIndex, summary } = elements[i];
			if (sent.ok) {
				delivery.succeed(itemIndex, {
					status: 'success',
					...summary,
					...answerOf(sent),
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
		const { element, itemIndex, summary } = prepared;
		const sent = await delivery.send(
			{ family: 'data', path: `/v1/${element.type}/${workspace}`, body: prepared.serialized },
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
