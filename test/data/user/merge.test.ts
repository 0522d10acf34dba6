/**
 * User → Merge (nodes/MoEngageData/actions/user/merge.operation.ts), run through n8n-core against
 * the sandbox over HTTP: the request path, headers and body it sends, and the output item it
 * returns.
 */
import { mergeSchema } from '../../../nodes/MoEngageData/schemas/dataApi';
import { expectDataHeaders, output, runData, useSandbox, WS } from '../helpers';

const sb = useSandbox();

describe('User → Merge', () => {
	test('pairs of consecutive items share calls of at most 50 pairs', async () => {
		const pair = (k: number) => ({
			mergedCustomerId: `={{ "old-" + $json.n + "-${k}" }}`,
			retainedCustomerId: '={{ "new-" + $json.n }}',
		});
		const result = await runData(sb, {
			resource: 'user',
			operation: 'merge',
			parameters: { merges: { pair: Array.from({ length: 20 }, (_, k) => pair(k)) } },
			items: [{ n: 1 }, { n: 2 }, { n: 3 }],
		});
		const items = output(result);
		// 20 + 20 fit in one call; the third item's 20 pairs would make 60.
		expect(sb.requests.map((r) => (r.body as { merge_data: unknown[] }).merge_data.length)).toEqual([40, 20]);
		for (const request of sb.requests) {
			expect(request.path).toBe('/v1/customer/merge');
			expect(request.query).toEqual({ app_id: WS });
			expectDataHeaders(sb, request);
			expect(mergeSchema.safeParse(request.body).success).toBe(true);
		}
		expect((sb.requests[0].body as { merge_data: unknown[] }).merge_data[0]).toEqual({
			merged_user: 'old-1-0',
			retained_user: 'new-1',
		});
		expect(items.map((i) => [i.json.requestIndex, i.json.batchSize])).toEqual([
			[0, 2],
			[0, 2],
			[1, 1],
		]);
		expect(sb.accepted().filter((a) => a.kind === 'merge')).toHaveLength(60);
	});
});
