import { MAX_MERGE_PAIRS_PER_CALL } from '../../shared/limits';
import type { MergeBody } from '../../shared/schemas/dataApi';
import type { MergeJob } from '../types';
import type { Delivery } from './delivery';
import { answerOf } from './delivery';

/**
 * Merge pairs of consecutive items share a call of at most 50 pairs (MoEngage's limit); the
 * pairs of one item always go in the same call.
 */
export async function sendMerges(delivery: Delivery, jobs: Array<{ itemIndex: number; job: MergeJob }>): Promise<void> {
	const groups: Array<typeof jobs> = [];
	let pairs = 0;
	for (const entry of jobs) {
		const current = groups[groups.length - 1];
		if (current && pairs + entry.job.pairs.length <= MAX_MERGE_PAIRS_PER_CALL) {
			current.push(entry);
			pairs += entry.job.pairs.length;
		} else {
			groups.push([entry]);
			pairs = entry.job.pairs.length;
		}
	}
	for (const group of groups) {
		const body: MergeBody = { merge_data: group.flatMap(({ job }) => job.pairs) };
		const sent = await delivery.send(
			{ path: '/v1/customer/merge', query: { app_id: delivery.workspaceId }, body },
			{},
			[],
		);
		for (const { itemIndex, job } of group) {
			if (sent.ok) {
				delivery.succeed(itemIndex, { status: 'success', ...job.summary, ...answerOf(sent), batchSize: group.length });
			} else {
				delivery.fail(
					itemIndex,
					delivery.requestError(
						sent,
						itemIndex,
						`Merge request ${sent.requestIndex} carried ${body.merge_data.length} pair(s) of ${group.length} item(s); MoEngage did not confirm it.`,
					),
				);
			}
		}
	}
}
