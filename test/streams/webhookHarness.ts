/**
 * Drives MoEngageStreamsTrigger.webhook() with a fake IWebhookFunctions: a request carrying the
 * raw body the way n8n's HTTP layer does (`rawBody`, or a `readRawBody()` reader when n8n left
 * the body unread), a response that records what the node answered, and `getCredentials` that
 * answers like n8n-core's: only for a credential type the description declares and shows for the
 * current parameters, only when one is selected on the node.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MoEngageStreamsTrigger } from '../../nodes/MoEngageStreamsTrigger/MoEngageStreamsTrigger.node';

export interface FakeRequest {
	/** object → JSON text; string / Buffer as is; undefined → no body */
	body?: unknown;
	headers?: Record<string, string>;
	/** default 'application/json'; null → no Content-Type header */
	contentType?: string | null;
	/** default '203.0.113.10' */
	ip?: string;
	/**
	 * 'reader' (default): body only via readRawBody(), as with the node's raw-body flag (version 1);
	 * 'present': already read by n8n; 'parsed': read and JSON.parse'd into `req.body` by n8n, as n8n
	 * does for node versions after 1 when the Content-Type is exactly application/json.
	 * Otherwise `req.body` holds `{}`, as n8n can leave it.
	 */
	bodyDelivery?: 'reader' | 'present' | 'parsed';
	/** the node's version (default 1) */
	typeVersion?: number;
	/** readRawBody() fails with this error */
	readError?: Error & { status?: number };
	/** workflow / node identity, for the de-duplication memory */
	workflowId?: string;
	nodeId?: string;
	mode?: 'webhook' | 'manual';
	/**
	 * The response object: 'recorder' (default) only records what the node writes, like the bench's
	 * fake; 'http' also emits 'finish' / 'close' like Node's, when the test calls `n8nAnswers` or
	 * `connectionCut`; 'missing': getResponseObject() throws, as n8n-core's does without one.
	 */
	response?: 'recorder' | 'http' | 'missing';
}

/**
 * Credentials selected on the node, by type: their decrypted values, or an Error that
 * getCredentials throws (as when n8n cannot decrypt or resolve one).
 */
export type FakeCredentials = Record<string, ICredentialDataDecryptedObject | Error>;

export interface Answer {
	status?: number;
	body?: unknown;
	headers: Record<string, string>;
}

export interface WebhookRun {
	result: IWebhookResponseData;
	/** what the node wrote itself (status undefined: it left the answer to n8n) */
	answer: Answer;
	events: INodeExecutionData[];
	rejected: INodeExecutionData[];
	/** true when n8n would start an execution */
	started: boolean;
	/** the credential types the node read, in order */
	credentialReads: string[];
	/** response 'http': n8n sends its own answer with this status ('finish', then 'close') */
	n8nAnswers(status: number): void;
	/** response 'http': the connection closes before any answer was written ('close' only) */
	connectionCut(): void;
}

/** Enough of Node's ServerResponse events for the node: once(), and emit() for the test. */
function responseEvents() {
	const listeners: Array<{ event: string; listener: () => void }> = [];
	return {
		once(event: string, listener: () => void) {
			listeners.push({ event, listener });
		},
		emit(event: string) {
			for (const entry of listeners.filter((l) => l.event === event)) {
				listeners.splice(listeners.indexOf(entry), 1);
				entry.listener();
			}
		},
	};
}

const node = new MoEngageStreamsTrigger();

function defaults(): IDataObject {
	const values: IDataObject = {};
	for (const property of node.description.properties) values[property.name] = property.default as IDataObject[string];
	return values;
}

function rawBytes(body: unknown): Buffer | undefined {
	if (body === undefined) return undefined;
	if (Buffer.isBuffer(body)) return body;
	return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
}

/** Whether the description shows credential `type` for these parameters (n8n checks this too). */
function credentialShown(type: string, params: Record<string, unknown>): boolean {
	const declared = node.description.credentials?.find((credential) => credential.name === type);
	if (!declared) return false;
	const show = declared.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, values]) => (values as unknown[]).includes(params[name]));
}

