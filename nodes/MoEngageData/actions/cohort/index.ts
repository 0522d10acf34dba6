import type { DataResource } from '../operation';
import { addMembers } from './addMembers.operation';
import { removeMembers } from './removeMembers.operation';

export const cohort = {
	option: { name: 'Cohort', value: 'cohort', description: "Users' membership of a cohort (MoEngage cohort sync)" },
	operations: { addMembers, removeMembers },
} satisfies DataResource;
