/**
 * Hostile input to the action nodes. Every case runs one bad item together with a good one in the
 * same run (Continue On Fail). The good item must reach MoEngage (the sandbox) exactly once; the bad
 * one must either fail alone with an item-level error naming the field, or be sent correctly, in
 * which case the test checks what the sandbox received. Object.prototype must stay untouched.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MoEngageBusinessEvent } from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node';
import type { OperationKey } from '../../nodes/MoEngageData/actions/operations';
import { MoEngageData } from '../../nodes/MoEngageData/MoEngageData.node';
import { BLOCKED_CUSTOMER_IDS } from '../../nodes/MoEngageData/limits';
import { MAX_ELEMENT_BYTES } from '../../nodes/shared/validation/size';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { runNode, sandboxCredentials } from '../support/runNode';
import { acceptedCustomers, acceptedTriggers, expectAccounting } from './accounting';

let sb: Sandbox;
const BE_EVENT = 'HostileCheck';

beforeAll(async () => {
	sb = await startSandbox({
		rateLimits: {
			dataUsersPerWindow: 1_000_000,
			dataEventsPerWindow: 1_000_000,
			beTriggerPerHour: 1_000_000,
			beTriggerPerDay: 1_000_000,
			beSearchPerWindow: 1_000_000,
		},
	});
	sb.addBusinessEvent({
		event_name: BE_EVENT,
		event_attributes: { marker: 'string', s: 'string', i: 'int', f: 'float', d: 'date', a: 'array' },
	});
});
afterAll(async () => sb.close());
beforeEach(() => {
	sb.clearRequests();
	sb.clearFaults();
});

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
afterEach(() => {
	// Nothing may have been added to (or replaced on) Object.prototype.
	expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	delete (Object.prototype as Record<string, unknown>).polluted;
});

// ---------------------------------------------------------------------------------------------
// How each operation is driven: parameters mapped from the item, and the good item of a run.

type ModeName = 'user' | 'userWholeItem' | 'event' | 'eventFields' | 'device' | 'bulk' | 'businessEvent';

interface Mode {
	parameters: INodeParameters;
	good: (marker: string) => IDataObject;
	/** label of the customer_id in messages */
	idLabel: string;
}

const DATA_OPTIONS = { usersPerMinute: 1_000_000, eventsPerMinute: 1_000_000, dateAttributes: 'signup' };

const MODES: Record<ModeName, Mode> = {
	user: {
		parameters: {
			resource: 'user',
			operation: 'createOrUpdate',
			customerId: '={{ $json.id }}',
			attributesMode: 'json',
			attributesJson: '={{ $json.attrs }}',
			options: DATA_OPTIONS,
		},
		good: (id) => ({ id, attrs: { plan: 'gold' } }),
		idLabel: 'Customer ID',
	},
	userWholeItem: {
		parameters: {
			resource: 'user',
			operation: 'createOrUpdate',
			customerId: '={{ $json.id }}',
			attributesMode: 'wholeItem',
			options: DATA_OPTIONS,
		},
		good: (id) => ({ id, plan: 'gold' }),
		idLabel: 'Customer ID',
	},
	event: {
		parameters: {
			resource: 'event',
			operation: 'track',
			customerId: '={{ $json.id }}',
			actionsInput: 'json',
			actionsJson: '={{ $json.actions }}',
			options: DATA_OPTIONS,
		},
		good: (id) => ({ id, actions: [{ action: 'Viewed' }] }),
		idLabel: 'Customer ID',
	},
	eventFields: {
		parameters: {
			resource: 'event',
			operation: 'track',
			customerId: '={{ $json.id }}',
			actionsInput: 'single',
			eventName: '={{ $json.name }}',
			attributesMode: 'json',
			attributesJson: '={{ $json.attrs ?? {} }}',
			additionalFields: { userTime: '={{ $json.userTime ?? "" }}', userTimezoneOffset: '={{ $json.offset ?? 0 }}' },
			options: DATA_OPTIONS,
		},
		good: (id) => ({ id, name: 'Viewed' }),
		idLabel: 'Customer ID',
	},
	device: {
		parameters: {
			resource: 'device',
			operation: 'createOrUpdate',
			customerId: '={{ $json.id }}',
			deviceId: '={{ $json.deviceId }}',
			platform: '={{ $json.platform }}',
			pushToken: '={{ $json.push }}',
			options: DATA_OPTIONS,
		},
		good: (id) => ({ id, deviceId: `dev-${id}`, platform: 'ANDROID', push: 'token-1' }),
		idLabel: 'Customer ID',
	},
	bulk: {
		parameters: { resource: 'bulk', operation: 'import', elementSource: 'inputItem', options: DATA_OPTIONS },
		good: (id) => ({ type: 'customer', customer_id: id, attributes: { plan: 'gold' } }),
		idLabel: 'customer_id',
	},
	businessEvent: {
		parameters: {
			resource: 'businessEvent',
			operation: 'trigger',
			businessEvent: { __rl: true, mode: 'name', value: BE_EVENT },
			attributesInput: 'json',
			eventAttributesJson: '={{ $json.attrs }}',
			triggeredBy: '={{ $json.by ?? "" }}',
		},
		good: (marker) => ({ attrs: { marker } }),
		idLabel: '',
	},
};

