// Resent Streams batches with TWO webhook processors and a restart of one of them. The trigger's
// own "Deduplicate Events" remembers event IDs in its process only, so resends that reach the
// other processor, or come after a restart, pass again (measured here). The example workflow
// examples/queue-mode-streams-dedup-postgres.json lets a Postgres table decide instead: each event
// comes out once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectDir } from '../../../scripts/lib/project.mjs';
import { DEDUP_DATABASE } from '../../../scripts/lib/queueStack.mjs';
import { test } from '../../harness.mjs';
import { deploy, deployStreamsTrigger, NODE_TYPES } from '../../helpers.mjs';
import { countOccurrences, inParallel, itemsOf, sendBatch, settledExecutions, streamsUrlOn } from '../helpers.mjs';

export const EXAMPLE_FILE = join(projectDir, 'examples', 'queue-mode-streams-dedup-postgres.json');
const TRIGGER = 'MoEngage Streams Trigger';
const NEW_EVENTS = 'Only New Events';
const EVENTS = 20;

const state = {};

/** The example, its Postgres node pointed at `credential`, with a fresh webhook ID. */
function exampleWorkflow(credential) {
	const workflow = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8'));
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.postgres') node.credentials = { postgres: { id: credential.id, name: credential.name } };
		if (node.type === NODE_TYPES.streamsTrigger) node.webhookId = randomUUID();
	}
	return workflow;
}

/** The CREATE TABLE statement the example's sticky note tells users to run. */
function tableSql(workflow) {
	const note = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.stickyNote').parameters.content;
	const sql = /```sql\n([\s\S]*?)```/.exec(note)?.[1];
	assert.ok(sql, 'the sticky note has no ```sql block');
	return sql;
}

test('a second webhook processor joins (the Streams URL now has two receivers)', async (ctx) => {
	const second = await ctx.stack.startWebhookProcessor();
	assert.equal(ctx.stack.webhooks.length, 2);
	assert.notEqual(second.port, ctx.stack.webhooks[0].port);
}, { timeoutMs: 180_000 });

test('resends of the same batches to both webhook processors, at once, again, and after a restart of one', async (ctx) => {
	const credential = await ctx.client.upsertCredential({
		name: 'Postgres (event IDs)',
		type: 'postgres',
		data: {
			host: '127.0.0.1',
			port: ctx.postgres.port,
			database: DEDUP_DATABASE,
			user: ctx.postgres.user,
			password: ctx.postgres.password,
			ssl: 'disable',
			allowUnauthorizedCerts: false,
			maxConnections: 100,
			sshTunnel: false,
		},
	});
	const example = exampleWorkflow(credential);
	ctx.postgres.psql(DEDUP_DATABASE, tableSql(example));
	const inProcess = await deployStreamsTrigger(ctx, 'queue streams, in-process dedup only', { settings: { deduplicate: true } }, undefined, {
		typeVersion: 1.1,
	});
	const withExample = await deploy(ctx, example);
	const exampleTrigger = withExample.nodes.find((n) => n.type === NODE_TYPES.streamsTrigger);
	const urls = (node) => ctx.stack.webhooks.map((webhook) => streamsUrlOn(ctx, webhook, node));
	const [a1, a2] = urls(inProcess.node);
	const [e1, e2] = urls(exampleTrigger);

	const b1 = ctx.sandbox.makeStreamsBatch({ events: EVENTS });
	const b2 = ctx.sandbox.makeStreamsBatch({ events: EVENTS });
	const fresh = ctx.sandbox.makeStreamsBatch({ events: EVENTS / 2 });
	const mixed = { ...fresh, events: [...b2.events.slice(0, EVENTS / 2), ...fresh.events] };
	const posts = [];
	const post = async (url, batch) => {
		const res = await sendBatch(ctx, url, batch);
		posts.push({ url, status: res.status });
		return res;
	};

	// 1. The same batch reaches both processors at once (MoEngage resending while the first is slow).
	await inParallel([() => post(a1, b1), () => post(a2, b1), () => post(e1, b2), () => post(e2, b2)], 4);
	// 2. Resent to the first processor again.
	await inParallel([() => post(a1, b1), () => post(e1, b2)], 2);
	// 3. The first processor restarts (a deployment, a crash); the batch comes again.
	await ctx.stack.restart(ctx.stack.webhooks[0]);
	await inParallel([() => post(a1, b1), () => post(e1, b2), () => post(e2, b2), () => post(e2, mixed)], 4);

	const refused = posts.filter((p) => p.status < 200 || p.status >= 300);
	assert.deepEqual(refused, [], 'every delivery was answered 2xx (else MoEngage would resend again)');
	state.inProcess = { executions: await settledExecutions(ctx, inProcess.workflow.id), posted: 4 * EVENTS, distinct: EVENTS };
	state.example = {
		executions: await settledExecutions(ctx, withExample.id),
		posted: 5 * EVENTS + mixed.events.length,
		expected: [...b2.events, ...fresh.events].map((e) => e.event_uuid),
	};
	state.b1 = b1;
}, { timeoutMs: 240_000 });

test('the trigger’s in-process de-duplication alone lets resends through that reach the other processor or come after a restart', async (ctx) => {
	assert.ok(state.inProcess, 'the resends above did not run');
	const { executions, posted, distinct } = state.inProcess;
	const uuids = itemsOf(executions, TRIGGER).map((i) => i.event_uuid);
	const counts = countOccurrences(uuids);
	assert.equal(counts.distinct, distinct);
	ctx.measure(
		`Streams resends, 2 webhook processors, trigger de-duplication alone: ${posted} events posted (${distinct} distinct, ${posted - distinct} resent): ${counts.total} came out, ${counts.duplicates} duplicates passed`,
	);
	// Both processors passed the batch once each, and the restarted one once more: 2 × 20 duplicates.
	// The resend to the same, still running processor was dropped.
	assert.equal(counts.duplicates, 2 * distinct);
});

test('the example workflow (Postgres INSERT … ON CONFLICT DO NOTHING) passes each event once', async (ctx) => {
	assert.ok(state.example, 'the resends above did not run');
	const { executions, posted, expected } = state.example;
	const failed = executions.filter((e) => e.status !== 'success');
	assert.equal(failed.length, 0, `${failed.length} executions of the example failed: ${JSON.stringify(failed[0]?.data?.resultData?.error)}`);
	const uuids = itemsOf(executions, NEW_EVENTS).map((i) => i.event_uuid);
	const counts = countOccurrences(uuids);
	ctx.measure(
		`Streams resends, 2 webhook processors, the Postgres example: ${posted} events posted (${expected.length} distinct, ${posted - expected.length} resent): ${counts.total} came out, ${counts.duplicates} duplicates passed`,
	);
	assert.equal(counts.duplicates, 0, `${counts.duplicates} resent events came out again`);
	assert.deepEqual([...uuids].sort(), [...expected].sort(), 'every event exactly once');
	// The items that come out are the trigger's whole events, not just their IDs.
	const first = itemsOf(executions, NEW_EVENTS)[0];
	assert.ok(first.event_code && first.uid && first.moe_request_id, `the example outputs ${JSON.stringify(first)}`);
	const rows = Number(ctx.postgres.psql(DEDUP_DATABASE, 'SELECT count(*) FROM moengage_streams_seen'));
	assert.equal(rows, expected.length);
});

test('the second webhook processor stops', async (ctx) => {
	await ctx.stack.remove(ctx.stack.webhooks[1]);
	assert.equal(ctx.stack.webhooks.length, 1);
}, { timeoutMs: 60_000 });
