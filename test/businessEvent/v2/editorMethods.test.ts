import { MoEngageBusinessEvent } from '../../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node';
import type { Sandbox } from '../../../sandbox';
import { loadOptionsContext, requestsTo, triggerParameters, useSandbox } from '../helpers';

/** The editor methods as version 2 uses them: the picker and the attribute fields, from V5. */
let sb: Sandbox;
const { methods } = new MoEngageBusinessEvent();

useSandbox((s) => {
	sb = s;
	sb.addBusinessEvent({ event_name: 'Flags', event_attributes: { in_stock: 'boolean', seen_at: 'datetime', price: 'number', label: 'string' } });
});

describe('Version 2 editor methods', () => {
	test('the attribute fields come from the V5 list, typed for n8n, V5\'s type in the label', async () => {
		const ctx = loadOptionsContext(sb, triggerParameters('Flags', {}), {}, 2);
		const { fields } = await methods.resourceMapping.getAttributeSchema.call(ctx);
		expect(fields.map((f) => [f.id, f.displayName, f.type])).toEqual([
			['in_stock', 'in_stock (boolean)', 'boolean'],
			['seen_at', 'seen_at (datetime)', 'dateTime'],
			['price', 'price (number)', 'number'],
			['label', 'label (string)', 'string'],
		]);
		expect(requestsTo(sb, 'businessEventListV5').map((r) => r.query)).toEqual([{ limit: '20', name: 'Flags' }]);
		expect(requestsTo(sb, 'businessEventSearch')).toEqual([]);
	});

	test('an event that does not exist gives no fields and says so', async () => {
		const ctx = loadOptionsContext(sb, triggerParameters('Nope', {}), {}, 2);
		const result = await methods.resourceMapping.getAttributeSchema.call(ctx);
		expect(result.fields).toEqual([]);
		expect(result.emptyFieldsNotice).toMatch(/^Business event "Nope" does not exist/);
	});

	test('the picker lists through V5 and matches part of a name', async () => {
		const ctx = loadOptionsContext(sb, triggerParameters('', {}), {}, 2);
		const { results } = await methods.listSearch.searchBusinessEvents.call(ctx, 'lag');
		expect(results.map((r) => r.value)).toEqual(['Flags']);
		expect(requestsTo(sb, 'businessEventListV5')).toHaveLength(1);
	});
});