/**
 * Which modes drive each Data operation (nodes/MoEngageData/actions/operations.ts): a new operation
 * does not compile here until it gets its modes, or says where its hostile input is tested instead.
 */
const MODES_BY_OPERATION: Record<OperationKey, ModeName[] | { notHere: string }> = {
	'user.createOrUpdate': ['user', 'userWholeItem'],
	'event.track': ['event', 'eventFields'],
	'device.createOrUpdate': ['device'],
	'bulk.import': ['bulk'],
	'user.delete': { notHere: 'not covered yet; numeric IDs only: test/data/user/get.test.ts' },
	'user.get': { notHere: 'not covered yet; IDs that are neither text nor numbers: test/data/user/get.test.ts' },
	'user.merge': { notHere: 'not covered yet (blocked or equal customer IDs of a pair)' },
	'cohort.addMembers': { notHere: 'bad cohort names and member IDs (blocked, lists, objects): test/data/cohort/addMembers.test.ts' },
	'cohort.removeMembers': { notHere: 'bad cohort names and member IDs: test/data/cohort/removeMembers.test.ts' },
};

// ---------------------------------------------------------------------------------------------
// The cases.

/** What the sandbox received for the bad item: a Data element, or a trigger's attributes. */
type Received = IDataObject & { attributes?: IDataObject; actions?: IDataObject[] };

interface HostileCase {
	name: string;
	mode: ModeName;
	/** the bad item; `marker` is its customer_id (or trigger marker) when it is to be sent */
	bad: IDataObject;
	/** an item-level error: its message must match */
	error?: RegExp;
	/** sent: the bad item's marker, and a check of what the sandbox received (with `error` too: either is correct) */
	sent?: { marker: string; check?: (received: Received, raw: string) => void };
}

const cases: HostileCase[] = [];
const add = (c: HostileCase) => cases.push(c);

// Every customer_id MoEngage blocks, across the Data operations.
const ID_MODES: ModeName[] = ['user', 'event', 'device', 'bulk'];
const withId = (mode: ModeName, id: unknown): IDataObject => {
	const good = MODES[mode].good('x');
	return mode === 'bulk' ? { ...good, customer_id: id as string } : { ...good, id: id as string };
};
BLOCKED_CUSTOMER_IDS.forEach((blocked, i) => {
	const mode = ID_MODES[i % ID_MODES.length];
	const label = MODES[mode].idLabel;
	add({
		name: `blocked customer_id ${JSON.stringify(blocked)}`,
		mode,
		bad: withId(mode, blocked),
		error: new RegExp(`^Item 1: "${label}" (is empty|is ".*", which MoEngage refuses)$`),
	});
});
for (const [i, variant] of [' Guest ', 'NULL', 'N/A', '\tnone\n', 'UnKnown'].entries()) {
	const mode = ID_MODES[i % ID_MODES.length];
	add({
		name: `blocked customer_id in another case or with spaces: ${JSON.stringify(variant)}`,
		mode,
		bad: withId(mode, variant),
		error: new RegExp(`^Item 1: "${MODES[mode].idLabel}" is ".*", which MoEngage refuses$`),
	});
}

