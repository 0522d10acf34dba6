/**
 * Cohort → Remove Members (nodes/MoEngageData/actions/cohort/members.ts, delivery/cohortSync.ts),
 * run through n8n-core against the sandbox over HTTP: pacing per request (scaled down with the
 * rate window), 10,000 removals packed under 128,000 bytes, membership at the sandbox, unknown
 * users, names, a failed request, pairedItem.
 */
import { sleep } from 'n8n-workflow';

import { expectDataHeaders, output, runData, useSandbox } from '../helpers';
import { bodyOf, COHORT_PATH, cohortRequests, MAX_COHORT_BYTES, uidsOf, userIds } from './cohortHelpers';

const sb = useSandbox();
beforeEach(() => {
	sb.clearCohorts();
	sb.resetRateLimits();
});

const REMOVE = {
	resource: 'cohort',
	operation: 'removeMembers',
	parameters: { cohortName: 'VIP_Buyers', cohortId: 'vip-2026', customerId: '={{ $json.id }}' },
};

describe('Cohort → Remove Members', () => {
	// First in the file: the workspace's pacer still counts this file's earlier requests for a window.
	test('requests are paced at 300 a minute (scaled down: a 1 s window allows 5), without a 429', async () => {
		sb.addUsers(['pace-1']);
		sb.setRateLimits({ cohortRequestsPerWindow: 5, cohortWindowMs: 1000 });
		const started = Date.now();
		// Twelve cohorts: twelve requests.
		const items = output(
			await runData(sb, {
				...REMOVE,
				parameters: { ...REMOVE.parameters, cohortId: '={{ "pace-" + $json.n }}' },
				options: { rateWindowSeconds: 1 },
				items: Array.from({ length: 12 }, (_, n) => ({ id: 'pace-1', n })),
			}),
		);
		const elapsed = Date.now() - started;
		const requests = cohortRequests(sb);
		expect(requests).toHaveLength(12);
		expect(requests.map((r) => r.status)).toEqual(Array(12).fill(200));
		expect(items.every((i) => i.json.status === 'success')).toBe(true);
		// 5 + 5 + 2: at least two full windows of waiting.
		expect(elapsed).toBeGreaterThanOrEqual(2000);
		for (const request of requests) {
			const inWindow = requests.filter((r) => r.receivedAt >= request.receivedAt && r.receivedAt < request.receivedAt + 1000);
			expect(inWindow.length).toBeLessThanOrEqual(5);
		}
	}, 30_000);

	test('Requests per Minute scales the pace (120 a minute in a 1 s window: 2 a window)', async () => {
		sb.addUsers(['pace-2']);
		sb.setRateLimits({ cohortRequestsPerWindow: 2, cohortWindowMs: 1000 });
		await sleep(1100); // the previous test's window leaves the pacer
		const items = output(
			await runData(sb, {
				...REMOVE,
				parameters: { ...REMOVE.parameters, cohortId: '={{ "rpm-" + $json.n }}' },
				options: { rateWindowSeconds: 1, cohortRequestsPerMinute: 120 },
				items: Array.from({ length: 5 }, (_, n) => ({ id: 'pace-2', n })),
			}),
		);
		const requests = cohortRequests(sb);
		expect(requests.map((r) => r.status)).toEqual(Array(5).fill(200));
		expect(items.every((i) => i.json.status === 'success')).toBe(true);
		for (const request of requests) {
			const inWindow = requests.filter((r) => r.receivedAt >= request.receivedAt && r.receivedAt < request.receivedAt + 1000);
			expect(inWindow.length).toBeLessThanOrEqual(2);
		}
	}, 30_000);

	test('10,000 users are removed in requests of at most 128,000 bytes, each user once; the others stay', async () => {
		sb.setRateLimits({ cohortRequestsPerWindow: 300, cohortWindowMs: 60_000 });
		const ids = userIds('member', 10_000);
		const stay = userIds('stays', 50);
		sb.addUsers([...ids, ...stay]);
		output(
			await runData(sb, {
				resource: 'cohort',
				operation: 'addMembers',
				parameters: REMOVE.parameters,
				items: [...ids, ...stay].map((id) => ({ id })),
			}),
		);
		expect(sb.cohorts.get('vip-2026')!.members.size).toBe(10_050);
		sb.clearRequests();

		const items = output(await runData(sb, { ...REMOVE, items: ids.map((id) => ({ id })) }));
		const requests = cohortRequests(sb);
		expect(requests.length).toBeGreaterThan(1);
		for (const request of requests) {
			expect(request.status).toBe(200);
			expect(request.bytes).toBeLessThanOrEqual(MAX_COHORT_BYTES);
			expectDataHeaders(sb, request);
			expect(bodyOf(request)).toMatchObject({ action: 'remove_members', partner: 'n8n' });
			expect(bodyOf(request).parameters.cohort_description).toBeUndefined();
		}
		expect(requests.flatMap(uidsOf)).toEqual(ids);
		expect([...sb.cohorts.get('vip-2026')!.members].sort()).toEqual(stay);
		expect(items).toHaveLength(ids.length);
		items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ status: 'success', action: 'remove_members', members: [ids[i]] });
		});
	}, 180_000);

	test('unknown users: reported per item with Check Members Exist', async () => {
		sb.addUsers(['r-1']);
		const items = output(
			await runData(sb, { ...REMOVE, options: { checkMembersExist: true }, items: [{ id: 'r-1' }, { id: 'r-ghost' }] }),
		);
		expect(items.map((i) => [i.json.known, i.json.unknownUsers])).toEqual([
			[true, []],
			[false, ['r-ghost']],
		]);
		expect(cohortRequests(sb)[0].ignoredMembers).toEqual(['r-ghost']);
	});

	test('a bad cohort name or member ID fails before any request', async () => {
		const badName = await runData(sb, { ...REMOVE, parameters: { ...REMOVE.parameters, cohortName: 'a>b' }, items: [{ id: 'r-1' }] });
		expect(badName.error?.message).toMatch(/^Item 0: "Cohort Name" is "a>b", which contains ">"/);
		const badId = await runData(sb, { ...REMOVE, items: [{ id: 'r-1' }, { id: ['r-2', 'null'] }] });
		expect(badId.error?.message).toMatch(/^Item 1: "Customer ID\[1\]" is "null", which MoEngage refuses/);
		expect(sb.requests).toHaveLength(0);
	});

	test('a failed request (server errors past the retries) fails exactly its items', async () => {
		sb.addUsers(['x-1', 'y-1']);
		// FAST_RETRY: 2 attempts.
		sb.injectFaults({ kind: 'status', status: 500, pathPrefix: COHORT_PATH }, { kind: 'status', status: 500, pathPrefix: COHORT_PATH });
		const items = output(
			await runData(sb, {
				...REMOVE,
				parameters: { ...REMOVE.parameters, cohortId: '={{ $json.c }}' },
				continueOnFail: true,
				items: [
					{ c: 'x', id: 'x-1' },
					{ c: 'y', id: 'y-1' },
				],
			}),
		);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.error).toBeDefined();
		expect(String(items[0].json.details)).toMatch(/Cohort request 0 carried 1 member\(s\) of 1 item\(s\)/);
		expect(items[1].json.status).toBe('success');
	});
});

describe('Cohort → Remove Members, Check Members Exist on a workspace with the older Get User form', () => {
	const rootSb = useSandbox({ getUserBodyForm: 'root' });

	test('the lookup falls back once to the root-level form and keeps it for the run', async () => {
		rootSb.addUsers(userIds('old', 25));
		const items = output(
			await runData(rootSb, {
				...REMOVE,
				options: { checkMembersExist: true },
				items: [...userIds('old', 25), 'old-ghost'].map((id) => ({ id })),
			}),
		);
		const lookups = rootSb.requests.filter((r) => r.path === '/v1/customers/export');
		expect(lookups.map((r) => [r.status, 'data' in (r.body as object)])).toEqual([
			[400, true],
			[200, false],
			[200, false],
		]);
		expect(items[25].json).toMatchObject({ status: 'success', known: false, unknownUsers: ['old-ghost'] });
		expect(items[0].json).toMatchObject({ status: 'success', known: true });
	});
});
