import { MoEngageBusinessEvent } from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node';
import type { Sandbox } from '../../sandbox';
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
	test('lists every event of the workspace, by name, from a search with an empty body', async () => {
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
		expect(request.path).toBe('/v1.0/business_event/search');
		expect(request.body).toEqual({});
		expectBusinessEventsKey(sb, request);
	});

	test('filters by what the user types, ignoring case', async () => {
		const ctx = loadOptionsContext(sb, triggerParameters('', {}));
		const { results } = await searchBusinessEvents.call(ctx, 'movie');
		expect(results.map((r) => r.value)).toEqual(['NewMovies']);
	});

	test('if MoEngage refuses the empty search, the typed text is looked up as a name', async () => {
		sb.injectFaults({ kind: 'status', status: 400, pathPrefix: '/v1.0/business_event/search' });
		const ctx = loadOptionsContext(sb, triggerParameters('', {}));
		const { results } = await searchBusinessEvents.call(ctx, 'PriceDrop');
		expect(results.map((r) => r.value)).toEqual(['PriceDrop']);
		// A faulted request is answered before its body is parsed: read the raw text.
		expect(requestsTo(sb, 'businessEventSearch').map((r) => JSON.parse(r.rawBody))).toEqual([{}, { event_names: ['PriceDrop'] }]);
	});

	test('an answer with odd display-only fields lists its events; an event without a name is left out', async () => {
		sb.injectFaults({ kind: 'status', status: 200, body: ODD_SEARCH_ANSWER, pathPrefix: '/v1.0/business_event/search' });
		const { results } = await searchBusinessEvents.call(loadOptionsContext(sb, triggerParameters('', {})));
		expect(results).toEqual([
			{ name: 'NewMovies', value: 'NewMovies', description: 'Attributes: MovieName, rating' },
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