// Empty, whitespace, too short, and wrong types of ID.
const idErrors: Array<[string, unknown, RegExp]> = [
	['missing customer_id', undefined, /is empty$/],
	['whitespace-only customer_id', '   ', /is " {3}", which MoEngage refuses$/],
	['tab and newline customer_id', '\t\n', /is "\\t\\n", which MoEngage refuses$/],
	['no-break and ideographic spaces as customer_id', '\u00a0\u3000', /is "\u00a0\u3000", which MoEngage refuses$/],
	['one-character customer_id', 'a', /is "a", but MoEngage needs at least 2 characters$/],
	['one character padded with spaces', ' b ', /is " b ", but MoEngage needs at least 2 characters$/],
	['customer_id as an object', { a: 1 }, /is an object, but it must be text$/],
	['customer_id as a list', ['u-1'], /is a list, but it must be text$/],
	['customer_id as a boolean', true, /is true, but it must be text$/],
	['customer_id as a fraction', 1.5, /is 1\.5, but it must be text$/],
	['customer_id NaN', NaN, /is NaN, but it must be text$/],
	['customer_id Infinity', Infinity, /is Infinity, but it must be text$/],
	['customer_id -0 (sent as "0", a blocked ID)', -0, /is "0", which MoEngage refuses$/],
	['customer_id beyond safe integers', 2 ** 53, /is 9007199254740992, but it must be text$/],
];
idErrors.forEach(([name, id, message], i) => {
	const mode = ID_MODES[i % ID_MODES.length];
	add({ name, mode, bad: withId(mode, id), error: new RegExp(`^Item 1: "${MODES[mode].idLabel}" ${message.source}`) });
});
add({
	name: 'customer_id as a whole number is sent as text',
	mode: 'user',
	bad: { id: 12345, attrs: {} },
	sent: { marker: '12345', check: (r) => expect(r.customer_id).toBe('12345') },
});
add({
	name: 'zero-width customer_id is sent exactly as given (MoEngage sees 2 characters)',
	mode: 'bulk',
	bad: { type: 'customer', customer_id: '\u200b\u200b', attributes: {} },
	sent: { marker: '\u200b\u200b' },
});

// Prototype keys.
const ATTRS = '"Attributes \\(JSON\\) → attribute name"';
/** Either a clear error naming the key, or the key sent as it was given: silently dropping it is neither. */
const protoEither = (marker: string) => ({
	error: /^Item 1: .*__proto__/,
	sent: { marker, check: (_r: Received, raw: string) => expect(raw).toMatch(/"__proto__":/) },
});
add({
	name: '"__proto__" attribute with an object value (JSON.parse keeps it as an own key)',
	mode: 'user',
	bad: { id: 'proto-1', attrs: JSON.parse('{"__proto__": {"polluted": "yes"}, "plan": "gold"}') },
	...protoEither('proto-1'),
});
add({
	name: '"__proto__" attribute with a text value',
	mode: 'user',
	bad: { id: 'proto-2', attrs: JSON.parse('{"__proto__": "text", "plan": "gold"}') },
	...protoEither('proto-2'),
});
add({
	name: '"__proto__" field of a Whole Input Item',
	mode: 'userWholeItem',
	bad: JSON.parse('{"id": "proto-3", "__proto__": {"polluted": "yes"}, "plan": "gold"}'),
	...protoEither('proto-3'),
});
add({
	name: '"__proto__" key of a bulk element',
	mode: 'bulk',
	bad: JSON.parse('{"type": "customer", "customer_id": "proto-4", "__proto__": {"polluted": "yes"}, "attributes": {"plan": "gold"}}'),
	...protoEither('proto-4'),
});
add({
	name: '"__proto__" nested inside an attribute value is sent as data',
	mode: 'user',
	bad: { id: 'proto-5', attrs: { prefs: JSON.parse('{"__proto__": {"polluted": "yes"}, "lang": "en"}') } },
	sent: {
		marker: 'proto-5',
		check: (r, raw) => {
			expect(raw).toContain('"prefs":{"__proto__":{"polluted":"yes"},"lang":"en"}');
			expect(Object.keys(r.attributes?.prefs as object)).toEqual(['__proto__', 'lang']);
		},
	},
});
add({
	name: '"constructor" and "prototype" attributes are sent as ordinary attributes',
	mode: 'user',
	bad: { id: 'ctor-1', attrs: JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}, "prototype": 1, "hasOwnProperty": "x"}') },
	sent: {
		marker: 'ctor-1',
		check: (r) => expect(r.attributes).toEqual({ constructor: { prototype: { polluted: 'yes' } }, prototype: 1, hasOwnProperty: 'x' }),
	},
});
add({
	name: '"constructor" key of an event action is sent as given',
	mode: 'event',
	bad: { id: 'ctor-2', actions: JSON.parse('[{"action": "Viewed", "attributes": {"constructor": "x"}}]') },
	sent: { marker: 'ctor-2', check: (r) => expect(r.actions?.[0].attributes).toEqual({ constructor: 'x' }) },
});

