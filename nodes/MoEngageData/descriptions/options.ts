import type { INodeProperties } from 'n8n-workflow';

import { byDisplayName } from './additionalFields';
import { showFor } from './show';

/**
 * The "Options" collection: each operation lists the options that apply to it. They tune the
 * whole run and are read once (../input/settings.ts).
 */

export type OptionName =
	| 'batch'
	| 'checkMembersExist'
	| 'cohortNameLeadingPeriod'
	| 'cohortRequestsPerMinute'
	| 'dateAttributes'
	| 'eventsPerMinute'
	| 'fieldsToReturn'
	| 'maxAttempts'
	| 'partner'
	| 'projectCode'
	| 'rateLimitDeadlineSeconds'
	| 'rateWindowSeconds'
	| 'retryBaseDelayMs'
	| 'timeoutMs'
	| 'usersPerMinute';

// Defaults are literals (the lint reads them): they equal ENDPOINT_LIMITS_PER_MINUTE and RETRY_POLICIES.data.
// The per-minute rates default to 0, "MoEngage's limit for the endpoint": one rate option covers
// endpoints with different limits (Bulk Import, Track User / Event), and a run at the default follows
// MoEngage's rate-limit headers (a raised limit, other processes on the workspace).
const OPTIONS: Record<OptionName, INodeProperties> = {
	batch: {
		displayName: 'Batch',
		name: 'batch',
		type: 'boolean',
		default: true,
		description:
			"Whether to pack the items into bulk import requests of up to 100 KB (few requests; MoEngage answers once per request and accepts bad elements silently, which is why items are checked first). Off: one request per item, with MoEngage's answer for each.",
	},
	checkMembersExist: {
		displayName: 'Check Members Exist',
		name: 'checkMembersExist',
		type: 'boolean',
		default: false,
		description:
			"Whether to look the users up first with MoEngage's Get User API (MoEngage must enable it for the workspace; 20 users a call, 1,000 users a minute) and report per item the users MoEngage does not know (unknownUsers, known). Off: MoEngage ignores unknown users without saying which.",
	},
	cohortNameLeadingPeriod: {
		displayName: 'Cohort Name Leading Period',
		name: 'cohortNameLeadingPeriod',
		type: 'options',
		default: 'refuse',
		description:
			'MoEngage\'s cohort sync reference changed its rule on a leading "." in cohort names: the current revision refuses it, an older one required it',
		options: [
			{ name: 'Do Not Check', value: 'allow', description: 'Send the name as given; MoEngage decides' },
			{ name: 'Refuse (Current Reference)', value: 'refuse', description: 'A name must not start with "."' },
			{ name: 'Require (Older Reference)', value: 'require', description: 'A name must start with "."' },
		],
	},
	cohortRequestsPerMinute: {
		displayName: 'Requests per Minute',
		name: 'cohortRequestsPerMinute',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description:
			'Most cohort sync requests to send a minute, counted across all executions of this n8n instance for the workspace. MoEngage allows 300; raise it only if MoEngage raised your limit.',
	},
	dateAttributes: {
		displayName: 'Date Attributes',
		name: 'dateAttributes',
		type: 'string',
		default: '',
		placeholder: 'signup_date, plan_expiry',
		description:
			'Comma-separated names of attributes to send as dates, whose values may be ISO 8601 strings, dates, or epoch seconds or milliseconds. Date objects and ISO date-times are converted in every attribute anyway.',
	},
	eventsPerMinute: {
		displayName: 'Events per Minute',
		name: 'eventsPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			"Most event actions to send a minute, counted across all executions of this n8n instance for the workspace. 0: MoEngage's limit for the endpoint (60,000 in bulk imports, 30,000 for Track Event with Batch off), then what MoEngage's rate-limit headers report for the workspace. Set a number only to stay below that, e.g. to leave room for other senders.",
	},
	fieldsToReturn: {
		displayName: 'Fields to Return',
		name: 'fieldsToReturn',
		type: 'string',
		default: '',
		placeholder: 'first_name, email, plan',
		description: 'Comma-separated user attributes to return. Empty: all custom and exportable standard attributes.',
	},
	maxAttempts: {
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 5,
		description:
			'Attempts in all for a request that fails with a server error, a timeout or a lost connection (1 = no retry). Answers 429 (rate limit) are waited out separately.',
	},
	partner: {
		displayName: 'Partner',
		name: 'partner',
		type: 'string',
		default: 'n8n',
		description: 'The partner name MoEngage records for the cohort (its partner field)',
	},
	projectCode: {
		displayName: 'Project Code',
		name: 'projectCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. 7HGQ2M',
		description:
			'For Portfolio workspaces: the Project ID (MoEngage dashboard → Settings → Account → Portfolio) the users and events belong to. Leave empty otherwise.',
	},
	rateLimitDeadlineSeconds: {
		displayName: 'Rate Limit Deadline (Seconds)',
		name: 'rateLimitDeadlineSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 900,
		description:
			'Longest a request waits in all for MoEngage answers 429 (rate limit exceeded) that say when to come back, e.g. while other workers or workflows fill the workspace\'s limit. A wait beyond it fails the request with the time MoEngage asked for.',
	},
	rateWindowSeconds: {
		displayName: 'Rate Window (Seconds)',
		name: 'rateWindowSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description:
			'Window over which the per-minute rates are enforced; each window gets the per-minute rate scaled to its length. Keep 60 unless MoEngage measures your limits differently.',
	},
	retryBaseDelayMs: {
		displayName: 'Retry Base Delay (Ms)',
		name: 'retryBaseDelayMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1000,
		description: 'First wait before a retry; it doubles with each further attempt (with jitter)',
	},
	timeoutMs: {
		displayName: 'Timeout (Ms)',
		name: 'timeoutMs',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: 30000,
		description: 'How long to wait for MoEngage to answer one request',
	},
	usersPerMinute: {
		displayName: 'User Updates per Minute',
		name: 'usersPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			"Most user updates to send a minute, counted across all executions of this n8n instance for the workspace. 0: MoEngage's limit for the endpoint (60,000 in bulk imports, 10,000 for Track User with Batch off), then what MoEngage's rate-limit headers report for the workspace. Set a number only to stay below that, e.g. to leave room for other senders.",
	},
};

/** The Options collection of one operation, with the options that apply to it. */
export function optionsProperty(resource: string, operation: string, names: OptionName[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showFor(resource, operation) },
		options: byDisplayName(names.map((name) => OPTIONS[name])),
	};
}

/** Options every operation has. */
export const RETRY_OPTIONS: OptionName[] = ['maxAttempts', 'rateLimitDeadlineSeconds', 'retryBaseDelayMs', 'timeoutMs'];
