// A small client for a running n8n: the internal REST API (owner setup, login, API keys, node
// types; cookie session) and the public API (credentials, workflows, executions; API key).
import { delay, waitFor } from './project.mjs';

/** The owner `npm start` and the end-to-end tests create (n8n wants 8+ chars, a digit, a capital). */
export const OWNER = Object.freeze({
	email: 'owner@example.com',
	password: 'MoEngage-n8n-1',
	firstName: 'Demo',
	lastName: 'Owner',
});

/** What the scripts do through the public API. */
export const API_KEY_SCOPES = Object.freeze([
	'credential:create',
	'credential:update',
	'credential:delete',
	'credential:list',
	'credential:read',
	'workflow:create',
	'workflow:read',
	'workflow:list',
	'workflow:update',
	'workflow:delete',
	'workflow:activate',
	'workflow:deactivate',
	'execution:list',
	'execution:read',
]);

export class HttpError extends Error {
	constructor(method, url, status, body) {
		super(`${method} ${url} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`.slice(0, 2000));
		this.status = status;
		this.body = body;
	}
}

async function readBody(res) {
	const text = await res.text();
	try {
		return text ? JSON.parse(text) : undefined;
	} catch {
		return text;
	}
}

export class N8nClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		this.cookie = '';
		this.apiKey = '';
	}

	/** Internal REST call with the login cookie; returns `data` of n8n's `{data}` envelope. */
	async rest(method, path, body) {
		const url = `${this.baseUrl}${path}`;
		const res = await fetch(url, {
			method,
			headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const parsed = await readBody(res);
		if (!res.ok) throw new HttpError(method, path, res.status, parsed);
		return parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
	}

	/** Public API call (`/api/v1...`) with the API key. */
	async api(method, path, body, { expectOk = true } = {}) {
		const url = `${this.baseUrl}/api/v1${path}`;
		const res = await fetch(url, {
			method,
			headers: { 'content-type': 'application/json', 'x-n8n-api-key': this.apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const parsed = await readBody(res);
		if (expectOk && !res.ok) throw new HttpError(method, `/api/v1${path}`, res.status, parsed);
		return expectOk ? parsed : { status: res.status, body: parsed };
	}

	/** Creates the owner on a fresh n8n (true) or finds one already set up (false); then logs in. */
	async ensureOwner(owner = OWNER) {
		let created = true;
		try {
			await this.rest('POST', '/rest/owner/setup', owner);
		} catch (error) {
			if (!(error instanceof HttpError) || error.status !== 400) throw error;
			created = false;
		}
		try {
			await this.rest('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		} catch (error) {
			if (error instanceof HttpError && error.status === 401 && !created) {
				throw new Error(
					`this n8n already has an owner, but ${owner.email} / ${owner.password} does not log in (changed?).`,
				);
			}
			throw error;
		}
		return created;
	}

	/** A fresh API key labelled `label` (older keys with that label are deleted). */
	async createApiKey(label, scopes = API_KEY_SCOPES) {
		const listed = await this.rest('GET', `/rest/api-keys?ownership=mine&label=${encodeURIComponent(label)}`);
		// n8n 2.41 answers {items, counts, ...}; older versions a plain list.
		const existing = Array.isArray(listed) ? listed : (listed?.items ?? []);
		for (const key of existing) {
			if (key.label === label) await this.rest('DELETE', `/rest/api-keys/${key.id}`);
		}
		const created = await this.rest('POST', '/rest/api-keys', { label, scopes: [...scopes], expiresAt: null });
		this.apiKey = created.rawApiKey;
		return created;
	}

	/** n8n's registered node types (the editor's own list). */
	async nodeTypes() {
		return await this.rest('GET', '/types/nodes.json');
	}

	async credentialTypes() {
		return await this.rest('GET', '/types/credentials.json');
	}

	async listAll(path) {
		const all = [];
		let cursor;
		do {
			const sep = path.includes('?') ? '&' : '?';
			const page = await this.api('GET', `${path}${sep}limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all;
	}

	/** Creates the credential, or updates the one with the same name and type. */
	async upsertCredential({ name, type, data }) {
		const found = (await this.listAll('/credentials')).find((c) => c.name === name && c.type === type);
		if (found) {
			await this.api('PATCH', `/credentials/${found.id}`, { name, type, data });
			return { id: found.id, name, type, created: false };
		}
		const created = await this.api('POST', '/credentials', { name, type, data });
		return { id: created.id, name, type, created: true };
	}

	async createWorkflow(workflow) {
		const { name, nodes, connections, settings = { executionOrder: 'v1' } } = workflow;
		return await this.api('POST', '/workflows', { name, nodes, connections, settings });
	}

	async listWorkflows() {
		return await this.listAll('/workflows');
	}

	async publishWorkflow(id) {
		return await this.api('POST', `/workflows/${id}/publish`, {});
	}

	async executions({ workflowId, includeData = true } = {}) {
		const query = new URLSearchParams({ includeData: String(includeData) });
		if (workflowId) query.set('workflowId', workflowId);
		return await this.listAll(`/executions?${query}`);
	}

	/** Waits until `workflowId` has at least `count` finished executions; returns them, oldest first. */
	async waitForExecutions(workflowId, count, { timeoutMs = 30_000 } = {}) {
		const done = await waitFor(
			async () => {
				const list = await this.executions({ workflowId });
				const finished = list.filter((e) => e.stoppedAt);
				return finished.length >= count ? finished : undefined;
			},
			{ timeoutMs, intervalMs: 250, what: `${count} finished execution(s) of workflow ${workflowId}` },
		);
		return done.sort((a, b) => Number(a.id) - Number(b.id));
	}
}

/**
 * POSTs JSON to a webhook. Right after a workflow is published its production URL can answer
 * 404 for a short while, so a 404 is retried for up to `retry404Ms`.
 */
export async function postWebhook(url, body, { headers = {}, retry404Ms = 5_000 } = {}) {
	const deadline = Date.now() + retry404Ms;
	for (;;) {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(body),
		});
		const parsed = await readBody(res);
		if (res.status !== 404 || Date.now() > deadline) return { status: res.status, body: parsed, headers: res.headers };
		await delay(100);
	}
}
