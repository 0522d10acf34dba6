import type { IDataObject } from 'n8n-workflow';

import type { MoEngageRequest } from '../../shared/transport/client';
import type { MoEngageFailure } from '../../shared/transport/errors';
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
	/**
	 * The same request in an older form MoEngage documented, sent once when the first form is refused
	 * as `refusedWhen` says; once it worked, the rest of the run sends that form first.
	 */
	olderForm?: { request: MoEngageRequest; refusedWhen: (failure: MoEngageFailure) => boolean };
	/** What to tell the user about a refusal, put before where the request went. */
	refusalHint?: (failure: MoEngageFailure) => string | undefined;
}

/** One request per item, in input order, with MoEngage's answer for each. */
export function deliverRequestPerItem(build: Build<ItemRequest>): DeliveryStrategy {
	return jobList(build, async (delivery, jobs) => {
		let olderFormWorks = false;
		for (const { itemIndex, job } of jobs) {
			const first = olderFormWorks && job.olderForm ? job.olderForm.request : job.request;
			let sent = await delivery.send(first, job.cost, job.headerBuckets);
			if (!sent.ok && !olderFormWorks && job.olderForm?.refusedWhen(sent.failure)) {
				sent = await delivery.send(job.olderForm.request, job.cost, job.headerBuckets);
				olderFormWorks = sent.ok;
			}
			if (sent.ok) {
				delivery.outcomes.succeed(itemIndex, {
					status: 'success',
					...job.summary,
					...(job.toJson ? job.toJson(sent.response.body) : {}),
					...answerOf(sent),
				});
			} else {
				const hint = job.refusalHint?.(sent.failure);
				delivery.failItem(itemIndex, sent, `${hint ? `${hint} ` : ''}Request ${sent.requestIndex} carried this item alone.`);
			}
		}
	});
}
