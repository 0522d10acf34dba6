import type { INode } from 'n8n-workflow';
import { NodeHelpers, nodeParametersAreStatic, webhookDescriptionIsNativelyResolvable } from 'n8n-workflow';

import { makeStreamsBatch, sampleStreamsBatch } from '../../sandbox';
import { MoEngageStreamsTrigger } from '../../nodes/MoEngageStreamsTrigger/MoEngageStreamsTrigger.node';
import { resetDuplicateMemory } from '../../nodes/MoEngageStreamsTrigger/webhook/deduplicate';
import { callWebhook } from './webhookHarness';

beforeEach(() => resetDuplicateMemory());

/**
 * Version 1.1 differs from 1 only in who parses the JSON body: n8n does it before the node runs
 * (node versions after 1, Content-Type exactly application/json) and the node takes n8n's result.
 * Version 1.2 parses like 1.1 and differs only in the channel (test/streams/channel.test.ts).
 */
describe('MoEngage Streams Trigger versions', () => {
	it('offers 1, 1.1 and 1.2, and new nodes get 1.2', () => {
		const { description } = new MoEngageStreamsTrigger();
		expect(description.version).toEqual([1, 1.1, 1.2]);
		expect(description.defaultVersion).toBe(1.2);
	});

	// The README's advice for busy endpoints (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true) holds only
	// while answering needs no expression: n8n then builds no isolate for the request. n8n's own
	// predicates decide what is static; an expression default or description field breaks it.
	it.each([1.1, 1.2])('%s as added in the editor needs no expression to answer a request (lazy isolates build none)', (typeVersion) => {
		const { description } = new MoEngageStreamsTrigger();
		const node = { typeVersion, parameters: {} } as INode;
		const parameters = NodeHelpers.getNodeParameters(description.properties, {}, true, false, node, description);
		expect(parameters).toMatchObject({ outputMode: expect.any(String), options: { binaryData: true } });
		expect(nodeParametersAreStatic({ parameters: parameters ?? {} })).toBe(true);
		expect(description.webhooks?.length).toBeGreaterThan(0);
		for (const webhook of description.webhooks ?? []) expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
	});

	it('1.1 with the body parsed by n8n gives the same items as 1 reading the raw bytes', async () => {
		const batch = makeStreamsBatch({ events: 40 });
		// Events that break the schema go to the Rejected output in both versions.
		(batch.events as unknown[]).splice(5, 0, 42, 'not an event');
		const v1 = await callWebhook({}, { body: batch });
		const v11 = await callWebhook({}, { body: batch, bodyDelivery: 'parsed', typeVersion: 1.1 });
		expect(v11.started).toBe(true);
		expect(v11.events.length).toBeGreaterThan(0);
		expect(v11.rejected.length).toBeGreaterThan(0);
		expect(v11.events).toEqual(v1.events);
		expect(v11.rejected).toEqual(v1.rejected);
	});

	it('1.1 still removes __proto__ / constructor keys and bounds the nesting of a body n8n parsed', async () => {
		const raw = '{"app_name":"A","__proto__":{"polluted":1},"events":[{"constructor":{"x":1},"a":{"__proto__":{"b":2}}}]}';
		const run = await callWebhook({ outputMode: 'perBatch' }, { body: raw, bodyDelivery: 'parsed', typeVersion: 1.1 });
		const json = JSON.stringify([...run.events, ...run.rejected].map((item) => item.json));
		expect(json).not.toMatch(/__proto__|constructor|polluted/);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();

		const deep = `{"events":[],"deep":${'['.repeat(70)}${']'.repeat(70)}}`;
		const tooDeep = await callWebhook({}, { body: deep, bodyDelivery: 'parsed', typeVersion: 1.1 });
		expect(tooDeep.answer.status).toBe(400);
		expect(tooDeep.answer.body).toEqual({ code: 400, message: expect.stringMatching(/nested more than 64 levels/) });
	});

	it('1.1 refuses a parsed body that is no batch with the same 400 as 1', async () => {
		for (const body of [[sampleStreamsBatch()], { app_name: 'A' }, { events: 'nope' }]) {
			const v1 = await callWebhook({}, { body });
			const v11 = await callWebhook({}, { body, bodyDelivery: 'parsed', typeVersion: 1.1 });
			expect(v11.answer).toEqual(v1.answer);
			expect(v11.started).toBe(false);
		}
	});

	it("1 never takes n8n's placeholder req.body for the batch: it reads the raw bytes", async () => {
		// The harness leaves `{}` in req.body, as n8n can: taken for the body, it would be refused.
		const run = await callWebhook({}, { body: sampleStreamsBatch(), bodyDelivery: 'present' });
		expect(run.started).toBe(true);
		expect(run.events).toHaveLength(sampleStreamsBatch().events.length);
	});

	it('1.1 reads and parses the raw bytes itself when n8n did not parse them (a +json media type)', async () => {
		const run = await callWebhook(
			{},
			{ body: sampleStreamsBatch(), bodyDelivery: 'present', contentType: 'application/vnd.moengage+json', typeVersion: 1.1 },
		);
		expect(run.started).toBe(true);
		expect(run.events).toHaveLength(sampleStreamsBatch().events.length);
	});
});
