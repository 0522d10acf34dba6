import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { RunOptions } from './helpers';
import { expectBusinessEventsKey, requestsTo, runBusinessEvent, useSandbox } from './helpers';

let sb: Sandbox;

useSandbox((s) => (sb = s), { maxBusinessEvents: 4 });

async function run(parameters: INodeParameters, items?: IDataObject[], options?: RunOptions) {
	return await runBusinessEvent(sb, { resource: 'businessEvent', ...parameters }, items, options);
}

describe('Create', () => {
	const create = (extra: object = {}) => ({
		operation: 'create',
		eventName: 'CartAbandoned',
		attributes: {
			attribute: [
				{ name: 'cart_value', dataType: 'float' },
				{ name: 'items', dataType: 'array' },
				{ name: 'abandoned_at', dataType: 'date' },
			],
		},
		createdBy: 'ops@example.com',
		...extra,
	});

	test('POSTs name, typed attributes and creator to /v1.0/business_event and outputs the new event', async () => {
		const { outputs, error } = await run(create());
		expect(error).toBeUndefined();
		const [request] = requestsTo(sb, 'businessEventCreate');
		expect(sb.requests).toHaveLength(1);
		expect(request.method).toBe('POST');
		expectBusinessEventsKey(sb, request);
		expect(request.body).toEqual({
			event_name: 'CartAbandoned',
			event_attributes: [
				{ attribute_name: 'cart_value', attribute_data_type: 'float' },
				{ attribute_name: 'items', attribute_data_type: 'array' },
				{ attribute_name: 'abandoned_at', attribute_data_type: 'date' },
			],
			created_by: 'ops@example.com',
		});
		// MoEngage answers {message, event_id} (no event): the item is that answer with what was created.
		expect(outputs[0]).toEqual([
			{
				json: {
					message: 'The business event has been created',
					event_id: sb.businessEvents.get('CartAbandoned')!.event_id,
					...(request.body as object),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(Object.keys(outputs[0][0].json)).toEqual(['message', 'event_id', 'event_name', 'event_attributes', 'created_by']);
	});

	test('an existing name becomes an error that says what to do', async () => {
		const { error } = await run(create({ eventName: 'NewMovies' }));
		expect(error?.message).toBe(
			'Business event "NewMovies" already exists in this workspace: trigger it (operation Trigger) or choose another name',
		);
		expect(error?.description).toMatch(/MoEngage request ID/);
	});

	test('the workspace limit becomes an error that names it', async () => {
		// The sandbox holds 4 here (3 defaults + CartAbandoned): MoEngage's limit is 50.
		const { error } = await run(create({ eventName: 'OneTooMany' }));
		expect(error?.message).toBe(
			'This workspace already has MoEngage\'s maximum of 50 business events: "OneTooMany" was not created',
		);
		expect(error?.description).toMatch(/no API to delete a business event/);
	});

	test('bad input is refused before sending: creator email, empty and duplicate attribute names', async () => {
		const email = await run(create({ createdBy: 'ops' }));
		expect(email.error?.message).toBe('"Created By" must be an email address, not "ops" [item 0]');
		const unnamed = await run(create({ attributes: { attribute: [{ name: ' ', dataType: 'int' }] } }));
		expect(unnamed.error?.message).toBe('Attribute 1 has no name [item 0]');
		const twice = await run(
			create({ attributes: { attribute: [{ name: 'a', dataType: 'int' }, { name: 'a', dataType: 'string' }] } }),
		);
		expect(twice.error?.message).toBe('Attribute "a" is listed twice [item 0]');
		const empty = await run(create({ eventName: '={{ "" }}' }));
		expect(empty.error?.message).toBe('"Event Name" is empty [item 0]');
		expect(sb.requests).toHaveLength(0);
	});
});

test('On Error → Continue (using error output): a refused Create goes to the error output', async () => {
	const { outputs } = await run(
		{
			operation: 'create',
			eventName: 'NewMovies',
			attributes: { attribute: [{ name: 'x', dataType: 'string' }] },
			createdBy: 'ops@example.com',
		},
		[{}],
		{ onError: 'continueErrorOutput' },
	);
	expect(outputs[0]).toEqual([]);
	expect(outputs[1]).toHaveLength(1);
	expect(outputs[1][0].json).toEqual({
		error: 'Business event "NewMovies" already exists in this workspace: trigger it (operation Trigger) or choose another name',
		details: expect.stringMatching(/MoEngage request ID/),
	});
	expect(outputs[1][0].pairedItem).toEqual({ item: 0 });
});