// NaN and Infinity.
add({
	name: 'NaN attribute value',
	mode: 'user',
	bad: { id: 'nan-1', attrs: { score: NaN } },
	error: /^Item 1: "Attributes \(JSON\) → score"/,
});
add({
	name: 'Infinity nested in an attribute value',
	mode: 'user',
	bad: { id: 'inf-1', attrs: { stats: { max: Infinity } } },
	error: /^Item 1: "Attributes \(JSON\) → stats/,
});
add({
	name: '-Infinity in an event attribute',
	mode: 'event',
	bad: { id: 'inf-2', actions: [{ action: 'Viewed', attributes: { delta: -Infinity } }] },
	error: /^Item 1: "Actions \(JSON\)\[0\]\.attributes → delta"/,
});
add({
	name: 'NaN as "User Timezone Offset"',
	mode: 'eventFields',
	bad: { id: 'nan-2', name: 'Viewed', offset: NaN },
	error: /^Item 1: "User Timezone Offset" is NaN, but it must be a whole number of seconds$/,
});
add({
	name: 'Infinity as an event time',
	mode: 'event',
	bad: { id: 'inf-3', actions: [{ action: 'Viewed', user_time: Infinity }] },
	error: /^Item 1: "Actions \(JSON\)\[0\]\.user_time" is Infinity, which is not a date and time$/,
});

// Deep nesting.
function nested(depth: number): unknown {
	let value: unknown = 'leaf';
	for (let i = 0; i < depth; i++) value = { d: value };
	return value;
}
add({
	name: 'attribute nested 100 levels deep is sent whole',
	mode: 'user',
	bad: { id: 'deep-1', attrs: { tree: nested(100) } },
	sent: { marker: 'deep-1', check: (r) => expect(r.attributes?.tree).toEqual(nested(100)) },
});
add({
	name: 'attribute nested 10,000 levels deep (beyond JSON.stringify) fails its item alone',
	mode: 'user',
	bad: { id: 'deep-2', attrs: { tree: nested(10_000) } },
	error: /./,
});
add({
	name: 'attribute nested 10,000 levels deep: the error names the item and the field',
	mode: 'user',
	bad: { id: 'deep-3', attrs: { tree: nested(10_000) } },
	error: /^Item 1: .*Attributes/,
});

// Sizes (100,000 bytes per request, measured in UTF-8 bytes as sent).
const userBytes = (id: string, note: string) =>
	Buffer.byteLength(JSON.stringify({ type: 'customer', customer_id: id, attributes: { note } }));
const fill = (id: string, target: number) => 'x'.repeat(target - userBytes(id, ''));
add({
	name: 'a 200 KB string attribute',
	mode: 'user',
	bad: { id: 'big-1', attrs: { note: 'x'.repeat(200 * 1024) } },
	error: /^Item 1: the customer is 204,8\d\d bytes once serialised; MoEngage takes at most 100,000 bytes per request$/,
});
add({
	name: 'an element one byte over the limit',
	mode: 'user',
	bad: { id: 'big-2', attrs: { note: fill('big-2', MAX_ELEMENT_BYTES + 1) } },
	error: new RegExp(`^Item 1: the customer is ${(MAX_ELEMENT_BYTES + 1).toLocaleString('en-US')} bytes once serialised`),
});
add({
	name: 'an element of exactly the largest size is sent (in a request of its own)',
	mode: 'user',
	bad: { id: 'big-3', attrs: { note: fill('big-3', MAX_ELEMENT_BYTES) } },
	sent: { marker: 'big-3', check: (r) => expect(userBytes('big-3', String(r.attributes?.note))).toBe(MAX_ELEMENT_BYTES) },
});
add({
	name: 'emoji: 52,000 UTF-16 units but 104,000 UTF-8 bytes is too big',
	mode: 'user',
	bad: { id: 'big-4', attrs: { note: '😀'.repeat(26_000) } },
	error: /^Item 1: the customer is 104,0\d\d bytes once serialised/,
});
add({
	name: 'a value whose toJSON makes it 120 KB (its size is known only once serialised)',
	mode: 'user',
	bad: { id: 'big-5', attrs: { note: { toJSON: () => 'x'.repeat(120_000) } } },
	error: /^Item 1: the customer is 120,0\d\d bytes once serialised/,
});

