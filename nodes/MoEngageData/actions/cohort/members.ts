import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { shown } from '../../../shared/validation/problem';
import type { CohortAction, CohortJob, CohortOptions } from '../../delivery/cohortSync';
import { deliverCohortSync } from '../../delivery/cohortSync';
import { customerIdProperty } from '../../descriptions/customerId';
import { optionsProperty, RETRY_OPTIONS } from '../../descriptions/options';
import { showFor } from '../../descriptions/show';
import type { ParameterReader } from '../../input/parameters';
import type { LeadingPeriodRule } from '../../validation/cohortName';
import { checkCohortId, checkCohortName } from '../../validation/cohortName';
import { checkCustomerId } from '../../validation/customerId';
import type { BuildContext, DataOperation } from '../operation';

/**
 * Cohort → Add Members / Remove Members (cohort sync, `POST /v1/integrations/cohortsync`): each
 * item names a cohort and one member (or a list); items of the same cohort and action share
 * requests of up to 128,000 bytes (../../delivery/cohortSync.ts).
 */

const LEADING_PERIOD_RULES: readonly LeadingPeriodRule[] = ['refuse', 'require', 'allow'];

/** The cohort options, read once per run (from the first item, like every option). */
export function readCohortOptions(params: ParameterReader): CohortOptions {
	return params.once('cohortOptions', () => {
		const options = params.get<IDataObject>('options', 0, {}) ?? {};
		const partner = typeof options.partner === 'string' ? options.partner.trim() : '';
		const rule = options.cohortNameLeadingPeriod as LeadingPeriodRule;
		return {
			partner: partner || 'n8n',
			checkMembersExist: options.checkMembersExist === true,
			leadingPeriod: LEADING_PERIOD_RULES.includes(rule) ? rule : 'refuse',
		};
	});
}

/** The member IDs of an item: one ID, or a list of IDs (from an expression). */
function readMembers(raw: unknown, scope: BuildContext['scope']): string[] {
	const list = Array.isArray(raw) ? raw : [raw];
	if (Array.isArray(raw) && raw.length === 0) {
		return scope.fail('Customer ID', { message: 'is an empty list', fix: 'Give at least one user ID.' });
	}
	const uids = list.map((entry, n) => {
		const label = Array.isArray(raw) ? `Customer ID[${n}]` : 'Customer ID';
		if (Array.isArray(entry) || (typeof entry === 'object' && entry !== null)) {
			return scope.fail(label, {
				message: `is ${shown(entry)}, but it must be text`,
				fix: 'Give one user ID per item, or a flat list of user IDs.',
			});
		}
		return scope.take(label, checkCustomerId(entry));
	});
	return [...new Set(uids)];
}

function operation(action: CohortAction, value: string, name: string, actionText: string): DataOperation {
	const show = showFor('cohort', value);
	const description: INodeProperties[] = [
		{
			displayName: 'Cohort Name',
			name: 'cohortName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. VIP_Buyers',
			description:
				'The cohort\'s name in MoEngage. It must not contain | * ? \\ : &lt; &gt; = $ ", nor start with "." (see Options → Cohort Name Leading Period).',
			displayOptions: { show },
		},
		{
			displayName: 'Cohort ID',
			name: 'cohortId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. vip-2026',
			description: 'Your ID for the cohort. Items with the same cohort name and ID are sent together.',
			displayOptions: { show },
		},
		...(action === 'add_members'
			? [
					{
						displayName: 'Cohort Description',
						name: 'cohortDescription',
						type: 'string',
						default: '',
						description: 'A description MoEngage shows with the cohort (optional)',
						displayOptions: { show },
					} satisfies INodeProperties,
				]
			: []),
		customerIdProperty(
			'cohort',
			value,
			"The member's unique ID in MoEngage (customer_id, sent as uid): one per item, or a list of IDs from an expression. MoEngage only matches users it already has, and ignores others without saying which (see Options → Check Members Exist).",
		),
		optionsProperty('cohort', value, [
			'checkMembersExist',
			'cohortNameLeadingPeriod',
			'partner',
			'cohortRequestsPerMinute',
			'rateWindowSeconds',
			...RETRY_OPTIONS,
		]),
	];

	function build(itemIndex: number, { scope, params }: BuildContext): CohortJob {
		const options = readCohortOptions(params);
		const cohortName = scope.take('Cohort Name', checkCohortName(params.get<unknown>('cohortName', itemIndex, ''), options.leadingPeriod));
		const cohortId = scope.take('Cohort ID', checkCohortId(params.get<unknown>('cohortId', itemIndex, '')));
		let cohortDescription: string | undefined;
		if (action === 'add_members') {
			const raw = params.get<unknown>('cohortDescription', itemIndex, '');
			if (raw !== undefined && raw !== null && raw !== '') {
				if (typeof raw === 'string') cohortDescription = raw;
				else {
					scope.fail('Cohort Description', {
						message: `is ${shown(raw)}, but it must be text`,
						fix: 'Give the description as text, or leave it empty.',
					});
				}
			}
		}
		const uids = readMembers(params.get<unknown>('customerId', itemIndex, ''), scope);
		return { action, cohort: { cohort_name: cohortName, cohort_id: cohortId, cohort_description: cohortDescription }, uids };
	}

	return {
		option: { name, value, description: `${actionText} (MoEngage cohort sync)`, action: actionText },
		description,
		delivery: deliverCohortSync(build, readCohortOptions),
	};
}

export const addMembers = operation('add_members', 'addMembers', 'Add Members', 'Add users to a cohort');
export const removeMembers = operation('remove_members', 'removeMembers', 'Remove Members', 'Remove users from a cohort');
