import { DateTime } from 'luxon';

import { coerceAttributes, coerceValue } from '../../nodes/MoEngageBusinessEvent/helpers/coerceAttributes';

function accepted(value: unknown, type: string): unknown {
	const result = coerceValue(value, type);
	if (!result.ok) throw new Error(`expected ${JSON.stringify(value)} to be accepted as ${type}: ${result.reason}`);
	return result.value;
}

function refused(value: unknown, type: string): { reason: string; fix: string } {
	const result = coerceValue(value, type);
	if (result.ok) throw new Error(`expected ${JSON.stringify(value)} to be refused as ${type}, got ${JSON.stringify(result.value)}`);
	return result;
}

describe('coercion to MoEngage attribute types', () => {
	test('int: integers and strings of digits; decimals, booleans and words are refused', () => {
		expect(accepted(12, 'int')).toBe(12);
		expect(accepted('12', 'int')).toBe(12);
		expect(accepted(' -3 ', 'int')).toBe(-3);
		expect(refused('12.5', 'int').reason).toBe('"12.5" is not a whole number');
		expect(refused('12.5', 'int').fix).toMatch(/whole number/);
		expect(refused(12.5, 'int').reason).toMatch(/not a whole number/);
		expect(refused(true, 'int').reason).toMatch(/not a whole number/);
		expect(refused('twelve', 'int').reason).toMatch(/not a whole number/);
		expect(refused(2 ** 60, 'int').reason).toMatch(/too large/);
		expect(refused('', 'int').reason).toMatch(/not a whole number/);
	});

	test('float: numbers and numeric strings', () => {
		expect(accepted(12.5, 'float')).toBe(12.5);
		expect(accepted(7, 'float')).toBe(7);
		expect(accepted('19.99', 'float')).toBe(19.99);
		expect(accepted('1e3', 'float')).toBe(1000);
		expect(accepted('-.5', 'float')).toBe(-0.5);
		expect(refused('abc', 'float').reason).toBe('"abc" is not a number');
		expect(refused('12,5', 'float').reason).toMatch(/not a number/);
		expect(refused(false, 'float').reason).toMatch(/not a number/);
		expect(refused(null, 'float').reason).toMatch(/not a number/);
		expect(refused(Number.NaN, 'float').reason).toMatch(/not a number/);
	});

	test('string: text as is, numbers and booleans as text, objects refused', () => {
		expect(accepted('Season 1', 'string')).toBe('Season 1');
		expect(accepted(5, 'string')).toBe('5');
		expect(accepted(true, 'string')).toBe('true');
		expect(refused({ a: 1 }, 'string').reason).toBe('{"a":1} is not text');
		expect(refused(['a'], 'string').fix).toMatch(/declare the attribute as array/);
		expect(refused(null, 'string').reason).toMatch(/not text/);
	});

	test('array: lists as is, JSON-array text parsed, other text split on commas', () => {
		expect(accepted(['John Doe', 'Jane Doe'], 'array')).toEqual(['John Doe', 'Jane Doe']);
		expect(accepted('["a", 2]', 'array')).toEqual(['a', 2]);
		expect(accepted('John Doe, Jane Doe ,X', 'array')).toEqual(['John Doe', 'Jane Doe', 'X']);
		expect(accepted('single', 'array')).toEqual(['single']);
		expect(refused('[1, 2', 'array').reason).toMatch(/starts like a JSON array but is not one/);
		expect(refused(5, 'array').reason).toBe('5 is not a list');
		expect(refused({ a: 1 }, 'array').fix).toMatch(/comma-separated/);
	});

	test('date: Date, Luxon, ISO, MM/DD/YYYY and epoch seconds/ms become YYYY-MM-DDTHH:mm:ssZ in UTC', () => {
		const expected = '2024-05-01T10:00:00Z';
		expect(accepted(new Date('2024-05-01T10:00:00.456Z'), 'date')).toBe(expected);
		expect(accepted(DateTime.fromISO('2024-05-01T12:00:00+02:00', { setZone: true }), 'date')).toBe(expected);
		expect(accepted('2024-05-01T10:00:00Z', 'date')).toBe(expected);
		expect(accepted('2024-05-01T12:00:00+02:00', 'date')).toBe(expected);
		expect(accepted('2024-05-01T10:00:00.123Z', 'date')).toBe(expected);
		expect(accepted('2024-05-01T10:00', 'date')).toBe(expected); // no zone: UTC
		expect(accepted('2024-05-01', 'date')).toBe('2024-05-01T00:00:00Z');
		expect(accepted('11/11/2023', 'date')).toBe('2023-11-11T00:00:00Z'); // MoEngage's own example
		expect(accepted(1714557600, 'date')).toBe(expected); // epoch seconds
		expect(accepted(1714557600000, 'date')).toBe(expected); // epoch milliseconds
		expect(accepted('1714557600', 'date')).toBe(expected);
		// 8 digits that make a calendar date are ISO 8601's basic date, not 1970 epoch seconds.
		expect(accepted('20240501', 'date')).toBe('2024-05-01T00:00:00Z');
		expect(accepted('20241301', 'date')).toBe(`${new Date(20241301 * 1000).toISOString().slice(0, 19)}Z`);
		expect(refused('tomorrow', 'date').reason).toBe('"tomorrow" is not a date');
		expect(refused('13/45/2023', 'date').fix).toMatch(/ISO 8601/);
		expect(refused('2024-02-30', 'date').reason).toMatch(/not a date/);
		expect(refused(-5, 'date').reason).toMatch(/not a date/);
		expect(refused(true, 'date').reason).toMatch(/not a date/);
	});

	test('date rules: without a slash order dates with slashes are refused; a given order reads them; MM/DD/YYYY output', () => {
		const refusedSlash = coerceValue('01/02/2024', 'date', { send: 'iso' });
		expect(refusedSlash.ok).toBe(false);
		expect(!refusedSlash.ok && refusedSlash.fix).toMatch(/Options → Date Format/);
		expect(coerceValue('13/01/2024', 'date', { send: 'iso' }).ok).toBe(false);
		expect(coerceValue('01/02/2024', 'date', { slashOrder: 'DD/MM/YYYY', send: 'iso' })).toEqual({ ok: true, value: '2024-02-01T00:00:00Z' });
		expect(coerceValue('13/01/2024', 'date', { slashOrder: 'DD/MM/YYYY', send: 'iso' })).toEqual({ ok: true, value: '2024-01-13T00:00:00Z' });
		expect(coerceValue('13/01/2024', 'date', { slashOrder: 'MM/DD/YYYY', send: 'iso' }).ok).toBe(false);
		expect(coerceValue('2024-05-01T10:00:00Z', 'date', { send: 'MM/DD/YYYY' })).toEqual({ ok: true, value: '05/01/2024' });
		expect(coerceValue('0099-01-01', 'date').ok).toBe(false);
	});

	test('a type MoEngage may add later passes the value through', () => {
		expect(accepted({ any: 'thing' }, 'geo')).toEqual({ any: 'thing' });
	});

	test('coerceAttributes converts every value and stops at the first refusal, naming attribute and type', () => {
		const types = new Map([
			['stock', 'int'],
			['tags', 'array'],
		]);
		expect(coerceAttributes({ stock: '3', tags: 'a,b' }, types)).toEqual({
			ok: true,
			attributes: { stock: 3, tags: ['a', 'b'] },
		});
		expect(coerceAttributes({ tags: 'a', stock: '3.5' }, types)).toEqual({
			ok: false,
			problem: { attribute: 'stock', dataType: 'int', reason: '"3.5" is not a whole number', fix: expect.any(String) },
		});
	});

	test('coerceAttributes refuses a name the event does not declare, listing the ones it does', () => {
		const result = coerceAttributes({ rating1: 'PG' }, new Map([['MovieName', 'array'], ['rating', 'string']]));
		expect(result).toEqual({
			ok: false,
			problem: {
				attribute: 'rating1',
				reason: 'is not an attribute of this business event',
				fix: "Use the event's attributes: MovieName, rating",
			},
		});
		const none = coerceAttributes({ x: 1 }, new Map());
		expect(!none.ok && none.problem.fix).toMatch(/declares no attributes/);
	});
});
