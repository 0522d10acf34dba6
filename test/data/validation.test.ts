/**
 * Every check runs before any request. A bad item fails alone (Continue On Fail) with a message
 * naming the item, the field and the fix, while the good items still reach MoEngage; without
 * Continue On Fail the first bad item stops the run before anything is sent.
 */
import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import { checkEventTime, checkTimezoneOffset, toMoEngageDate } from '../../nodes/shared/validation/dates';
import type { DataRun } from './helpers';
import { NODE_NAME } from '../support/runNode';
import { output, runData, useSandbox } from './helpers';

const sb = useSandbox();

const userRun = (items: IDataObject[], extra: Partial<DataRun> = {}): DataRun => ({
	resource: 'user',
	operation: 'createOrUpdate',
	parameters: {
		customerId: '={{ $json.id }}',
		attributesMode: 'json',
		attributesJson: '={{ JSON.stringify($json.attrs ?? {}) }}',
	},
	items,
	continueOnFail: true,
	...extra,
});

const eventRun = (items: IDataObject[], batch = true): DataRun => ({
	resource: 'event',
	operation: 'track',
	parameters: {
		customerId: '={{ $json.id }}',
		eventName: '={{ $json.event ?? "Viewed" }}',
		attributesMode: 'fields',
		additionalFields: {
			userTime: '={{ $json.userTime ?? "" }}',
			userTimezoneOffset: '={{ $json.offset ?? 0 }}',
		},
	},
	options: { batch },
	items,
	continueOnFail: true,
});

/** customer_ids MoEngage accepted, in order. */
const acceptedIds = () => sb.accepted().map((a) => a.customer_id);

/** The error texts of the output, by item. */
function errorsOf(items: ReturnType<typeof output>): Array<[number, string, string]> {
	return items
		.map(
			(item, index) =>
				[index, String(item.json.error ?? ''), String(item.json.details ?? '')] as [number, string, string],
		)
		.filter(([, error]) => error !== '');
}

describe('customer_id', () => {
	test('a blocked value fails its item alone, with the fix; the others are sent', async () => {
		const items = output(await runData(sb, userRun([{ id: 'u-1' }, { id: 'Guest' }, { id: 'u-3' }])));
		expect(errorsOf(items)).toEqual([
			[
				1,
				'Item 1: "Customer ID" is "Guest", which MoEngage refuses',
				expect.stringContaining("Use the user's real unique ID"),
			],
		]);
		expect(acceptedIds()).toEqual(['u-1', 'u-3']);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.status).toBe('success');
	});

	test('surrounding spaces are trimmed, in users, events and merges alike (" padded-user " is the user "padded-user")', async () => {
		const users = output(await runData(sb, userRun([{ id: ' padded-user ' }, { id: '\tu-2\n' }])));
		expect(users.map((i) => i.json.customer_id)).toEqual(['padded-user', 'u-2']);
		expect(acceptedIds()).toEqual(['padded-user', 'u-2']);
		sb.clearRequests();
		await runData(sb, eventRun([{ id: ' padded-user ' }], false));
		expect((sb.requests[0].body as { customer_id: string }).customer_id).toBe('padded-user');
		sb.clearRequests();
		await runData(sb, {
			resource: 'user',
			operation: 'merge',
			parameters: { merges: { pair: [{ mergedCustomerId: ' old-id ', retainedCustomerId: ' new-id ' }] } },
			items: [{}],
		});
		expect(sb.requests[0].body).toMatchObject({ merge_data: [{ merged_user: 'old-id', retained_user: 'new-id' }] });
	});

	test('missing, one character, or not text', async () => {
		const items = output(await runData(sb, userRun([{ id: '' }, { id: 'x' }, { id: { a: 1 } }, { id: 12345 }])));
		expect(errorsOf(items).map(([i, e]) => [i, e])).toEqual([
			[0, 'Item 0: "Customer ID" is empty'],
			[1, 'Item 1: "Customer ID" is "x", but MoEngage needs at least 2 characters'],
			[2, 'Item 2: "Customer ID" is an object, but it must be text'],
		]);
		// A whole number is a usable ID: it is sent as text.
		expect(acceptedIds()).toEqual(['12345']);
	});

	test('every blocked value of the Data API doc is refused', async () => {
		const blocked = [
			'unknown',
			'guest',
			'null',
			'0',
			'1',
			'true',
			'false',
			'user_attribute_unique_id',
			'(empty)',
			'na',
			'n/a',
			'dummy_seller_code',
			'user_id',
			'id',
			'customer_id',
			'uid',
			'userid',
			'none',
			'-2',
			'-1',
			'2',
		];
		const items = output(await runData(sb, userRun(blocked.map((id) => ({ id: ` ${id.toUpperCase()} ` })))));
		expect(items.every((i) => /which MoEngage refuses|at least 2 characters/.test(String(i.json.error)))).toBe(true);
		expect(sb.requests).toHaveLength(0);
	});
});

