// The example workflows `npm start` prepares (examples/example-*.json): created when missing
// (by name, so a user's edits survive a restart), wired to the sandbox credential, and the Streams
// one published so that its production URL answers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleWorkflows, NODE_TYPES, productionWebhookUrl, withCredential } from './workflows.mjs';

/** Returns `[{ id, name, active, streamsUrl? }]` in file order. */
export async function prepareExamples(client, credential, { baseUrl, nodeTypes }) {
	const existing = await client.listWorkflows();
	const streamsType = nodeTypes.find((t) => t.name === NODE_TYPES.streamsTrigger);
	const prepared = [];
	for (const { workflow: example } of exampleWorkflows()) {
		let stored = existing.find((w) => w.name === example.name && !w.isArchived);
		if (!stored) stored = await client.createWorkflow(withCredential(example, credential));
		const trigger = stored.nodes.find((n) => n.type === NODE_TYPES.streamsTrigger);
		let active = Boolean(stored.active);
		if (trigger && !active) {
			await client.publishWorkflow(stored.id);
			active = true;
		}
		prepared.push({
			id: stored.id,
			name: stored.name,
			active,
			streamsUrl: trigger && streamsType ? productionWebhookUrl(baseUrl, trigger, streamsType) : undefined,
		});
	}
	return prepared;
}

/** Writes Streams batches to POST at the trigger: the documented sample and 100 generated events. */
export function writeBatchFiles(dir, sandbox) {
	mkdirSync(dir, { recursive: true });
	const sample = join(dir, 'sample-batch.json');
	writeFileSync(sample, `${JSON.stringify(sandbox.sampleStreamsBatch(), null, 2)}\n`);
	const hundred = join(dir, 'batch-100-events.json');
	writeFileSync(hundred, `${JSON.stringify(sandbox.makeStreamsBatch({ events: 100 }), null, 2)}\n`);
	return { sample, hundred };
}
