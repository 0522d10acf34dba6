import type { INodeProperties } from 'n8n-workflow';

import { MoEngageData } from '../../nodes/MoEngageData/MoEngageData.node';
import { COHORT_REQUESTS_PER_MINUTE } from '../../nodes/MoEngageData/limits';
import { RETRY_POLICIES } from '../../nodes/shared/transport/retryPolicy';

/**
 * n8n's lint only accepts literal defaults in node descriptions, so the Options defaults repeat
 * the run-time defaults: what the editor shows must be what the node does when an option is unset.
 * The event and user rates show 0, "MoEngage's limit for the endpoint" (test/data/pacing.test.ts
 * checks what that paces at).
 */
const EXPECTED: Record<string, number> = {
	maxAttempts: RETRY_POLICIES.data.maxAttempts,
	retryBaseDelayMs: RETRY_POLICIES.data.baseDelayMs,
	timeoutMs: RETRY_POLICIES.data.timeoutMs,
	rateWindowSeconds: RETRY_POLICIES.data.rateLimitWindowMs / 1000,
	rateLimitDeadlineSeconds: RETRY_POLICIES.data.rateLimitDeadlineMs / 1000,
	eventsPerMinute: 0,
	usersPerMinute: 0,
	cohortRequestsPerMinute: COHORT_REQUESTS_PER_MINUTE,
};

const optionFields = new MoEngageData().description.properties
	.filter((property) => property.name === 'options')
	.flatMap((collection) => (collection.options ?? []) as INodeProperties[])
	.filter((option) => option.name in EXPECTED)
	.map((option): [string, unknown] => [option.name, option.default]);

test('every numeric default the run uses is offered somewhere in Options', () => {
	expect(new Set(optionFields.map(([name]) => name))).toEqual(new Set(Object.keys(EXPECTED)));
});

test.each(optionFields)('the %s option shows the default the run uses', (name, shown) => {
	expect(shown).toBe(EXPECTED[name]);
});
