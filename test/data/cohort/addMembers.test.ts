/**
 * Cohort → Add Members (nodes/MoEngageData/actions/cohort/members.ts, delivery/cohortSync.ts), run
 * through n8n-core against the sandbox over HTTP: packing into requests of at most 128,000 bytes,
 * membership at the sandbox, unknown users, cohort name rules, a failed request, pairedItem.
 */
import { expectDataHeaders, output, runData, useSandbox } from '../helpers';
import { bodyOf, COHORT_PATH, cohortRequests, fewestRequests, MAX_COHORT_BYTES, uidsOf, userIds } from './cohortHelpers';

const sb = useSandbox();
beforeEach(() => sb.clearCohorts());

const ADD = {
	resource: 'cohort',
	operation: 'addMembers',
	parameters: {
		cohortName: 'VIP_Buyers',
		cohortId: 'vip-2026',
		cohortDescription: 'Top buyers',
		customerId: '={{ $json.id }}',
	},
};

describe('Cohort → Add Members', () => {
	test('10,000 users are packed into the fewest requests of at most 128,000 bytes, each user once, in input order', async () => {
		const ids = userIds('cohort-user', 10_000);
		sb.addUsers(ids);
		const result = await runData(sb, { ...ADD, items: ids.map((id) => ({ id })) });
		const items = output(result);

		const requests = cohortRequests(sb);
		const envelope = Buffer.byteLength(
			JSON.stringify({
				action: 'add_members',
				partner: 'n8n',
				parameters: { cohort_name: 'VIP_Buyers', cohort_id: 'vip-2026', cohort_description: 'Top buyers', members: [] },
			}),
		);
		const memberBytes = Buffer.byteLength(JSON.stringify({ uid: ids[0] }));
		expect(requests).toHaveLength(fewestRequests(ids.length, memberBytes, envelope));
		expect(requests.length).toBeGreaterThan(1);
		for (const [n, request] of requests.entries()) {
			expect(request.status).toBe(200);
			expect(request.path).toBe(COHORT_PATH);
			expectDataHeaders(sb, request);
			expect(request.bytes).toBeLessThanOrEqual(MAX_COHORT_BYTES);
			expect(Buffer.byteLength(request.rawBody)).toBe(request.bytes);
			// Every request but the last is full: one more member would have gone over the cap.
			if (n < requests.length - 1) expect(request.bytes + memberBytes + 1).toBeGreaterThan(MAX_COHORT_BYTES);
			expect(bodyOf(request)).toMatchObject({
				action: 'add_members',
				partner: 'n8n',
				parameters: { cohort_name: 'VIP_Buyers', cohort_id: 'vip-2026', cohort_description: 'Top buyers' },
			});
		}
		expect(requests.flatMap(uidsOf)).toEqual(ids);
		expect([...sb.cohorts.get('vip-2026')!.members].sort()).toEqual(ids);
		expect(sb.accepted().filter((a) => a.kind === 'cohortMember')).toHaveLength(ids.length);

		expect(items).toHaveLength(ids.length);
		items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({
				status: 'success',
				action: 'add_members',
				cohortName: 'VIP_Buyers',
				cohortId: 'vip-2026',
				members: [ids[i]],
				membersChecked: false,
			});
		});
		const perRequest = items.map((i) => i.json.requestIndex as number);
		expect(perRequest).toEqual([...perRequest].sort((a, b) => a - b));
		expect(new Set(perRequest).size).toBe(requests.length);
		expect(items[0].json.note).toMatch(/MoEngage ignores users it does not know/);
	}, 120_000);

	test('items of different cohorts go in separate payloads; each item takes one ID or a list, sent once per request', async () => {
		sb.addUsers(['a-1', 'a-2', 'a-3', 'b-1']);
		const result = await runData(sb, {
			...ADD,
			parameters: { ...ADD.parameters, cohortName: '={{ $json.c }}', cohortId: '={{ $json.c.toLowerCase() }}', customerId: '={{ $json.ids }}' },
			items: [
				{ c: 'A', ids: 'a-1' },
				{ c: 'B', ids: ['b-1'] },
				{ c: 'A', ids: ['a-2', 'a-3', 'a-1'] },
			],
		});
		const items = output(result);
		const requests = cohortRequests(sb);
		expect(requests.map((r) => [bodyOf(r).parameters.cohort_id, uidsOf(r)])).toEqual([
			['a', ['a-1', 'a-2', 'a-3']],
			['b', ['b-1']],
		]);
		expect(items.map((i) => [i.json.requestIndex, i.json.batchSize, i.json.members])).toEqual([
			[0, 2, ['a-1']],
			[1, 1, ['b-1']],
			[0, 2, ['a-2', 'a-3', 'a-1']],
		]);
		expect([...sb.cohorts.get('a')!.members].sort()).toEqual(['a-1', 'a-2', 'a-3']);
	});

	test('Partner is sent as set in Options', async () => {
		sb.addUsers(['p-1']);
		await runData(sb, { ...ADD, options: { partner: 'acme-sync' }, items: [{ id: 'p-1' }] });
		expect(bodyOf(cohortRequests(sb)[0]).partner).toBe('acme-sync');
	});

	describe('users MoEngage does not know', () => {
		test('without Check Members Exist they are sent, MoEngage ignores them, and each item says members were not checked', async () => {
			sb.addUsers(['known-1']);
			const items = output(await runData(sb, { ...ADD, items: [{ id: 'known-1' }, { id: 'ghost-1' }] }));
			expect(sb.requests.filter((r) => r.path !== COHORT_PATH)).toHaveLength(0);
			expect(cohortRequests(sb)[0].ignoredMembers).toEqual(['ghost-1']);
			expect(items.map((i) => [i.json.status, i.json.membersChecked])).toEqual([
				['success', false],
				['success', false],
			]);
			expect(items[1].json.unknownUsers).toBeUndefined();
		});

		test('with Check Members Exist they are looked up first (20 a call) and reported per item', async () => {
			const known = userIds('known', 30);
			sb.addUsers(known);
			const result = await runData(sb, {
				...ADD,
				options: { checkMembersExist: true },
				items: [
					...known.map((id) => ({ id })),
					{ id: 'ghost-1' },
					{ id: ['known-00000', 'ghost-2', 'ghost-3'] },
				],
			});
			const items = output(result);
			const lookups = sb.requests.filter((r) => r.path === '/v1/customers/export');
			// 33 distinct users: 20 + 13.
			expect(lookups.map((r) => (r.body as { data: { identifiers: unknown[] } }).data.identifiers.length)).toEqual([20, 13]);
			expect(lookups.every((r) => r.status === 200)).toBe(true);
			expect(items[0].json).toMatchObject({ status: 'success', membersChecked: true, known: true, unknownUsers: [] });
			expect(items[30].json).toMatchObject({ status: 'success', known: false, unknownUsers: ['ghost-1'] });
			expect(items[31].json).toMatchObject({ status: 'success', known: false, unknownUsers: ['ghost-2', 'ghost-3'] });
			expect(cohortRequests(sb)[0].ignoredMembers).toEqual(['ghost-1', 'ghost-2', 'ghost-3']);
			expect(sb.cohorts.get('vip-2026')!.members.size).toBe(30);
		});

		test('a lookup MoEngage refuses (Get User not enabled) fails exactly the items it carried, which are not sent', async () => {
			sb.addUsers(userIds('lk', 25));
			sb.injectFaults({ kind: 'status', status: 403, pathPrefix: '/v1/customers/export' });
			const items = output(
				await runData(sb, {
					...ADD,
					options: { checkMembersExist: true },
					continueOnFail: true,
					items: userIds('lk', 25).map((id) => ({ id })),
				}),
			);
			expect(items.slice(0, 20).every((i) => typeof i.json.error === 'string')).toBe(true);
			expect(String(items[0].json.details)).toMatch(/Get User API, which MoEngage enables per workspace/);
			expect(items.slice(20).map((i) => i.json.status)).toEqual(Array(5).fill('success'));
			expect(uidsOf(cohortRequests(sb)[0])).toEqual(userIds('lk', 25).slice(20));
		});
	});

	describe('cohort names are checked before any request', () => {
		test.each([
			['a|b', /contains "\|"/],
			['VIP*', /contains "\*"/],
			['who?', /contains "\?"/],
			['a\\b', /contains "\\\\"/],
			['a:b', /contains ":"/],
			['<x>', /contains "<", ">"/],
			['a=b', /contains "="/],
			['$vip', /contains "\$"/],
			['say "hi"', /contains "\\""/],
			['.hidden', /starts with "\."/],
		])('%s fails its item, naming item, field and fix', async (name, problem) => {
			sb.addUsers(['n-1']);
			const result = await runData(sb, {
				...ADD,
				parameters: { ...ADD.parameters, cohortName: '={{ $json.name }}' },
				items: [{ id: 'n-1', name: 'Fine_Name' }, { id: 'n-1', name }],
			});
			expect(result.error?.message).toMatch(/^Item 1: "Cohort Name" is /);
			expect(result.error?.message).toMatch(problem);
			expect(result.error?.description).toMatch(/Remove|leading period/);
			expect(sb.requests).toHaveLength(0);
		});

		test('Cohort Name Leading Period: Require (the older reference) wants a leading "."; Do Not Check sends either', async () => {
			sb.addUsers(['n-1']);
			const required = await runData(sb, { ...ADD, options: { cohortNameLeadingPeriod: 'require' }, items: [{ id: 'n-1' }] });
			expect(required.error?.message).toMatch(/^Item 0: "Cohort Name" is "VIP_Buyers", which does not start with "\."/);
			expect(sb.requests).toHaveLength(0);
			const unchecked = await runData(sb, {
				...ADD,
				parameters: { ...ADD.parameters, cohortName: '.VIP' },
				options: { cohortNameLeadingPeriod: 'allow' },
				items: [{ id: 'n-1' }],
			});
			// The sandbox follows the current reference (no leading period), so MoEngage's 400 fails the item.
			expect(unchecked.error?.message).toBeDefined();
			expect(cohortRequests(sb)).toHaveLength(1);
		});

		test('with Continue On Fail, only the bad items fail; the others are sent', async () => {
			sb.addUsers(['n-1', 'n-2']);
			const items = output(
				await runData(sb, {
					...ADD,
					parameters: { ...ADD.parameters, cohortName: '={{ $json.name }}', cohortId: '={{ $json.cid }}' },
					continueOnFail: true,
					items: [
						{ id: 'n-1', name: 'Good', cid: 'g' },
						{ id: 'n-2', name: 'Bad|Name', cid: 'g' },
						{ id: 'n-2', name: 'Good', cid: '' },
						{ id: 'guest', name: 'Good', cid: 'g' },
						{ id: { nested: true }, name: 'Good', cid: 'g' },
					],
				}),
			);
			expect(items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
			expect(items[0].json.status).toBe('success');
			expect(items[1].json.error).toMatch(/^Item 1: "Cohort Name"/);
			expect(items[2].json.error).toMatch(/^Item 2: "Cohort ID" is empty/);
			expect(items[3].json.error).toMatch(/^Item 3: "Customer ID" is "guest", which MoEngage refuses/);
			expect(items[4].json.error).toMatch(/^Item 4: "Customer ID" is an object/);
			expect(cohortRequests(sb).flatMap(uidsOf)).toEqual(['n-1']);
		});
	});

	test('an item whose list alone is over 128,000 bytes fails before any request, saying how to split it', async () => {
		const result = await runData(sb, { ...ADD, items: [{ id: userIds('a-rather-long-user-identifier', 6_000) }] });
		expect(result.error?.message).toMatch(/^Item 0: "Customer ID" holds 6,000 IDs, [\d,]+ bytes once serialised; MoEngage takes at most 128,000 bytes/);
		expect(result.error?.description).toMatch(/Split the list over several items/);
		expect(sb.requests).toHaveLength(0);
	});

	test('a failed request fails exactly its items (Continue On Fail); the other cohort is sent', async () => {
		sb.addUsers(['a-1', 'a-2', 'b-1', 'b-2']);
		sb.injectFaults({ kind: 'status', status: 400, pathPrefix: COHORT_PATH });
		const items = output(
			await runData(sb, {
				...ADD,
				parameters: { ...ADD.parameters, cohortName: '={{ $json.c }}', cohortId: '={{ $json.c }}' },
				continueOnFail: true,
				items: [
					{ c: 'A', id: 'a-1' },
					{ c: 'B', id: 'b-1' },
					{ c: 'A', id: 'a-2' },
					{ c: 'B', id: 'b-2' },
				],
			}),
		);
		expect(items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(items.map((i) => (i.json.error ? 'failed' : i.json.status))).toEqual(['failed', 'success', 'failed', 'success']);
		expect(String(items[0].json.details)).toMatch(/Cohort request 0 carried 2 member\(s\) of 2 item\(s\) for cohort "A"/);
		expect(sb.cohorts.get('A')).toBeUndefined();
		expect([...sb.cohorts.get('B')!.members]).toEqual(['b-1', 'b-2']);
	});

	test('without Continue On Fail, a failed request stops the run with its item error', async () => {
		sb.addUsers(['a-1']);
		sb.injectFaults({ kind: 'status', status: 400, pathPrefix: COHORT_PATH });
		const result = await runData(sb, { ...ADD, items: [{ id: 'a-1' }] });
		expect(result.error).toBeDefined();
		expect(sb.cohorts.size).toBe(0);
	});
});
