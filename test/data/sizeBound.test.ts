/**
 * The Data node sizes most elements by a bound instead of serialising them while checking, and
 * makes their JSON text only when their request is built. The bound must never be below what is
 * sent, or an element over MoEngage's limit would pass the checks and fail mid-run.
 */
import { jsonBytesBound } from '../../nodes/shared/validation/size';

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

/** Strings JSON escapes or widens: quotes, backslashes, control characters, lone surrogates, emoji, CJK. */
const AWKWARD_STRINGS = ['', '"', '\\', '\u0000\u001f\n\t', '\ud800', '\udfff', '😀', '日本語', 'é', '\u2028', 'plain'];
const NUMBERS = [0, -0, 1, -1.2345678901234567e-308, 1.7976931348623157e308, 5e-324, -123456789012345.67, NaN, Infinity];

/** A deterministic mix of every kind of JSON value, nested. */
function sample(seed: number, depth: number): unknown {
	const pick = seed % 9;
	if (depth > 4 || pick < 3) return AWKWARD_STRINGS[seed % AWKWARD_STRINGS.length].repeat(1 + (seed % 5));
	if (pick === 3) return NUMBERS[seed % NUMBERS.length];
	if (pick === 4) return seed % 2 === 0;
	if (pick === 5) return seed % 3 === 0 ? null : undefined;
	if (pick === 6) return Array.from({ length: seed % 6 }, (_, i) => sample(seed * 31 + i + 7, depth + 1));
	const out: Record<string, unknown> = {};
	for (let i = 0; i < seed % 6; i++) out[AWKWARD_STRINGS[(seed + i) % AWKWARD_STRINGS.length] + i] = sample(seed * 17 + i + 3, depth + 1);
	return out;
}

test('is never below the UTF-8 bytes JSON.stringify gives', () => {
	for (const text of AWKWARD_STRINGS) {
		for (const value of [text.repeat(50), { [text]: text }, [text, text]]) {
			expect([value, jsonBytesBound(value, Number.MAX_SAFE_INTEGER)]).toEqual([value, expect.any(Number)]);
			expect(jsonBytesBound(value, Number.MAX_SAFE_INTEGER)).toBeGreaterThanOrEqual(bytesOf(value));
		}
	}
	for (const n of NUMBERS) expect(jsonBytesBound(n, Number.MAX_SAFE_INTEGER)).toBeGreaterThanOrEqual(bytesOf(n));
	for (let seed = 0; seed < 5_000; seed++) {
		const value = { type: 'customer', customer_id: `u-${seed}`, attributes: { a: sample(seed, 0) } };
		const bound = jsonBytesBound(value, Number.MAX_SAFE_INTEGER);
		expect(bound).toBeGreaterThanOrEqual(bytesOf(value));
	}
});

test('for the usual event, stays within a few times its size (so a bound rarely sends an element to be serialised early)', () => {
	const event = {
		type: 'event',
		customer_id: 'bench-user-00042',
		actions: [{ action: 'Order Completed', attributes: { price: 12.5, currency: 'EUR', in_stock: true }, user_time: '2026-11-22T10:00:00Z' }],
	};
	const bound = jsonBytesBound(event, 100_000) as number;
	expect(bound).toBeGreaterThanOrEqual(bytesOf(event));
	expect(bound).toBeLessThan(10 * bytesOf(event));
});

test('gives up past the limit', () => {
	expect(jsonBytesBound({ note: 'x'.repeat(1_000) }, 6_000)).toBeUndefined();
	expect(jsonBytesBound({ note: 'x'.repeat(1_000) }, 7_000)).toBeGreaterThanOrEqual(1_011);
	expect(jsonBytesBound(Array.from({ length: 10_000 }, () => 1), 100_000)).toBeUndefined();
});

test('leaves to serialising what only serialising can tell', () => {
	class Money {
		constructor(readonly cents: number) {}
	}
	const cases: Record<string, unknown> = {
		'a class instance': { price: new Money(5) },
		'an own toJSON': { note: { toJSON: () => 'x'.repeat(200_000) } },
		'a Date (toJSON on its prototype)': { at: new Date() },
		'a bigint': { n: BigInt(1) },
		'an array subclass': { list: new (class extends Array {})() },
		'nesting deeper than 128 levels': { deep: Array.from({ length: 200 }).reduce<unknown>((inner) => [inner], 1) },
	};
	const circular: Record<string, unknown> = { name: 'loop' };
	circular.self = circular;
	cases['a value that refers to itself'] = circular;
	for (const [name, value] of Object.entries(cases)) {
		expect([name, jsonBytesBound(value, 100_000)]).toEqual([name, undefined]);
	}
	const nullPrototype = { ok: Object.create(null) as object };
	expect(jsonBytesBound(nullPrototype, 100_000)).toBeGreaterThanOrEqual(bytesOf(nullPrototype));
});
