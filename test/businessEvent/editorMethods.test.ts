import { MoEngageBusinessEvent } from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { expectBusinessEventsKey, loadOptionsContext, ODD_SEARCH_ANSWER, requestsTo, triggerParameters, useSandbox } from './helpers';

/**
 * The list and mapper methods, called as the editor calls them: with n8n-core's real
 * LoadOptionsContext, so requests go through n8n's httpRequestWithAuthentication and our
 * credential's authenticate, over HTTP to the sandbox.
 */
let sb: Sandbox;
/** Not a secret: a Business Events key value the sandbox refuses. */
const REFUSED_VALUE = 'refused-by-sandbox-9876';
const { methods } = new MoEngageBusinessEvent();
const searchBusinessEvents = methods.listSearch.searchBusinessEvents;
const getAttributeSchema = methods.resourceMapping.getAttributeSchema;

useSandbox((s) => (sb = s));

describe('Business event picker (listSearch.searchBusinessEvents)', () => {
	test('lists every event of the workspace from the V5 list, never an empty legacy search (which the sandbox refuses, as the reference words it)', async () => {
		expect(sb.legacyEmptySearch).toBe('refuse');
		const ctx = loadOptionsContext(sb, triggerParameters('', {}));
		const { results } = await searchBusinessEvents.call(ctx);
		expect(results).toEqual([
			{ name: 'NewMovies', value: 'NewMovies', description: 'Attributes: MovieName, rating' },
			{ name: 'NoActiveCampaign', value: 'NoActiveCampaign', description: 'Attributes: note' },
			{
				name: 'PriceDrop',
				value: 'PriceDrop',
				description: 'Attributes: product_id, old_price, new_price, stock, valid_until, tags',
			},
		]);
		const [request] = sb.requests;
		expect(sb.requests).toHaveLength(1);
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/v5/business-events');
		expect(request.query).toEqual({ limit: '20' });
		expect(request.rawBody).toBe('');
		expectBusinessEventsKey(sb, request);
		expect(requestsTo(sb, 'businessEventSearch')).toEqual([]);
	});

	test('filters by what the user types, ignoring case', async () => {
		const ctx = loadOptionsContext(sb, triggerParameters('', {}));
		const { results } = await searchBusinessEvents.call(ctx, 'movie');
		expect(results.map((r) => r.value)).toEqual(['NewMovies']);
	});

	test('matches part of a name across every page of the list (45 events, 20 a page)', async () => {
		const s = await startSandbox();
		try {
			for (let n = 1; n <= 42; n++) s.addBusinessEvent({ event_name: `Order_${String(n).padStart(2, '0')}_Shipped` });
			const ctx = loadOptionsContext(s, triggerParameters('', {}));
			const { results } = await searchBusinessEvents.call(ctx, '4_ship');
			expect(results.map((r) => r.value)).toEqual(['Order_04_Shipped', 'Order_14_Shipped', 'Order_24_Shipped', 'Order_34_Shipped']);
			expect(s.requests.map((r) => r.query.cursor === undefined)).toEqual([true, false, false]);
		} finally {
			await s.close();
		}
	});

	test('if MoEngage refuses the key for V5 (403), the typed text is looked up as an exact name through the legacy search', async () => {
		sb.injectFaults({ kind: 'status', status: 403, pathPrefix: '/v5/business-events' });
		const ctx = loadOptionsContext(sb, triggerParameters('', {}));
		const { results } = await searchBusinessEvents.call(ctx, 'PriceDrop');
		expect(results.map((r) => r.value)).toEqual(['PriceDrop']);
		expect(requestsTo(sb, 'businessEventSearch').map((r) => r.body)).toEqual([{ event_names: ['PriceDrop'] }]);
	});

	test('if V5 is refused and nothing is typed, it says so and how to go on', async () => {
		sb.injectFaults({ kind: 'status', status: 403, pathPrefix: '/v5/business-events' });
		const ctx = loadOptionsContext(sb, triggerParameters('', {}));
		const error = (await searchBusinessEvents.call(ctx).catch((e: unknown) => e)) as { message: string; description: string };
		expect(error.message).toMatch(/^Could not list the business events/);
		expect(error.description).toMatch(/type the exact event name/);
		expect(requestsTo(sb, 'businessEventSearch')).toEqual([]);
	});

	test('an answer with odd fields lists its events; an event without a name is left out', async () => {
		sb.injectFaults({
			kind: 'status',
			status: 200,
			body: {
				response_id: 'resp_0',
				type: 'business-events',
				data: [
					{ id: '67a2c4f18d3b5e0a9c1f4e73', name: 'NewMovies', attributes: [{ name: 'MovieName', data_type: 'string' }], trigger_count: 'many' },
					{ id: '67a2c4f18d3b5e0a9c1f4e74', name: 'NoAttributes', attributes: null },
					{ id: '67a2c4f18d3b5e0a9c1f4e75', attributes: [] },
				],
				pagination: { has_more: false },
			},
			pathPrefix: '/v5/business-events',
		});
		const { results } = await searchBusinessEvents.call(loadOptionsContext(sb, triggerParameters('', {})));
		expect(results).toEqual([
			{ name: 'NewMovies', value: 'NewMovies', description: 'Attributes: MovieName' },
			{ name: 'NoAttributes', value: 'NoAttributes', description: 'No attributes' },
		]);
	});

	test('without a Business Events key it says which key is missing', async () => {
		const ctx = loadOptionsContext(sb, triggerParameters('', {}), { businessEventsApiKey: '' });
		await expect(searchBusinessEvents.call(ctx)).rejects.toThrow('The MoEngage credential has no Business Events API Key');
		expect(sb.requests).toHaveLength(0);
	});
});