// Unicode.
add({
	name: 'emoji in customer_id, attribute name and value are sent intact',
	mode: 'user',
	bad: { id: 'emoji-🦄-1', attrs: { 'mood 😀': '👍🏽 ok', flag: '🇮🇳' } },
	sent: { marker: 'emoji-🦄-1', check: (r) => expect(r.attributes).toEqual({ 'mood 😀': '👍🏽 ok', flag: '🇮🇳' }) },
});
add({
	name: 'emoji event name is sent intact',
	mode: 'eventFields',
	bad: { id: 'emoji-2', name: '🎉 Party' },
	sent: { marker: 'emoji-2', check: (r) => expect(r.actions?.[0].action).toBe('🎉 Party') },
});
add({
	name: 'lone surrogates in a value are sent JSON-escaped (\\ud800), and arrive as the same string',
	mode: 'user',
	bad: { id: 'lone-1', attrs: { s: 'a\ud800b\udc00' } },
	sent: {
		marker: 'lone-1',
		check: (r, raw) => {
			expect(raw).toContain('"s":"a\\ud800b\\udc00"');
			expect(r.attributes?.s).toBe('a\ud800b\udc00');
		},
	},
});
add({
	name: 'a lone surrogate in customer_id is sent escaped',
	mode: 'bulk',
	bad: { type: 'customer', customer_id: 'lone-\udfff', attributes: {} },
	sent: { marker: 'lone-\udfff', check: (_r, raw) => expect(raw).toContain('"customer_id":"lone-\\udfff"') },
});
add({
	name: 'a lone surrogate in an attribute name is sent escaped',
	mode: 'event',
	bad: { id: 'lone-3', actions: [{ action: 'Viewed', attributes: { 'k\ud83d': 1 } }] },
	sent: { marker: 'lone-3', check: (r) => expect(r.actions?.[0].attributes).toEqual({ 'k\ud83d': 1 }) },
});