describe('reserved moe_ names', () => {
	test("MoEngage's documented moe_ user attributes (subscription and opt-in states) are sent; other moe_ names are not", async () => {
		const documented = { moe_sms_subscription: true, moe_wa_subscription: false, moe_email_optin_status: 'opted_in', moe_unsubscribe: false };
		const items = output(
			await runData(
				sb,
				userRun([
					{ id: 'u-1', attrs: documented },
					{ id: 'u-2', attrs: { moe_mobile_number: '123' } },
				], { options: { batch: false } }),
			),
		);
		expect(items[0].json.status).toBe('success');
		expect(String(items[1].json.error)).toContain('"moe_mobile_number": names starting with "moe_" are reserved');
		expect(sb.requests.map((r) => r.status)).toEqual([200]);
		expect((sb.requests[0].body as { attributes: unknown }).attributes).toEqual(documented);
	});

	test('an attribute name starting with moe_ fails its item', async () => {
		const items = output(
			await runData(
				sb,
				userRun([
					{ id: 'u-1', attrs: { MOE_score: 3 } },
					{ id: 'u-2', attrs: { score: 3 } },
				]),
			),
		);
		expect(errorsOf(items)).toEqual([
			[
				0,
				'Item 0: "Attributes (JSON) → attribute name" is "MOE_score": names starting with "moe_" are reserved for MoEngage\'s own attributes',
				'Rename it, e.g. to "score".',
			],
		]);
		expect(acceptedIds()).toEqual(['u-2']);
	});

	test('an event name starting with moe_ fails its item', async () => {
		const items = output(await runData(sb, eventRun([{ id: 'u-1', event: 'moe_clicked' }, { id: 'u-2' }])));
		expect(errorsOf(items).map(([i, e]) => [i, e])).toEqual([
			[0, 'Item 0: "Event Name" is "moe_clicked": names starting with "moe_" are reserved for MoEngage\'s own events'],
		]);
		expect(sb.accepted().map((a) => [a.customer_id, a.action])).toEqual([['u-2', 'Viewed']]);
	});
});

