// Workflow JSON helpers: the example workflows in examples/, webhook-started test workflows,
// and the production URL of a published webhook trigger.
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectDir } from './project.mjs';

export const NODE_TYPES = Object.freeze({
	data: 'n8n-nodes-moengage.moEngageData',
	businessEvent: 'n8n-nodes-moengage.moEngageBusinessEvent',
	inform: 'n8n-nodes-moengage.moEngageInform',
	streamsTrigger: 'n8n-nodes-moengage.moEngageStreamsTrigger',
	campaign: 'n8n-nodes-moengage.moEngageCampaign',
});
export const CREDENTIAL_TYPE = 'moEngageApi';

export const workflowsDir = join(projectDir, 'examples');

/** The example workflows (`examples/example-*.json`), sorted by file name. */
export function exampleWorkflows() {
	return readdirSync(workflowsDir)
		.filter((f) => /^example-.*\.json$/.test(f))
		.sort()
		.map((f) => ({ file: f, workflow: JSON.parse(readFileSync(join(workflowsDir, f), 'utf8')) }));
}

/** A copy of `workflow` whose MoEngage action nodes use `credential` ({id, name}). */
export function withCredential(workflow, credential) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (node.type === NODE_TYPES.data || node.type === NODE_TYPES.businessEvent) {
			node.credentials = { ...node.credentials, [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
		}
	}
	return copy;
}

/**
 * Webhook (POST `path`, answers with every item of the last node) → `steps` in a row. Each step is
 * `{ name, type, typeVersion?, parameters, credentials? }`.
 */
export function webhookWorkflow({ name, path, steps }) {
	const nodes = [
		{
			id: randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		},
		...steps.map((step, index) => ({
			id: randomUUID(),
			typeVersion: 1,
			position: [240 * (index + 1), 0],
			...step,
		})),
	];
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/**
 * The production URL of `node`'s webhook, following n8n's rule: a full path as it is, otherwise
 * `<webhookId>/<path>`. `nodeType` is the node's description from n8n's `/types/nodes.json`.
 */
export function productionWebhookUrl(baseUrl, node, nodeType) {
	const [webhook] = nodeType.webhooks ?? [];
	if (!webhook) throw new Error(`${nodeType.name} declares no webhook`);
	let path = String(webhook.path);
	const param = /^=\{\{\s*\$parameter\[["'](\w+)["']\]\s*\}\}$/.exec(path);
	if (param) {
		const property = (nodeType.properties ?? []).find((p) => p.name === param[1]);
		path = String(node.parameters?.[param[1]] ?? property?.default ?? '');
	} else if (path.startsWith('=')) {
		throw new Error(`cannot work out the webhook path of ${nodeType.name}: ${path}`);
	}
	const isFullPath = webhook.isFullPath === true || webhook.isFullPath === '={{true}}';
	const full = isFullPath ? path : `${node.webhookId}/${path}`;
	return `${baseUrl.replace(/\/+$/, '')}/webhook/${full.replace(/^\/+/, '')}`;
}
