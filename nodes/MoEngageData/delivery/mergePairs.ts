import type { IDataObject } from 'n8n-workflow';

import type { MoEngageFailure } from '../../shared/transport/errors';
import type { Build } from '../actions/operation';
import { MAX_MERGE_PAIRS_PER_CALL } from '../limits';
import type { MergeBody } from '../schemas/dataApi';
import { endpoints } from '../transport/endpoints';
import { answerOf } from './delivery';
import type { DeliveryStrategy } from './strategy';
import { jobList } from './strategy';

/** The merge pairs of one item. */
export interface ItemMerges {
	pairs: MergeBody['merge_data'];
	summary: IDataObject;
}

const IDENTITY_RESOLUTION = /identity[\s_-]*resolution/i;

const MERGE_DISABLED_HINT =
	'Merge is disabled in workspaces with Identity Resolution: MoEngage merges users sharing an identifier itself (up to 50 per identifier value). Send the identifiers both users share (e.g. with User → Create or Update, Identify By: Identifiers) and MoEngage merges them, or remove this step.';

/** What to tell the user about a refused merge call: Identity Resolution disables the Merge API. */
export function mergeRefusalHint(failure: MoEngageFailure): string | undefined {
	const said = [failure.message, failure.type ?? '', ...failure.details.map((d) => d.message)].join(' ');
	if (IDENTITY_RESOLUTION.test(said)) return MERGE_DISABLED_HINT;
	if (failure.httpCode === 403 && !/suspend|block/i.test(said)) {
		return `If the workspace has Identity Resolution: ${MERGE_DISABLED_HINT.charAt(0).toLowerCase()}${MERGE_DISABLED_HINT.slice(1)}`;
	}
	return undefined;
}

/** Consecutive items whose pairs fit in one call; one item's pairs never span two. */
function groupsOf<T extends { job: ItemMerges }>(jobs: T[]): T[][] {
	const groups: T[][] = [];
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
	return groups;
}

/** Merge pairs of consecutive items share a call of at most 50 pairs (MoEngage's limit). */
export function deliverMergePairs(build: Build<ItemMerges>): DeliveryStrategy {
	return jobList(build, async (delivery, jobs) => {
		for (const group of groupsOf(jobs)) {
			const body: MergeBody = { merge_data: group.flatMap(({ job }) => job.pairs) };
			const pairs = body.merge_data.length;
			const sent = await delivery.send({ ...endpoints.mergeUsers(delivery.workspaceId), body }, { merges: pairs }, ['merges']);
			for (const { itemIndex, job } of group) {
				if (sent.ok) {
					delivery.outcomes.succeed(itemIndex, {
						status: 'success',
						...job.summary,
						...answerOf(sent),
						batchSize: group.length,
					});
				} else {
					const hint = mergeRefusalHint(sent.failure);
					delivery.failItem(
						itemIndex,
						sent,
						`${hint ? `${hint} ` : ''}Merge request ${sent.requestIndex} carried ${body.merge_data.length} pair(s) of ${group.length} item(s); MoEngage did not confirm it.`,
					);
				}
			}
		}
	});
}
