import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemMerges } from '../../delivery/mergePairs';
import { deliverMergePairs } from '../../delivery/mergePairs';
import { optionsProperty, RETRY_OPTIONS } from '../../descriptions/options';
import { showFor } from '../../descriptions/show';
import { MAX_MERGE_PAIRS_PER_CALL } from '../../limits';
import { checkCustomerId } from '../../validation/customerId';
import type { BuildContext, DataOperation } from '../operation';

/** User → Merge: each item's pairs, sent with those of the items around it (merge pair delivery). */

const show = showFor('user', 'merge');

const description: INodeProperties[] = [
	{
		displayName: 'Merges',
		name: 'merges',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Merge',
		required: true,
		default: { pair: [{ mergedCustomerId: '', retainedCustomerId: '' }] },
		description:
			"Users to merge. Pairs of consecutive items are sent together, at most 50 pairs per call (MoEngage's limit).",
		displayOptions: { show },
		options: [
			{
				displayName: 'Pair',
				name: 'pair',
				values: [
					{
						displayName: 'Merged Customer ID',
						name: 'mergedCustomerId',
						type: 'string',
						default: '',
						description: 'The user that is merged into the other one and then no longer exists',
					},
					{
						displayName: 'Retained Customer ID',
						name: 'retainedCustomerId',
						type: 'string',
						default: '',
						description: 'The user that remains, with the data of both',
					},
				],
			},
		],
	},
	optionsProperty('user', 'merge', RETRY_OPTIONS),
];

function build(itemIndex: number, { scope, params }: BuildContext): ItemMerges {
	const entries = (params.get<IDataObject>('merges', itemIndex, {}).pair ?? []) as IDataObject[];
	if (entries.length === 0) {
		scope.fail('Merges', { message: 'is empty', fix: 'Add at least one pair of users to merge.' });
	}
	if (entries.length > MAX_MERGE_PAIRS_PER_CALL) {
		scope.fail('Merges', {
			message: `has ${entries.length} pairs, but MoEngage takes at most ${MAX_MERGE_PAIRS_PER_CALL} per call`,
			fix: `Give each item at most ${MAX_MERGE_PAIRS_PER_CALL} pairs (split the list over several items).`,
		});
	}
	const pairs = entries.map((entry, n) => {
		const label = entries.length > 1 ? `Merges[${n}] → ` : '';
		const merged = scope.take(`${label}Merged Customer ID`, checkCustomerId(entry.mergedCustomerId));
		const retained = scope.take(`${label}Retained Customer ID`, checkCustomerId(entry.retainedCustomerId));
		if (merged === retained) {
			scope.fail(`${label}Merged Customer ID`, {
				message: `is ${JSON.stringify(merged)}, the same as the Retained Customer ID`,
				fix: 'A user cannot be merged into itself: give two different users.',
			});
		}
		return { merged_user: merged, retained_user: retained };
	});
	return { pairs, summary: { merged: pairs.map((p) => ({ ...p })) } };
}

export const merge: DataOperation = {
	option: {
		name: 'Merge',
		value: 'merge',
		description: 'Merge one user into another',
		action: 'Merge users',
	},
	description,
	delivery: deliverMergePairs(build),
};
