// Every operation of the MoEngage Business Event node, run by n8n (published workflow, started by
// its webhook), checked from what the sandbox received: path, key family, body.
import assert from 'node:assert/strict';
import { test } from '../harness.mjs';
import { deployNodeFlow, runItems } from '../flows.mjs';
import { keyFamily, NODE_TYPES } from '../helpers.mjs';

const BASE = '/v1.0/business_event';

/** Every request went to the Business Events API with the Business Events key, and was accepted. */
function assertBusinessEventRequests(ctx, requests) {
	assert.ok(requests.length > 0, 'nothing was sent');
	for (const r of requests) {
		assert.equal(r.method, 'POST');
		assert.ok(r.path === BASE || r.path.startsWith(`${BASE}/`), `${r.path} is no Business Events path`);
		assert.equal(keyFamily(ctx, r), 'businessEvents', `${r.path} was not sent with the Business Events key`);
		assert.equal(r.status, 200, `${r.path} answered ${r.status}: ${JSON.stringify(r.response)}`);
	}
}

const triggersOf = (requests) => requests.filter((r) => r.path === `${BASE}/trigger`);

test('Business Event: Trigger NewMovies with attributes as JSON', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'be trigger json', NODE_TYPES.businessEvent, {
		resource: 'businessEvent',
		operation: 'trigger',
		businessEvent: { __rl: true, mode: 'name', value: 'NewMovies' },
		attributesInput: 'json',
		eventAttributesJson: '={{ JSON.stringify({ MovieName: $json.movies, rating: $json.rating }) }}',
		triggeredBy: 'ops@example.com',
	});
	const { output, requests } = await runItems(ctx, flow, [
		{ movies: ['Inception', 'Up'], rating: 'PG-13' },
		{ movies: ['Heat'], rating: 'R' },
	]);
	assert.equal(output.length, 2, 'one output item per input item');
	assertBusinessEventRequests(ctx, requests);
	const triggers = triggersOf(requests);
	assert.equal(triggers.length, 2, 'one trigger request per item');
	assert.deepEqual(triggers[0].body, {
		event_name: 'NewMovies',
		event_attributes: { MovieName: ['Inception', 'Up'], rating: 'PG-13' },
		triggered_by: 'ops@example.com',
	});
	assert.deepEqual(triggers[1].body.event_attributes, { MovieName: ['Heat'], rating: 'R' });
	assert.equal(ctx.sandbox.accepted().filter((a) => a.kind === 'businessEvent' && a.event_name === 'NewMovies').length, 2);
});

test('Business Event: Trigger PriceDrop with mapped fields, converted to the declared types', async (ctx) => {
	const field = (id, type) => ({ id, displayName: id, required: false, defaultMatch: false, display: true, type, canBeUsedToMatch: false });
	const flow = await deployNodeFlow(ctx, 'be trigger mapped', NODE_TYPES.businessEvent, {
		resource: 'businessEvent',
		operation: 'trigger',
		businessEvent: { __rl: true, mode: 'list', value: 'PriceDrop', cachedResultName: 'PriceDrop' },
		attributesInput: 'mapFields',
		eventAttributes: {
			mappingMode: 'defineBelow',
			value: {
				product_id: '={{ $json.sku }}',
				old_price: '={{ $json.was }}',
				new_price: '={{ $json.now }}',
				stock: '={{ $json.stock }}',
			},
			matchingColumns: [],
			schema: [
				field('product_id', 'string'),
				field('old_price', 'number'),
				field('new_price', 'number'),
				field('stock', 'number'),
				field('valid_until', 'dateTime'),
				field('tags', 'array'),
			],
			attemptToConvertTypes: false,
			convertFieldsToString: false,
		},
	});
	const { output, requests } = await runItems(ctx, flow, [{ sku: 'SKU-1', was: '19.99', now: 14.5, stock: '7' }]);
	assert.equal(output.length, 1);
	assertBusinessEventRequests(ctx, requests);
	const [trigger] = triggersOf(requests);
	assert.ok(trigger, 'no trigger request');
	assert.deepEqual(trigger.body, {
		event_name: 'PriceDrop',
		event_attributes: { product_id: 'SKU-1', old_price: 19.99, new_price: 14.5, stock: 7 },
	});
});

test('Business Event: Search by name', async (ctx) => {
	const flow = await deployNodeFlow(ctx, 'be search', NODE_TYPES.businessEvent, {
		resource: 'businessEvent',
		operation: 'search',
		eventNames: 'NewMovies, PriceDrop',
	});
	const { output, requests } = await runItems(ctx, flow, [{}]);
	assertBusinessEventRequests(ctx, requests);
	assert.equal(requests.length, 1);
	assert.equal(requests[0].path, `${BASE}/search`);
	assert.deepEqual(requests[0].body, { event_names: ['NewMovies', 'PriceDrop'] });
	const names = output.flatMap((o) => (Array.isArray(o.events) ? o.events : [o])).map((e) => e.event_name);
	assert.deepEqual(names.sort(), ['NewMovies', 'PriceDrop']);
});

test('Business Event: Create, then Trigger the new event', async (ctx) => {
	const create = await deployNodeFlow(ctx, 'be create', NODE_TYPES.businessEvent, {
		resource: 'businessEvent',
		operation: 'create',
		eventName: '={{ $json.name }}',
		attributes: {
			attribute: [
				{ name: 'order_id', dataType: 'string' },
				{ name: 'amount', dataType: 'float' },
			],
		},
		createdBy: 'ops@example.com',
	});
	const created = await runItems(ctx, create, [{ name: 'E2EOrderShipped' }]);
	assert.equal(created.output.length, 1);
	assertBusinessEventRequests(ctx, created.requests);
	const createRequest = created.requests.find((r) => r.path === BASE);
	assert.ok(createRequest, 'no create request');
	assert.equal(createRequest.body.event_name, 'E2EOrderShipped');
	assert.equal(createRequest.body.created_by, 'ops@example.com');
	assert.deepEqual(
		createRequest.body.event_attributes.map((a) => [a.attribute_name, a.attribute_data_type]),
		[
			['order_id', 'string'],
			['amount', 'float'],
		],
	);
	assert.ok(ctx.sandbox.businessEvents.has('E2EOrderShipped'), 'the sandbox has no such event');

	const trigger = await deployNodeFlow(ctx, 'be trigger created', NODE_TYPES.businessEvent, {
		resource: 'businessEvent',
		operation: 'trigger',
		businessEvent: { __rl: true, mode: 'name', value: 'E2EOrderShipped' },
		attributesInput: 'json',
		eventAttributesJson: '{"order_id": "o-1", "amount": 42.5}',
	});
	const triggered = await runItems(ctx, trigger, [{}]);
	const [t] = triggersOf(triggered.requests);
	assert.deepEqual(t?.body, { event_name: 'E2EOrderShipped', event_attributes: { order_id: 'o-1', amount: 42.5 } });
});