describe('dates', () => {
	test('JavaScript and Luxon dates, ISO strings, epoch seconds and milliseconds become MoEngage dates', () => {
		expect(toMoEngageDate(new Date(Date.UTC(2024, 5, 1, 12, 30, 15, 999)))).toBe('2024-06-01T12:30:15Z');
		expect(toMoEngageDate(DateTime.fromISO('2024-06-01T14:30:15+02:00', { setZone: true }))).toBe(
			'2024-06-01T12:30:15Z',
		);
		expect(toMoEngageDate('2024-06-01T14:30:15.123+02:00')).toBe('2024-06-01T12:30:15Z');
		expect(toMoEngageDate('2024-06-01T12:30')).toBe('2024-06-01T12:30:00Z');
		expect(toMoEngageDate('2024-06-01 12:30:15Z')).toBe('2024-06-01T12:30:15Z');
		expect(toMoEngageDate('2024-06-01')).toBe('2024-06-01');
		expect(toMoEngageDate(1717245015)).toBe('2024-06-01T12:30:15Z');
		expect(toMoEngageDate('1717245015')).toBe('2024-06-01T12:30:15Z');
		expect(toMoEngageDate(1717245015123)).toBe('2024-06-01T12:30:15Z');
	});

	test('an 8-digit text that is a calendar date is ISO 8601 basic (20240501, as BigQuery exports dates), not 1970', () => {
		expect(toMoEngageDate('20240501')).toBe('2024-05-01');
		expect(toMoEngageDate(' 19991231 ')).toBe('1999-12-31');
		expect(checkEventTime('20240501', Date.UTC(2024, 5, 1))).toEqual({ ok: true, value: '2024-05-01T00:00:00Z' });
		// Not a calendar date: still epoch seconds, as before.
		const epochSeconds = (n: number) => `${new Date(n * 1000).toISOString().slice(0, 19)}Z`;
		expect(toMoEngageDate('20241301')).toBe(epochSeconds(20241301));
		expect(toMoEngageDate('2024050')).toBe(epochSeconds(2024050));
		for (const bad of ['2024-02-30', '2024-13-01', 'tomorrow', '31/05/2024', '', {}, true, Number.NaN, new Date('x')]) {
			expect(toMoEngageDate(bad)).toBeUndefined();
		}
	});

	test('MoEngage\'s own form YYYY-MM-DDTHH:mm:ssZ reads exactly as the general ISO reader reads it', () => {
		// The common form has a fast path; the same instant written with +00:00 takes the general one.
		const samples = [
			'2024-02-29T23:59:59Z', '2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T12:00:00Z',
			'2024-04-31T00:00:00Z', '2024-12-31T24:00:00Z', '2024-12-31T23:60:00Z', '2024-12-31T23:59:60Z',
			'2024-00-10T00:00:00Z', '2024-13-10T00:00:00Z', '2024-01-00T00:00:00Z', '1000-01-01T00:00:00Z',
			'9999-12-31T23:59:59Z', '2024-06-01T12:30:15Z',
		];
		for (let i = 0; i < 400; i++) {
			const pad = (n: number) => String(n).padStart(2, '0');
			samples.push(`${1000 + ((i * 7919) % 9000)}-${pad(i % 14)}-${pad((i * 7) % 33)}T${pad(i % 25)}:${pad((i * 3) % 61)}:${pad((i * 11) % 61)}Z`);
		}
		for (const text of samples) {
			expect([text, toMoEngageDate(text)]).toEqual([text, toMoEngageDate(text.replace('Z', '+00:00'))]);
			const now = Date.UTC(9999, 11, 31);
			const fast = checkEventTime(text, now);
			const general = checkEventTime(text.replace('Z', '+00:00'), now);
			expect([text, fast.ok, fast.ok && fast.value]).toEqual([text, general.ok, general.ok && general.value]);
		}
		// Not the canonical form: read by the general reader, or refused.
		expect(toMoEngageDate('0999-01-01T00:00:00Z')).toBeUndefined();
		expect(toMoEngageDate('2024-06-01t12:30:15z')).toBe('2024-06-01T12:30:15Z');
		expect(toMoEngageDate('2024-06-01T12:30:1xZ')).toBeUndefined();
		expect(toMoEngageDate('２０２４-06-01T12:30:15Z')).toBeUndefined();
	});

	test('event times: future ones are refused (5 minutes of clock skew allowed)', () => {
		const now = Date.UTC(2024, 5, 1, 12, 0, 0);
		expect(checkEventTime(now / 1000 + 4 * 60, now)).toEqual({ ok: true, value: '2024-06-01T12:04:00Z' });
		const future = checkEventTime('2024-06-01T12:06:00Z', now);
		expect(future.ok).toBe(false);
		expect(!future.ok && future.problem.message).toMatch(/in the future/);
	});

	test('timezone offsets outside -54000..54000 are refused', () => {
		expect(checkTimezoneOffset(-54000)).toEqual({ ok: true, value: -54000 });
		expect(checkTimezoneOffset('54000')).toEqual({ ok: true, value: 54000 });
		for (const bad of [54001, -54001, 19800000, 1.5, 'x']) expect(checkTimezoneOffset(bad).ok).toBe(false);
	});

	test('"Date Attributes" values must be dates; ISO date-times are converted in any attribute', async () => {
		const items = output(
			await runData(
				sb,
				userRun(
					[
						{ id: 'u-1', attrs: { signup: 1717200000000, seen: '2024-05-31T20:00:00+05:30', note: '2024 plans' } },
						{ id: 'u-2', attrs: { signup: 'soon' } },
						{ id: 'u-3', attrs: { signup: '2024-06-01' } },
					],
					{ options: { batch: false, dateAttributes: 'signup' } },
				),
			),
		);
		expect(errorsOf(items)).toEqual([
			[1, 'Item 1: "Attributes (JSON) → signup" is "soon", which is not a date', expect.stringContaining('ISO 8601')],
		]);
		expect(sb.requests.map((r) => (r.body as { attributes: unknown }).attributes)).toEqual([
			{ signup: '2024-06-01T00:00:00Z', seen: '2024-05-31T14:30:00Z', note: '2024 plans' },
			{ signup: '2024-06-01' },
		]);
	});

	test('years 0 to 99 are those years, not 1900 to 1999: refused, never sent as another date', async () => {
		for (const text of ['0024-05-31T10:00:00Z', '0001-01-01T00:00:00Z', '0050-06-15', '0099-12-31T23:59:59+01:00']) {
			expect(toMoEngageDate(text)).toBeUndefined();
		}
		const items = output(
			await runData(
				sb,
				userRun(
					[
						{ id: 'u-1', attrs: { signup: '0050-06-15T08:00:00Z' } },
						{ id: 'u-2', attrs: { signup: '1950-06-15T08:00:00Z' } },
					],
					{ options: { batch: false, dateAttributes: 'signup' } },
				),
			),
		);
		expect(errorsOf(items)).toEqual([
			[0, 'Item 0: "Attributes (JSON) → signup" is "0050-06-15T08:00:00Z", which is not a date', expect.stringContaining('ISO 8601')],
		]);
		expect(sb.requests.map((r) => (r.body as { attributes: unknown }).attributes)).toEqual([{ signup: '1950-06-15T08:00:00Z' }]);
		expect(checkEventTime('0024-05-31T10:00:00Z', Date.now())).toMatchObject({ ok: false });
	});

	test('a text that reads like a date with slashes (31/12/2024) is sent as text, with a warning the user sees in the output pane', async () => {
		const result = await runData(sb, userRun([{ id: 'u-1', attrs: { renewal: '31/12/2024', plan: 'gold' } }, { id: 'u-2', attrs: { renewal: '01/02/2024' } }]));
		expect(output(result).map((i) => i.json.status)).toEqual(['success', 'success']);
		const hints = result.run.data.resultData.runData[NODE_NAME][0].hints ?? [];
		expect(hints).toEqual([
			expect.objectContaining({ type: 'warning', message: expect.stringContaining('Attribute "renewal" holds "31/12/2024" (item 0)') }),
		]);
		const quiet = await runData(sb, userRun([{ id: 'u-3', attrs: { renewal: '2024-12-31', path: 'a/b' } }]));
		expect(quiet.run.data.resultData.runData[NODE_NAME][0].hints ?? []).toEqual([]);
	});

	test('names and values are checked on both sides of a date that is converted', async () => {
		let deep: unknown = 1;
		for (let level = 0; level < 130; level++) deep = [deep];
		const items = output(
			await runData(
				sb,
				userRun(
					[
						{ id: 'u-1', attrs: { moe_a: 1, signup: '2024-06-01' } },
						{ id: 'u-2', attrs: { signup: '2024-06-01', moe_b: 1 } },
						{ id: 'u-3', attrs: { plan: 'gold', signup: '2024-06-01', note: deep } },
						{ id: 'u-4', attrs: { plan: 'gold', signup: '2024-06-01', age: 31 } },
					],
					{ options: { batch: false, dateAttributes: 'signup' } },
				),
			),
		);
		expect(errorsOf(items).map(([i, e]) => [i, e])).toEqual([
			[0, expect.stringContaining('"Attributes (JSON) → attribute name" is "moe_a"')],
			[1, expect.stringContaining('"Attributes (JSON) → attribute name" is "moe_b"')],
			[2, expect.stringContaining('"Attributes (JSON) → note" is nested deeper than 128 levels')],
		]);
		expect(sb.requests.map((r) => (r.body as { attributes: unknown }).attributes)).toEqual([
			{ plan: 'gold', signup: '2024-06-01', age: 31 },
		]);
	});

	test('a future event time and an out-of-range offset fail their items; the good ones are sent', async () => {
		const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString();
		const items = output(
			await runData(
				sb,
				eventRun([
					{ id: 'u-1', userTime: tomorrow },
					{ id: 'u-2', offset: 60000 },
					{ id: 'u-3', userTime: '2024-05-31T20:00:00+05:30', offset: -54000 },
				]),
			),
		);
		expect(errorsOf(items).map(([i, e, d]) => [i, e, d])).toEqual([
			[
				0,
				expect.stringMatching(/^Item 0: "User Time" is \S+Z, which is in the future/),
				expect.stringContaining('at most 5 minutes'),
			],
			[
				1,
				'Item 1: "User Timezone Offset" is 60000 seconds, outside MoEngage\'s range -54000..54000 (±15 hours)',
				expect.any(String),
			],
		]);
		expect(sb.accepted().map((a) => a.customer_id)).toEqual(['u-3']);
		expect((sb.requests[0].body as { elements: Array<{ actions: unknown[] }> }).elements[0].actions[0]).toMatchObject({
			user_time: '2024-05-31T14:30:00Z',
			user_timezone_offset: -54000,
		});
	});

	test('Bulk → Import names the JSON path of a bad event time', async () => {
		const items = output(
			await runData(sb, {
				resource: 'bulk',
				operation: 'import',
				continueOnFail: true,
				items: [
					{ type: 'event', customer_id: 'u-1', actions: [{ action: 'A' }, { action: 'B', user_time: 'yesterday' }] },
					{ type: 'user', customer_id: 'u-2' },
					{ type: 'customer', customer_id: 'u-3' },
				],
			}),
		);
		expect(errorsOf(items).map(([i, e]) => [i, e])).toEqual([
			[0, 'Item 0: "actions[1].user_time" is "yesterday", which is not a date and time'],
			[1, 'Item 1: "type" is "user", which is no MoEngage element type'],
		]);
		expect(acceptedIds()).toEqual(['u-3']);
	});
});

