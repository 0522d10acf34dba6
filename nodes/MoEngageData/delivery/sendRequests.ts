import type { RequestJob } from '../types';
import type { Delivery } from './delivery';
import { answerOf } from './delivery';

/** One request per item (Delete, Get). */
export async function sendRequests(
	delivery: Delivery,
	jobs: Array<{ itemIndex: number; job: RequestJob }>,
): Promise<void> {
	for (const { itemIndex, job } of jobs) {
		const sent = await delivery.send(job.request, job.cost, job.headerBuckets);
		if (sent.ok) {
			delivery.succeed(itemIndex, {
				status: 'success',
				...job.summary,
				...(job.toJson ? job.toJson(sent.response.body) : {}),
				...answerOf(sent),
			});
		} else {
			delivery.fail(
				itemIndex,
				delivery.requestError(sent, itemIndex, `Request ${sent.requestIndex} carried this item alone.`),
			);
		}
	}
}
