import type { IDataObject } from 'n8n-workflow';

import type { MoEngageRequest } from '../../shared/transport/client';
import type { PaceBucket, PaceCost } from '../../shared/transport/pacer';
import type { Build } from '../actions/operation';
import { answerOf } from './delivery';
import type { DeliveryStrategy } from './strategy';
import { jobList } from './strategy';

/** One item's own request (Delete, Get). */
export interface ItemRequest {
	request: MoEngageRequest;
	cost: PaceCost;
	/** Which pacing buckets MoEngage's rate-limit headers of this route describe. */
	headerBuckets: PaceBucket[];
	summary: IDataObject;
	/** Turns MoEngage's answer into the item's output; default: status and request ID only. */
	toJson?: (body: unknown) => IDataObject;
}

/** One request per item, in input order, with MoEngage's answer for each. */
export function deliverRequestPerItem(build: Build<ItemRequest>): DeliveryStrategy {
	return jobList(build, async (delivery, jobs) => {
		for (const { itemIndex, job } of jobs) {
			const sent = await delivery.send(job.request, job.cost, job.headerBuckets);
			if (sent.ok) {
				delivery.outcomes.succeed(itemIndex, {
					status: 'success',
					...job.summary,
					...(job.toJson ? job.toJson(sent.response.body) : {}),
					...answerOf(sent),
				});
			} else {
				delivery.failItem(itemIndex, sent, `Request ${sent.requestIndex} carried this item alone.`);
			}
		}
	});
}