describe('size', () => {
	test('Batch off: an element between 100 KB and 128 KB goes to its own endpoint (MoEngage takes 128 KB there); over 128,000 bytes it fails alone', async () => {
		const items = output(
			await runData(
				sb,
				userRun([{ id: 'u-100k', attrs: { bio: 'é'.repeat(50_000) } }, { id: 'u-big', attrs: { bio: 'é'.repeat(64_500) } }], {
					options: { batch: false },
				}),
			),
		);
		expect(items[0].json.status).toBe('success');
		expect(errorsOf(items)).toEqual([
			[1, expect.stringMatching(/^Item 1: the customer is 129,\d{3} bytes once serialised; MoEngage takes at most 128,000 bytes per request$/), expect.any(String)],
		]);
		expect(acceptedIds()).toEqual(['u-100k']);
	});

	test.each([true])('an element over 100 KB once serialised fails alone (Batch %s)', async (batch) => {
		const items = output(
			await runData(
				sb,
				userRun([{ id: 'u-1' }, { id: 'u-big', attrs: { bio: 'é'.repeat(50_000) } }, { id: 'u-3' }], {
					options: { batch },
				}),
			),
		);
		expect(errorsOf(items)).toEqual([
			[
				1,
				expect.stringMatching(
					/^Item 1: the customer is 100,\d{3} bytes once serialised; MoEngage takes at most 100,000 bytes per request$/,
				),
				expect.stringContaining('fewer or shorter attributes'),
			],
		]);
		expect(acceptedIds()).toEqual(['u-1', 'u-3']);
	});
});

describe('without Continue On Fail', () => {
	test('the first bad item stops the run before any request, naming item and field', async () => {
		const result = await runData(
			sb,
			userRun([{ id: 'u-1' }, { id: 'u-2' }, { id: 'null' }, { id: 'none' }], { continueOnFail: false }),
		);
		expect(result.error?.message).toBe('Item 2: "Customer ID" is "null", which MoEngage refuses');
		expect(result.error?.description).toContain("Use the user's real unique ID");
		expect(result.error?.context?.itemIndex).toBe(2);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(sb.requests).toHaveLength(0);
	});
});
