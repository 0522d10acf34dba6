/**
 * A minimal IWebhookFunctions for calling a trigger's `webhook()` in-process: a POST request
 * with `rawBody`, the node's own parameter defaults (or overrides), and a response object.
 *
 * `getBodyData()` parses the raw body when first called, so a trigger that reads the parsed
 * body pays for one JSON.parse, exactly like one that parses `rawBody` itself.
 */
import type { INode, INodeProperties, INodeType, IWebhookFunctions } from 'n8n-workflow';

export interface FakeRequestInit {
	rawBody: Buffer;
	headers?: Record<string, string>;
	ip?: string;
}

function defaultsOf(properties: INodeProperties[]): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const p of properties) if (!(p.name in values)) values[p.name] = p.default;
	return values;
}

function readPath(values: Record<string, unknown>, path: string): unknown {
	let current: unknown = values;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

export interface FakeWebhookContext {
	ctx: IWebhookFunctions;
	/** what the trigger wrote through getResponseObject(), if anything */
	response: { status?: number; body?: unknown };
}

export function makeWebhookContextFactory(
	nodeType: INodeType,
	parameterOverrides: Record<string, unknown> = {},
): (init: FakeRequestInit) => FakeWebhookContext {
	const parameters = { ...defaultsOf(nodeType.description.properties), ...parameterOverrides };
	const node: INode = {
		id: 'bench-trigger',
		name: 'Streams Trigger',
		type: nodeType.description.name,
		// Version 1: the node parses the raw bytes itself, which is what the parsing case compares
		// with JSON.parse (from 1.1 n8n parses JSON bodies before the node runs).
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
	};
	const staticData: Record<string, unknown> = {};

	return (init) => {
		const response: FakeWebhookContext['response'] = {};
		let parsed: unknown;
		let parsedOnce = false;
		const headers = { 'content-type': 'application/json', ...init.headers };
		const request = {
			method: 'POST',
			headers,
			rawBody: init.rawBody,
			ip: init.ip ?? '127.0.0.1',
			ips: [],
			socket: { remoteAddress: init.ip ?? '127.0.0.1' },
			query: {},
			params: {},
			get body() {
				return getBody();
			},
		};
		const getBody = () => {
			if (!parsedOnce) {
				parsed = JSON.parse(init.rawBody.toString('utf8'));
				parsedOnce = true;
			}
			return parsed;
		};
		const res = {
			status(code: number) {
				response.status = code;
				return res;
			},
			send(body?: unknown) {
				response.body = body;
				return res;
			},
			json(body?: unknown) {
				response.body = body;
				return res;
			},
			end(body?: unknown) {
				response.body = body;
				return res;
			},
			setHeader() {
				return res;
			},
			header() {
				return res;
			},
			set() {
				return res;
			},
		};
		const ctx = {
			getNode: () => node,
			getNodeParameter: (name: string, fallback?: unknown) => {
				const value = readPath(parameters, name);
				return value === undefined ? fallback : value;
			},
			getRequestObject: () => request,
			getResponseObject: () => res,
			getBodyData: () => getBody(),
			getHeaderData: () => headers,
			getQueryData: () => ({}),
			getParamsData: () => ({}),
			getWebhookName: () => 'default',
			getMode: () => 'webhook',
			getWorkflowStaticData: () => staticData,
			getTimezone: () => 'UTC',
			getInstanceId: () => 'bench',
			getWorkflow: () => ({ id: 'bench-workflow', name: 'bench', active: true }),
			getNodeWebhookUrl: () => 'http://127.0.0.1:5678/webhook/moengage-streams',
			helpers: {
				returnJsonArray: (data: unknown) =>
					(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			},
			logger: { debug() {}, info() {}, warn() {}, error() {} },
		};
		return { ctx: ctx as unknown as IWebhookFunctions, response };
	};
}