describe('Attribute fields (resourceMapping.getAttributeSchema)', () => {
	test('one field per declared attribute, typed for n8n, MoEngage\'s type in the label', async () => {
		const ctx = loadOptionsContext(sb, triggerParameters('PriceDrop', {}));
		const { fields } = await getAttributeSchema.call(ctx);
		expect(fields.map((f) => [f.id, f.displayName, f.type])).toEqual([
			['product_id', 'product_id (string)', 'string'],
			['old_price', 'old_price (float)', 'number'],
			['new_price', 'new_price (float)', 'number'],
			['stock', 'stock (int)', 'number'],
			['valid_until', 'valid_until (date)', 'dateTime'],
			['tags', 'tags (array)', 'array'],
		]);
		expect(fields.every((f) => f.display && !f.required && !f.defaultMatch)).toBe(true);
		const [request] = sb.requests;
		expect(request.body).toEqual({ event_names: ['PriceDrop'] });
		expectBusinessEventsKey(sb, request);
	});

	test('an event typed by name that does not exist gives no fields and says so', async () => {
		const parameters = { ...triggerParameters('Nope', {}), businessEvent: { __rl: true, mode: 'name', value: 'Nope' } };
		const result = await getAttributeSchema.call(loadOptionsContext(sb, parameters));
		expect(result).toEqual({
			fields: [],
			emptyFieldsNotice:
				'Business event "Nope" does not exist in this workspace: create it (operation Create) or check the name',
		});
	});

	test('event_attributes null reads as an event without attributes', async () => {
		sb.injectFaults({ kind: 'status', status: 200, body: ODD_SEARCH_ANSWER, pathPrefix: '/v1.0/business_event/search' });
		const result = await getAttributeSchema.call(loadOptionsContext(sb, triggerParameters('NoAttributes', {})));
		expect(result).toEqual({ fields: [], emptyFieldsNotice: 'Business event "NoAttributes" declares no attributes' });
	});

	test('an event MoEngage describes in a form the node cannot read is reported as such, not as missing', async () => {
		const body = { data: [{ event_name: 'PriceDrop', event_attributes: [{ attribute_name: 'stock' }] }] };
		sb.injectFaults({ kind: 'status', status: 200, body, pathPrefix: '/v1.0/business_event/search' });
		const error = await getAttributeSchema.call(loadOptionsContext(sb, triggerParameters('PriceDrop', {}))).then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error?.message).toMatch(/^Could not load the attributes of business event "PriceDrop": .*event_attributes\.0\.attribute_data_type/);
	});

	test('no event chosen yet: no request', async () => {
		const result = await getAttributeSchema.call(loadOptionsContext(sb, triggerParameters('', {})));
		expect(result).toEqual({ fields: [], emptyFieldsNotice: 'Choose a business event first' });
		expect(sb.requests).toHaveLength(0);
	});

	test('a MoEngage error is shown with its request id and without the key', async () => {
		const ctx = loadOptionsContext(sb, triggerParameters('PriceDrop', {}), { businessEventsApiKey: REFUSED_VALUE });
		const error = await getAttributeSchema.call(ctx).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toBe(
			'Could not load the attributes of business event "PriceDrop": Authentication required',
		);
		expect(error?.description).toMatch(/MoEngage request ID/);
		expect(JSON.stringify(error)).not.toContain(REFUSED_VALUE);
	});
});