export async function callWebhook(
	parameters: Record<string, unknown>,
	request: FakeRequest = {},
	credentials: FakeCredentials = {},
): Promise<WebhookRun> {
	const params: Record<string, unknown> = { ...defaults(), ...parameters };
	const bytes = rawBytes(request.body);
	const headers: Record<string, string> = {};
	if (request.contentType !== null) headers['content-type'] = request.contentType ?? 'application/json';
	if (bytes) headers['content-length'] = String(bytes.length);
	for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;

	const req: IDataObject & { rawBody?: Buffer; readRawBody?: () => Promise<void> } = {
		method: 'POST',
		headers,
		// What n8n's HTTP layer adds: the media type alone, lower case.
		contentType: headers['content-type']?.split(';')[0].trim().toLowerCase(),
		body: {},
		ip: request.ip ?? '203.0.113.10',
		socket: { remoteAddress: request.ip ?? '203.0.113.10' },
	};
	if (request.bodyDelivery === 'present' || request.bodyDelivery === 'parsed') {
		req.rawBody = bytes ?? Buffer.alloc(0);
		if (request.bodyDelivery === 'parsed') req.body = JSON.parse(req.rawBody.toString('utf8')) as IDataObject;
	} else {
		req.readRawBody = async () => {
			if (request.readError) throw request.readError;
			req.rawBody = bytes ?? Buffer.alloc(0);
		};
	}

	const answer: Answer = { headers: {} };
	const events = responseEvents();
	const res = {
		statusCode: 200,
		...(request.response === 'http' ? { once: events.once } : {}),
		setHeader(name: string, value: string) {
			answer.headers[name.toLowerCase()] = value;
			return res;
		},
		status(code: number) {
			answer.status = code;
			return res;
		},
		json(body: unknown) {
			answer.body = body;
			return res;
		},
		send(body: unknown) {
			answer.body = body;
			return res;
		},
		end() {
			return res;
		},
	};

	const nodeData = {
		id: request.nodeId ?? 'node-1',
		name: 'MoEngage Streams Trigger',
		type: 'n8n-nodes-moengage.moEngageStreamsTrigger',
		typeVersion: request.typeVersion ?? 1,
		position: [0, 0],
		parameters: params,
		credentials: Object.fromEntries(Object.keys(credentials).map((type) => [type, { id: `cred-${type}`, name: type }])),
	};
	const credentialReads: string[] = [];

	const ctx = {
		getNodeParameter(name: string, fallback?: unknown) {
			return name in params ? params[name] : fallback;
		},
		getNode: () => nodeData,
		async getCredentials(type: string) {
			credentialReads.push(type);
			if (!credentialShown(type, params)) {
				throw new NodeOperationError(nodeData as never, `Node type does not have any credentials of type "${type}" shown`);
			}
			const value = credentials[type];
			if (value === undefined) {
				throw new NodeOperationError(nodeData as never, `Node does not have any credentials set for "${type}"`);
			}
			if (value instanceof Error) throw value;
			return value;
		},
		getWorkflow: () => ({ id: request.workflowId ?? 'workflow-1', name: 'Streams', active: true }),
		getMode: () => request.mode ?? 'webhook',
		getRequestObject: () => req,
		getResponseObject: () => {
			if (request.response === 'missing') throw new Error('Response is missing');
			return res;
		},
		getHeaderData: () => headers,
		getBodyData: () => ({}),
	} as unknown as IWebhookFunctions;

	const n8nAnswers = (status: number) => {
		res.statusCode = status;
		events.emit('finish');
		events.emit('close');
	};
	const connectionCut = () => events.emit('close');

	const result = await node.webhook.call(ctx);
	const [passed = [], rejected = []] = result.workflowData ?? [];
	return {
		result,
		answer,
		events: passed,
		rejected,
		started: result.workflowData !== undefined,
		credentialReads,
		n8nAnswers,
		connectionCut,
	};
}

/** Basic auth header value. */
export function basic(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
