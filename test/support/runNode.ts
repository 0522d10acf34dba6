/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
/**
 * Runs one of our nodes in-process through n8n-core's WorkflowExecute, with real credentials
 * handling (our credential's own `authenticate`) and n8n's real HTTP helpers, so requests really
 * go over HTTP to the sandbox.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// InstanceSettings writes $N8N_USER_FOLDER/.n8n/config on first use: keep it out of the home folder.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'moengage-n8n-'));

import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsHelper,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	INodeParameters,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { MoEngageApi } from '../../credentials/MoEngageApi.credentials';

export const NODE_NAME = 'Node Under Test';

export interface SandboxLike {
	url: string;
	workspaceId: string;
	dataApiKey: string;
	businessEventsApiKey: string;
}

/** Credential values pointing at a sandbox; override fields to test missing or wrong keys. */
export function sandboxCredentials(
	sb: SandboxLike,
	overrides: Partial<Record<string, string>> = {},
): ICredentialDataDecryptedObject {
	return {
		dataCenter: 'custom',
		baseUrl: sb.url,
		workspaceId: sb.workspaceId,
		dataApiKey: sb.dataApiKey,
		businessEventsApiKey: sb.businessEventsApiKey,
		...overrides,
	};
}

/** Hands out fixed credential values and authenticates with our credential's own `authenticate`. */
export class TestCredentialsHelper implements ICredentialsHelper {
	private readonly credentialType = new MoEngageApi();

	constructor(private readonly values: ICredentialDataDecryptedObject | undefined) {}

	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return await this.credentialType.authenticate(credentials, requestOptions);
	}
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}
	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}
	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}
	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		if (!this.values) throw new Error('No credentials set for this test run');
		return { ...this.values };
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties() {
		return this.credentialType.properties;
	}
}

const BASE_URLS = {
	restApiUrl: 'http://127.0.0.1:5678/rest',
	instanceBaseUrl: 'http://127.0.0.1:5678',
	formBaseUrl: 'http://127.0.0.1:5678/form',
	formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
	formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
	webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
	webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
	webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
	mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
	mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
};

function nodeTypesOf(type: INodeType | IVersionedNodeType): INodeTypes {
	return {
		getByName: () => type,
		getByNameAndVersion: () => type as INodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
}

export interface RunNodeOptions {
	nodeType: INodeType;
	parameters: INode['parameters'];
	items?: INodeExecutionData[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** n8n's "On Error" node setting; overrides continueOnFail (`continueErrorOutput` adds the error output). */
	onError?: INode['onError'];
	/** Defaults to the node's first version, as an older saved workflow has it. */
	typeVersion?: number;
	mode?: WorkflowExecuteMode;
}

function firstVersion(type: INodeType): number {
	const { version } = type.description;
	return Array.isArray(version) ? Math.min(...version) : version;
}

export interface NodeRunResult {
	/** One array per output. */
	outputs: INodeExecutionData[][];
	/** The error n8n recorded for the node, when it failed (not under Continue On Fail). */
	error?: Error & { description?: string; httpCode?: string; context?: Record<string, unknown> };
	run: IRun;
}

export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	const typeName = options.nodeType.description.name;
	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: typeName,
		typeVersion: options.typeVersion ?? firstVersion(options.nodeType),
		position: [0, 0],
		parameters: options.parameters,
		credentials: { moEngageApi: { id: 'cred-1', name: 'MoEngage sandbox' } },
		onError: options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow'),
	};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(options.nodeType),
		settings: { executionOrder: 'v1' },
	});

	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', 'exec-1', workflow as never);
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));

	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		hooks,
		executionId: 'exec-1',
		currentNodeExecutionIndex: 0,
		...BASE_URLS,
		variables: {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		// A deep mock would make these truthy and the run would try to decrypt them.
		encryptedRunnerIdentity: undefined,
		executionContext: undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const items = options.items ?? [{ json: {} }];
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(additionalData, options.mode ?? 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const error = (taskData?.error ?? run.data.resultData.error) as NodeRunResult['error'];
	const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
	return { outputs, error, run };
}

/**
 * The context n8n gives `methods.listSearch.*` and `methods.resourceMapping.*` while the editor
 * shows `nodeType` with `parameters`; its HTTP helpers are n8n-core's own.
 */
export function loadOptionsContext(options: {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	path: string;
	/** default: the node's first version */
	typeVersion?: number;
}): LoadOptionsContext {
	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: options.nodeType.description.name,
		typeVersion: options.typeVersion ?? firstVersion(options.nodeType),
		position: [0, 0],
		parameters: options.parameters,
		credentials: { moEngageApi: { id: 'cred-1', name: 'MoEngage sandbox' } },
	};
	const workflow = new Workflow({
		id: 'wf-editor',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(options.nodeType),
	});
	const additionalData = {
		...BASE_URLS,
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		currentNodeParameters: options.parameters,
		variables: {},
		encryptedRunnerIdentity: undefined,
		executionContext: undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, options.path);
}
