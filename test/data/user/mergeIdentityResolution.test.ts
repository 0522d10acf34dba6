/**
 * User → Merge in a workspace with Identity Resolution, where MoEngage disables the Merge API:
 * the item's error says why and what to do instead.
 */
import { mergeRefusalHint } from '../../../nodes/MoEngageData/delivery/mergePairs';
import { output, runData, useSandbox } from '../helpers';

const sb = useSandbox({ identityResolution: true });

const merge = { merges: { pair: [{ mergedCustomerId: 'old-1', retainedCustomerId: 'new-1' }] } };

describe('User → Merge with Identity Resolution', () => {
	test('the refusal explains that MoEngage merges users sharing an identifier itself', async () => {
		const result = await runData(sb, { resource: 'user', operation: 'merge', parameters: merge, continueOnFail: true });
		const [item] = output(result);
		expect(sb.requests).toHaveLength(1);
		expect(sb.requests[0].status).toBe(403);
		expect(item.json.status).toBeUndefined();
		expect(String(item.json.details)).toContain(
			'Merge is disabled in workspaces with Identity Resolution: MoEngage merges users sharing an identifier itself',
		);
		expect(String(item.json.details)).toContain('Identify By: Identifiers');
	});

	test('without Continue On Fail the run stops with the same explanation', async () => {
		const result = await runData(sb, { resource: 'user', operation: 'merge', parameters: merge });
		expect(result.error?.description).toContain('Merge is disabled in workspaces with Identity Resolution');
	});

	test('the hint is only given for refusals that can come from Identity Resolution', () => {
		const failure = (httpCode: number, message: string) => ({ httpCode, message, details: [] });
		expect(mergeRefusalHint(failure(400, 'Merge is not allowed: identity resolution is enabled'))).toMatch(/^Merge is disabled/);
		expect(mergeRefusalHint(failure(403, 'Forbidden'))).toMatch(/^If the workspace has Identity Resolution: merge is disabled/);
		expect(mergeRefusalHint(failure(403, 'Account Temporarily Suspended.'))).toBeUndefined();
		expect(mergeRefusalHint(failure(400, 'merged_user is expected to be String or Unicode String.'))).toBeUndefined();
	});
});

describe('User → Merge without Identity Resolution', () => {
	const plain = useSandbox();

	test('merges as before', async () => {
		const result = await runData(plain, { resource: 'user', operation: 'merge', parameters: merge });
		expect(output(result)[0].json.status).toBe('success');
	});
});
