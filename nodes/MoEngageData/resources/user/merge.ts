import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAX_MERGE_PAIRS_PER_CALL } from '../../../shared/limits';
import { checkCustomerId } from '../../../shared/validation/customerId';
import { optionsProperty, RETRY_OPTIONS } from '../../settings';
import type { BuildContext, MergeJob, OperationDefinition } from '../../types';

const show = { resource: ['user'], operation: ['merge'] };

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

function build(this: IExecuteFunctions, itemIndex: number, { scope, params }: BuildContext): MergeJob {
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
	return { kind: 'merge', pairs, summary: { merged: pairs.map((p) => ({ ...p })) } };
}

export const merge: OperationDefinition = { description, build };
