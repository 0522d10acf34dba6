// Helpers the specs share: deploy a workflow and run it through its webhook, read what an
// execution produced, decode the auth the sandbox received.
import { randomUUID } from 'node:crypto';
import { postWebhook } from '../scripts/lib/api.mjs';
import { NODE_TYPES, productionWebhookUrl, webhookWorkflow } from '../scripts/lib/workflows.mjs';

export { NODE_TYPES };

/** The node description n8n registered for `type` (from /types/nodes.json). */
export function nodeType(ctx, type) {
	const found = ctx.nodeTypes.find((t) => t.name === type);
	if (!found) throw new Error(`n8n has no node type ${type}`);
	return found;
}

/** Creates and publishes `workflow`; returns the stored workflow. */
export async function deploy(ctx, workflow) {
	const created = await ctx.client.createWorkflow(workflow);
	await ctx.client.publishWorkflow(created.id);
	return created;
}

/** A MoEngage action node step for webhookWorkflow(), using the sandbox credential. */
export function moEngageStep(type, parameters, name = type === NODE_TYPES.data ? 'MoEngage Data' : 'MoEngage Business Event') {
	return {
		name,
		type,
		typeVersion: 1,
		parameters,
		credentials: { moEngageApi: { id: '', name: '' } },
	};
}

/**
 * Publishes Webhook → `steps` (MoEngage nodes get `credential`, default the sandbox one) and
 * returns `{ workflow, url, run(body) }`; `run` POSTs to the webhook and resolves to
 * `{ status, body }` where body is every item of the last node (or n8n's error).
 */
export async function deployWebhookFlow(ctx, name, steps, { credential = ctx.credential } = {}) {
	const path = `e2e-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 8)}`;
	const withCreds = steps.map((step) =>
		step.credentials?.moEngageApi ? { ...step, credentials: { moEngageApi: { id: credential.id, name: credential.name } } } : step,
	);
	const workflow = await deploy(ctx, webhookWorkflow({ name: `e2e: ${name}`, path, steps: withCreds }));
	const url = `${ctx.n8n.url}/webhook/${path}`;
	return { workflow, url, run: (body, options) => postWebhook(url, body, options) };
}

/**
 * Publishes a workflow with one MoEngage Streams Trigger (plus `parameters` and `credentials`,
 * e.g. `{ moEngageStreamsBasicAuthApi: { id, name } }`, at `typeVersion`, default 1); returns it
 * and its production URL.
 */
export async function deployStreamsTrigger(ctx, name, parameters = {}, credentials = undefined, { typeVersion = 1 } = {}) {
	const node = {
		id: randomUUID(),
		name: 'MoEngage Streams Trigger',
		type: NODE_TYPES.streamsTrigger,
		typeVersion,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters,
		...(credentials ? { credentials } : {}),
	};
	const workflow = await deploy(ctx, { name: `e2e: ${name}`, nodes: [node], connections: {} });
	const url = productionWebhookUrl(ctx.n8n.url, node, nodeType(ctx, NODE_TYPES.streamsTrigger));
	return { workflow, url, node };
}

/**
 * Creates the credential the Streams Trigger uses for `authentication` (its type is read from the
 * node's description) and returns the node's `credentials` entry for it.
 */
export async function streamsAuthCredential(ctx, authentication, data) {
	const declared = nodeType(ctx, NODE_TYPES.streamsTrigger).credentials ?? [];
	const entry = declared.find((c) => c.displayOptions?.show?.authentication?.includes(authentication));
	if (!entry) throw new Error(`the Streams Trigger declares no credential for authentication "${authentication}"`);
	const created = await ctx.client.upsertCredential({ name: `e2e: streams ${authentication}`, type: entry.name, data });
	return { [entry.name]: { id: created.id, name: created.name } };
}

/** The items `nodeName` output in an execution read with includeData=true (first run, first output). */
export function outputOf(execution, nodeName) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`execution ${execution?.id} has no run of "${nodeName}"`);
	return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
}

/** The error an execution stopped with, if any. */
export function executionError(execution) {
	return execution?.data?.resultData?.error;
}

/** `{ user, key }` from a request's `Authorization: Basic ...` header. */
export function basicAuthOf(request) {
	const header = String(request.headers.authorization ?? '');
	const match = /^Basic (.+)$/.exec(header);
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return { user: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}

/** Which key family a sandbox request was authenticated with: 'data', 'businessEvents' or 'none'. */
export function keyFamily(ctx, request) {
	const auth = basicAuthOf(request);
	if (!auth) return 'none';
	if (auth.user !== ctx.sandbox.workspaceId) return `wrong workspace ${auth.user}`;
	if (auth.key === ctx.sandbox.dataApiKey) return 'data';
	if (auth.key === ctx.sandbox.businessEventsApiKey) return 'businessEvents';
	return 'unknown key';
}

/** Basic auth header value. */
export function basicAuthHeader(user, password) {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
