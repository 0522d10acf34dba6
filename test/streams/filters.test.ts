import { STREAMS_EVENT_CODES, makeStreamsBatch } from '../../sandbox';
import { MoEngageStreamsTrigger } from '../../nodes/MoEngageStreamsTrigger/MoEngageStreamsTrigger.node';
import { STREAMS_FILTERS } from '../../nodes/MoEngageStreamsTrigger/filters/streamsFilters';
import { resetDuplicateMemory } from '../../nodes/MoEngageStreamsTrigger/webhook/deduplicate';
import { callWebhook } from './webhookHarness';

beforeEach(() => resetDuplicateMemory());

/** Every documented code once, plus two user actions. */
function mixedBatch() {
	return makeStreamsBatch({ codes: [...STREAMS_EVENT_CODES.map((row) => row.code), 'Added to Cart', 'Purchase'] });
}

async function codesPassed(parameters: Record<string, unknown>): Promise<string[]> {
	const run = await callWebhook(parameters, { body: mixedBatch() });
	return run.events.map((item) => item.json.event_code as string);
}

describe('MoEngage Streams Trigger: filters', () => {
	it('lets everything through with no filter', async () => {
		expect(await codesPassed({})).toHaveLength(STREAMS_EVENT_CODES.length + 2);
	});

	it('keeps only the chosen event types', async () => {
		expect(await codesPassed({ eventTypes: ['USER_ACTION_EVENT'] })).toEqual(['Added to Cart', 'Purchase']);
		const campaign = await codesPassed({ eventTypes: ['CAMPAIGN_EVENT'] });
		expect(campaign).toEqual(STREAMS_EVENT_CODES.map((row) => row.code));
	});

	it('keeps only the chosen documented codes plus the custom codes', async () => {
		expect(await codesPassed({ eventCodes: ['n_i_s', 'MOE_EMAIL_OPEN'] })).toEqual(['MOE_EMAIL_OPEN', 'n_i_s']);
		expect(await codesPassed({ customEventCodes: ' Purchase , ,' })).toEqual(['Purchase']);
		expect(await codesPassed({ eventCodes: ['SMS_SENT'], customEventCodes: 'Purchase,Added to Cart' })).toEqual([
			'SMS_SENT',
			'Added to Cart',
			'Purchase',
		]);
	});

	it('compares codes case-sensitively', async () => {
		expect(await codesPassed({ customEventCodes: 'N_I_S, purchase' })).toEqual([]);
	});

	it('keeps only the chosen channels; "No Channel" matches the control group and user actions', async () => {
		expect(await codesPassed({ channels: ['Cards'] })).toEqual([
			'MOE_CARD_SENT',
			'MOE_CARD_DELIVERED',
			'MOE_CARD_VIEWED',
			'MOE_CARD_CLICKED',
		]);
		expect(await codesPassed({ channels: ['none'] })).toEqual(['MOE_CAMPAIGN_CONTROL_GROUP', 'Added to Cart', 'Purchase']);
		const email = await codesPassed({ channels: ['Email'] });
		expect(email).toHaveLength(10);
		expect(email.every((code) => code.startsWith('MOE_EMAIL_'))).toBe(true);
	});

	it('combines filters with AND', async () => {
		expect(await codesPassed({ channels: ['Push'], eventCodes: ['n_i_s', 'SMS_SENT'] })).toEqual(['n_i_s']);
		expect(await codesPassed({ eventTypes: ['USER_ACTION_EVENT'], channels: ['Push'] })).toEqual([]);
	});

	it('answers 200 and starts nothing when the filters leave nothing', async () => {
		const run = await callWebhook({ channels: ['Flows'] }, { body: makeStreamsBatch({ codes: ['SMS_SENT'], events: 5 }) });
		expect(run.result).toEqual({});
		expect(run.started).toBe(false);
		expect(run.answer.status).toBeUndefined();
	});

	it('starts nothing in per-batch mode either when the filters leave nothing', async () => {
		const run = await callWebhook(
			{ outputMode: 'perBatch', eventCodes: ['MOE_CARD_SENT'] },
			{ body: makeStreamsBatch({ codes: ['SMS_SENT'], events: 5 }) },
		);
		expect(run.started).toBe(false);
	});
});

describe('MoEngage Streams Trigger: filter definitions (filters/streamsFilters.ts)', () => {
	const { description } = new MoEngageStreamsTrigger();

	it('shows every filter parameter in the node, in the declared order, once', () => {
		const declared = STREAMS_FILTERS.flatMap((filter) => filter.properties.map((property) => property.name));
		const shown = description.properties.map((property) => property.name);
		const first = shown.indexOf(declared[0]);
		expect(shown.slice(first, first + declared.length)).toEqual(declared);
		expect(new Set(shown).size).toBe(shown.length);
	});

	it.each(STREAMS_FILTERS.map((filter) => [filter.properties.map((p) => p.name).join(' + '), filter] as const))(
		'%s left at its defaults selects nothing',
		(_name, filter) => {
			const defaults = new Map(filter.properties.map((property) => [property.name, property.default]));
			expect(filter.compile((name, fallback) => (defaults.has(name) ? defaults.get(name) : fallback))).toBeUndefined();
		},
	);
});
