// The editor in headless Chromium: the node panel finds the MoEngage nodes (with their icons),
// a finished execution of a MoEngage workflow opens, and the examples `npm start` prepares run
// from the "Execute workflow" button. Screenshots go to e2e-artifacts/ (look at them).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { prepareExamples } from '../../scripts/lib/examples.mjs';
import { waitFor } from '../../scripts/lib/project.mjs';
import { closePopups, withLoggedInPage } from '../browser.mjs';
import { dataTrackFlow } from '../flows.mjs';
import { test } from '../harness.mjs';
import { keyFamily } from '../helpers.mjs';

const MOENGAGE_NODES = ['MoEngage Data', 'MoEngage Business Event', 'MoEngage Inform', 'MoEngage Campaign', 'MoEngage Streams Trigger'];

test(
	'editor: the node panel lists every MoEngage node with its icon',
	async (ctx) => {
		const workflow = await ctx.client.createWorkflow({
			name: 'e2e: node panel',
			nodes: [
				{
					id: 'b5f2c1de-0000-4000-8000-000000000001',
					name: 'When clicking ‘Execute workflow’',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
			],
			connections: {},
		});
		await withLoggedInPage(ctx, async (page) => {
			await page.goto(`${ctx.n8n.url}/workflow/${workflow.id}`);
			await page.waitForSelector('[data-test-id=canvas-node]');
			await closePopups(page);
			await page.click('[data-test-id=node-creator-plus-button]');
			await page.waitForSelector('[data-test-id=node-creator-search-bar]');
			await page.keyboard.type('MoEngage');
			// Every MoEngage entry is listed and its icon has loaded.
			await page.waitForFunction((names) => {
				const entries = [...document.querySelectorAll('[data-test-id=node-creator] [data-test-id=item-iterator-item]')];
				return names.every((name) =>
					entries.some((el) => {
						const img = el.querySelector('img');
						return (
							el.querySelector('[data-test-id=node-creator-item-name]')?.textContent.trim() === name &&
							img?.getAttribute('src')?.includes('n8n-nodes-moengage') &&
							img.complete &&
							img.naturalWidth > 0
						);
					}),
				);
			}, MOENGAGE_NODES);
			const shown = await page.$$eval('[data-test-id=node-creator-item-name]', (els) => els.map((e) => e.textContent.trim()));
			for (const name of MOENGAGE_NODES) assert.ok(shown.includes(name), `${name} is not in the node panel`);
			await page.screenshot({ path: join(ctx.artifactsDir, 'node-panel-moengage.png') });
		});
	},
	{ timeoutMs: 120_000 },
);

test(
	'editor: a finished MoEngage Data execution opens in the executions view',
	async (ctx) => {
		const flow = await dataTrackFlow(ctx, 'editor execution');
		const res = await flow.run({ customerId: 'e2e-editor-user' });
		assert.equal(res.status, 200, JSON.stringify(res.body));
		const [execution] = await ctx.client.waitForExecutions(flow.workflow.id, 1);
		assert.equal(execution.status, 'success');
		await withLoggedInPage(ctx, async (page) => {
			await page.goto(`${ctx.n8n.url}/workflow/${flow.workflow.id}/executions/${execution.id}`);
			const preview = page.locator('[data-test-id=execution-preview-host]');
			await preview.locator('[data-test-id=canvas-node-status-success]').first().waitFor();
			await closePopups(page);
			const names = await preview.locator('[data-test-id=canvas-node]').evaluateAll((els) => els.map((e) => e.textContent));
			assert.ok(names.some((n) => n.includes('MoEngage Data')), `the preview shows ${JSON.stringify(names)}`);
			assert.equal(await preview.locator('[data-test-id=canvas-node-status-success]').count(), 2, 'both nodes succeeded');
			await page.screenshot({ path: join(ctx.artifactsDir, 'execution-moengage-data.png') });
			// The MoEngage node's output, as a user inspects it.
			await preview.locator('[data-test-id=canvas-node]', { hasText: 'MoEngage Data' }).dblclick();
			await page.locator('[data-test-id=ndv]').first().waitFor();
			await page.waitForTimeout(500);
			await page.screenshot({ path: join(ctx.artifactsDir, 'execution-moengage-data-output.png') });
		});
	},
	{ timeoutMs: 120_000 },
);

test(
	'editor: the npm start examples run from "Execute workflow" and reach the sandbox',
	async (ctx) => {
		const examples = await prepareExamples(ctx.client, ctx.credential, { baseUrl: ctx.n8n.url, nodeTypes: ctx.nodeTypes });
		assert.equal(examples.length, 3);
		const streams = examples.find((e) => e.streamsUrl);
		assert.ok(streams?.active, 'the Streams example is not published');
		const expected = [
			{ path: `/v1/transition/${ctx.sandbox.workspaceId}`, family: 'data' },
			{ path: '/v1.0/business_event/trigger', family: 'businessEvents' },
		];
		await withLoggedInPage(ctx, async (page) => {
			for (const [index, example] of examples.filter((e) => !e.streamsUrl).entries()) {
				ctx.sandbox.clearRequests();
				await page.goto(`${ctx.n8n.url}/workflow/${example.id}`);
				await page.waitForSelector('[data-test-id=canvas-node]');
				await closePopups(page);
				await page.click('[data-test-id=execute-workflow-button]');
				const nodes = await page.locator('[data-test-id=canvas-node]').count();
				await waitFor(async () => (await page.locator('[data-test-id=canvas-node-status-success]').count()) === nodes, {
					timeoutMs: 30_000,
					what: `every node of "${example.name}" to succeed`,
				});
				const sent = ctx.sandbox.requests.find((r) => r.path === expected[index].path);
				assert.ok(sent, `"${example.name}" sent no ${expected[index].path}: ${ctx.sandbox.requests.map((r) => r.path)}`);
				assert.equal(sent.status, 200);
				assert.equal(keyFamily(ctx, sent), expected[index].family);
				await page.waitForTimeout(1_000);
				await page.screenshot({ path: join(ctx.artifactsDir, `example-${index + 1}-executed.png`) });
			}
		});
		// The curl command npm start prints: the documented sample batch to the published trigger.
		const res = await ctx.sandbox.postStreamsBatch(streams.streamsUrl, ctx.sandbox.sampleStreamsBatch());
		assert.equal(res.status, 200, res.body);
		const [execution] = await ctx.client.waitForExecutions(streams.id, 1);
		assert.equal(execution.status, 'success');
	},
	{ timeoutMs: 180_000 },
);