// Wrong types and malformed attributes.
add({ name: 'attributes as invalid JSON text', mode: 'user', bad: { id: 'attr-1', attrs: '{"plan": ' }, error: /^Item 1: "Attributes \(JSON\)" is not valid JSON$/ });
add({ name: 'attributes as a list', mode: 'user', bad: { id: 'attr-2', attrs: [1, 2] }, error: /^Item 1: "Attributes \(JSON\)" is a list, but it must be a JSON object$/ });
add({ name: 'attributes as a number', mode: 'user', bad: { id: 'attr-3', attrs: 42 }, error: /^Item 1: "Attributes \(JSON\)" is 42, but it must be a JSON object$/ });
add({ name: 'an empty attribute name', mode: 'user', bad: { id: 'attr-4', attrs: { '': 'x' } }, error: new RegExp(`^Item 1: ${ATTRS} is empty$`) });
add({ name: 'a whitespace attribute name', mode: 'user', bad: { id: 'attr-5', attrs: { '  ': 'x' } }, error: new RegExp(`^Item 1: ${ATTRS} is " {2}", but it must be text$`) });
add({ name: 'a reserved moe_ attribute name', mode: 'user', bad: { id: 'attr-6', attrs: { MOE_x: 1 } }, error: /reserved for MoEngage's own attributes$/ });
add({
	name: 'update_existing_only "yes"',
	mode: 'bulk',
	bad: { type: 'customer', customer_id: 'attr-7', update_existing_only: 'yes' },
	error: /^Item 1: "update_existing_only" is "yes", but it must be true or false$/,
});

// Invalid and ambiguous dates (Options → Date Attributes = signup).
const dateError = (value: string) => new RegExp(`^Item 1: "Attributes \\(JSON\\) → signup" is "${value}", which is not a date$`);
add({ name: 'date attribute: 30 February', mode: 'user', bad: { id: 'date-1', attrs: { signup: '2024-02-30' } }, error: dateError('2024-02-30') });
add({ name: 'date attribute: day first (31/12/2024)', mode: 'user', bad: { id: 'date-2', attrs: { signup: '31/12/2024' } }, error: dateError('31/12/2024') });
add({ name: 'date attribute: ambiguous 01/02/2024 is refused, not guessed', mode: 'user', bad: { id: 'date-3', attrs: { signup: '01/02/2024' } }, error: dateError('01/02/2024') });
add({ name: 'date attribute: words', mode: 'user', bad: { id: 'date-4', attrs: { signup: 'yesterday' } }, error: dateError('yesterday') });
add({
	name: 'date attribute with an offset becomes UTC',
	mode: 'user',
	bad: { id: 'date-5', attrs: { signup: '2024-05-31T14:30:00+05:30' } },
	sent: { marker: 'date-5', check: (r) => expect(r.attributes?.signup).toBe('2024-05-31T09:00:00Z') },
});
add({
	name: 'a text that only looks like a date, outside Date Attributes, stays text',
	mode: 'user',
	bad: { id: 'date-6', attrs: { code: '01/02/2024' } },
	sent: { marker: 'date-6', check: (r) => expect(r.attributes?.code).toBe('01/02/2024') },
});
add({
	name: 'event time in epoch milliseconds is sent as ISO seconds',
	mode: 'event',
	bad: { id: 'time-1', actions: [{ action: 'Viewed', user_time: 1_700_000_000_000 }] },
	sent: { marker: 'time-1', check: (r) => expect(r.actions?.[0].user_time).toBe('2023-11-14T22:13:20Z') },
});
add({
	name: 'event time: month 13',
	mode: 'eventFields',
	bad: { id: 'time-2', name: 'Viewed', userTime: '2024-13-01T00:00:00Z' },
	error: /^Item 1: "User Time" is "2024-13-01T00:00:00Z", which is not a date and time$/,
});
add({
	name: 'event time a day in the future',
	mode: 'event',
	bad: { id: 'time-3', actions: [{ action: 'Viewed', current_time: new Date(Date.now() + 86_400_000).toISOString() }] },
	error: /^Item 1: "Actions \(JSON\)\[0\]\.current_time" is .*, which is in the future/,
});
add({
	name: 'timezone offset in milliseconds',
	mode: 'eventFields',
	bad: { id: 'time-4', name: 'Viewed', offset: 19_800_000 },
	error: /^Item 1: "User Timezone Offset" is 19800000 seconds, outside MoEngage's range/,
});
add({
	name: 'timezone offset as words',
	mode: 'event',
	bad: { id: 'time-5', actions: [{ action: 'Viewed', user_timezone_offset: 'IST' }] },
	error: /^Item 1: "Actions \(JSON\)\[0\]\.user_timezone_offset" is "IST", but it must be a whole number of seconds$/,
});

// Event actions.
add({ name: 'actions: an empty list', mode: 'event', bad: { id: 'act-1', actions: [] }, error: /^Item 1: "Actions \(JSON\)" is an empty list$/ });
add({ name: 'actions: null inside the list', mode: 'event', bad: { id: 'act-2', actions: [null] }, error: /^Item 1: "Actions \(JSON\)\[0\]\.action" is null, but each action must be an object$/ });
add({ name: 'actions: invalid JSON text', mode: 'event', bad: { id: 'act-3', actions: '[{"action": ' }, error: /^Item 1: "Actions \(JSON\)" is not valid JSON$/ });
add({ name: 'event name empty', mode: 'eventFields', bad: { id: 'act-4', name: '' }, error: /^Item 1: "Event Name" is empty$/ });
add({ name: 'event name reserved (moe_)', mode: 'event', bad: { id: 'act-5', actions: [{ action: 'moe_open' }] }, error: /^Item 1: "Actions \(JSON\)\[0\]\.action" is "moe_open": names starting with "moe_" are reserved/ });
add({ name: 'event name as an object', mode: 'event', bad: { id: 'act-6', actions: [{ action: { name: 'x' } }] }, error: /^Item 1: "Actions \(JSON\)\[0\]\.action" is an object, but it must be text$/ });
add({ name: 'platform as an object', mode: 'event', bad: { id: 'act-7', actions: [{ action: 'Viewed', platform: {} }] }, error: /^Item 1: "Actions \(JSON\)\[0\]\.platform" is an object, but it must be text$/ });

// Devices.
add({ name: 'device ID empty', mode: 'device', bad: { id: 'dev-1', deviceId: '', platform: 'ANDROID', push: 't' }, error: /^Item 1: "Device ID" is empty$/ });
add({ name: 'device ID as an object', mode: 'device', bad: { id: 'dev-2', deviceId: { a: 1 }, platform: 'ANDROID', push: 't' }, error: /^Item 1: "Device ID" is an object, but it must be text$/ });
add({ name: 'unknown platform', mode: 'device', bad: { id: 'dev-3', deviceId: 'd', platform: 'Symbian', push: 't' }, error: /^Item 1: "Platform" is "Symbian", which MoEngage does not know$/ });
add({ name: 'push token as an object', mode: 'device', bad: { id: 'dev-4', deviceId: 'd', platform: 'iOS', push: { a: 1 } }, error: /^Item 1: "Push Token" is an object, but it must be text$/ });
add({
	name: 'platform in lower case is sent in MoEngage\'s spelling',
	mode: 'device',
	bad: { id: 'dev-5', deviceId: 'd5', platform: 'android', push: 't5' },
	sent: { marker: 'dev-5', check: (r) => expect(r.attributes?.platform).toBe('ANDROID') },
});

// Bulk element types.
add({
	name: 'bulk type "Customer" (wrong case, which MoEngage drops silently) is sent as "customer"',
	mode: 'bulk',
	bad: { type: 'Customer', customer_id: 'bulk-1', attributes: {} },
	sent: { marker: 'bulk-1', check: (r) => expect(r.type).toBe('customer') },
});
add({ name: 'bulk type "user"', mode: 'bulk', bad: { type: 'user', customer_id: 'bulk-2' }, error: /^Item 1: "type" is "user", which is no MoEngage element type$/ });
add({ name: 'bulk type missing', mode: 'bulk', bad: { customer_id: 'bulk-3' }, error: /^Item 1: "type" is undefined, which is no MoEngage element type$/ });

// Business Event → Trigger (attributes declared: marker string, s string, i int, f float, d date, a array).
const beType = (attribute: string, type: string) =>
	new RegExp(`^Attribute "${attribute}" of business event "${BE_EVENT}" must be ${type}: .* \\[item 1\\]$`);
const be = (name: string, attrs: IDataObject, expectation: Pick<HostileCase, 'error' | 'sent'>, extra: IDataObject = {}) =>
	add({ name: `Business Event: ${name}`, mode: 'businessEvent', bad: { attrs: { marker: `be-${cases.length}`, ...attrs }, ...extra }, ...expectation });
const beSent = (check: (r: Received) => void) => ({ sent: { marker: `be-${cases.length}`, check } });

be('int given a fraction', { i: 12.5 }, { error: beType('i', 'int') });
be('int given NaN', { i: NaN }, { error: beType('i', 'int') });
be('int given Infinity', { i: Infinity }, { error: beType('i', 'int') });
be('int beyond safe integers', { i: 2 ** 60 }, { error: /must be int: .* is too large \[item 1\]$/ });
be('int given "12abc"', { i: '12abc' }, { error: beType('i', 'int') });
be('int given a boolean', { i: true }, { error: beType('i', 'int') });
be('float given NaN', { f: NaN }, { error: beType('f', 'float') });
be('float given "1e400" (Infinity)', { f: '1e400' }, { error: beType('f', 'float') });
be('float given "12.5" is sent as 12.5', { f: '12.5' }, beSent((r) => expect(r.f).toBe(12.5)));
be('string given an object', { s: { a: 1 } }, { error: beType('s', 'string') });
be('string given null', { s: null }, { error: beType('s', 'string') });
be('array given broken JSON', { a: '[1,' }, { error: beType('a', 'array') });
be('array given a number', { a: 5 }, { error: beType('a', 'array') });
be('array given "x, y" is split', { a: 'x, y' }, beSent((r) => expect(r.a).toEqual(['x', 'y'])));
be('array nested 100 levels is sent whole', { a: [nested(100)] }, beSent((r) => expect(r.a).toEqual([nested(100)])));
be('date 30 February', { d: '2024-02-30' }, { error: beType('d', 'date') });
be('date 13/01/2024 (day first)', { d: '13/01/2024' }, { error: beType('d', 'date') });
be('date in words', { d: 'yesterday' }, { error: beType('d', 'date') });
be('negative epoch date', { d: -1 }, { error: beType('d', 'date') });
be('date 02/03/2024 is read as MoEngage documents it (MM/DD/YYYY)', { d: '02/03/2024' }, beSent((r) => expect(r.d).toBe('2024-02-03T00:00:00Z')));
be('date in epoch milliseconds', { d: 1_700_000_000_000 }, beSent((r) => expect(r.d).toBe('2023-11-14T22:13:20Z')));
be('"__proto__" attribute', JSON.parse('{"__proto__": {"polluted": "yes"}}'), {
	error: new RegExp(`^Attribute "__proto__" is not an attribute of business event "${BE_EVENT}" \\[item 1\\]$`),
});
be('"constructor" attribute', { constructor: 'x' }, {
	error: new RegExp(`^Attribute "constructor" is not an attribute of business event "${BE_EVENT}" \\[item 1\\]$`),
});
be('undeclared attribute', { color: 'red' }, { error: /^Attribute "color" is not an attribute/ });
be('emoji and a lone surrogate in a string', { s: '🎬 a\ud800' }, beSent((r) => expect(r.s).toBe('🎬 a\ud800')));
be('a 200 KB string: refused before sending (MoEngage would answer 413), naming the attribute', { s: 'x'.repeat(200 * 1024) }, {
	error: /^Business event "HostileCheck" would be sent as 204\.\d KB, over this node's limit of 100 KB per request \(largest attribute: "s", 204\.8 KB\) \[item 1\]$/,
});
be('"Triggered By" not an email', {}, { error: /^"Triggered By" must be an email address, not "not-an-email" \[item 1\]$/ }, { by: 'not-an-email' });
be('"Triggered By" only spaces counts as empty', {}, beSent(() => undefined), { by: '   ' });

// ---------------------------------------------------------------------------------------------
// The runner.

async function runCase(c: HostileCase): Promise<void> {
	const mode = MODES[c.mode];
	const goodMarker = `good-${cases.indexOf(c)}`;
	const result = await runNode({
		nodeType: c.mode === 'businessEvent' ? new MoEngageBusinessEvent() : new MoEngageData(),
		parameters: mode.parameters,
		items: [{ json: mode.good(goodMarker) }, { json: c.bad }],
		credentials: sandboxCredentials(sb),
		continueOnFail: true,
	});
	expect(result.error).toBeUndefined();
	const output = result.outputs[0];
	const failed = output[1]?.json.error !== undefined;
	// Where a case allows either outcome, the node's choice decides which one is checked.
	const expectError = c.error !== undefined && (failed || c.sent === undefined);
	if (expectError) expect(String(output[1]?.json.error)).toMatch(c.error!);

	const badMarker = expectError ? `bad-${cases.indexOf(c)}` : c.sent!.marker;
	const accepted = c.mode === 'businessEvent' ? acceptedTriggers(sb, 'marker') : acceptedCustomers(sb);
	const ledger = expectAccounting({ inputs: [goodMarker, badMarker], output, accepted });
	expect(ledger.sent[0]).toBe(goodMarker);
	if (expectError) {
		expect(ledger.failed).toEqual([badMarker]);
		return;
	}
	expect(ledger.sent).toEqual([goodMarker, badMarker]);
	const { element, raw } = receivedFor(c.mode, badMarker);
	c.sent!.check?.(element, raw);
}

/** What the sandbox accepted for a marker: the Data element or the trigger's attributes, and the raw body. */
function receivedFor(mode: ModeName, marker: string): { element: Received; raw: string } {
	for (const request of sb.requests) {
		if (request.status !== 200 || !request.body) continue;
		if (mode === 'businessEvent') {
			const attributes = (request.body as { event_attributes?: Received }).event_attributes;
			if (attributes?.marker === marker) return { element: attributes, raw: request.rawBody };
			continue;
		}
		const body = request.body as { elements?: Received[] } & Received;
		for (const element of Array.isArray(body.elements) ? body.elements : [body]) {
			if (element.customer_id === marker) return { element, raw: request.rawBody };
		}
	}
	throw new Error(`the sandbox accepted nothing for ${JSON.stringify(marker)}`);
}

test('the table holds at least 40 hostile cases, over every action operation', () => {
	expect(cases.length).toBeGreaterThanOrEqual(40);
	expect(new Set(cases.map((c) => c.mode))).toEqual(new Set(Object.keys(MODES)));
	for (const c of cases) expect(Boolean(c.error) || Boolean(c.sent)).toBe(true);
});

test('each Data mode drives the operation it is listed under', () => {
	for (const [key, modes] of Object.entries(MODES_BY_OPERATION)) {
		for (const mode of Array.isArray(modes) ? modes : []) {
			expect(`${String(MODES[mode].parameters.resource)}.${String(MODES[mode].parameters.operation)}`).toBe(key);
		}
	}
});

test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
	await runCase(c);
});
