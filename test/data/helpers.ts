import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { MoEngageData } from '../../nodes/MoEngageData/MoEngageData.node';
import type { NodeRunResult } from '../support/runNode';
import { runNode, sandboxCredentials } from '../support/runNode';
import type { RecordedRequest, Sandbox, SandboxOptions } from '../../sandbox';
import { startSandbox } from '../../sandbox';

/**
 * One sandbox for the test file: started before its tests, closed after them, its recorded
 * requests and faults cleared before each test. The returned object stands for that sandbox.
 */
export function useSandbox(options?: SandboxOptions): Sandbox {
	let current: Sandbox | undefined;
	beforeAll(async () => {
		current = await startSandbox(options);
	});
	afterAll(async () => {
		await current?.close();
	});
	beforeEach(() => {
		current?.clearRequests();
		current?.clearFaults();
	});
	return new Proxy({} as Sandbox, {
		get(_target, key) {
			if (!current) throw new Error('The sandbox is used before beforeAll started it');
			const value: unknown = Reflect.get(current, key, current);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
		},
	});
}

/** The workspace ID the sandbox starts with. */
export const WS = 'SANDBOXWORKSPACE';

/** Quick retries, so failure tests stay fast. */
export const FAST_RETRY = { maxAttempts: 2, retryBaseDelayMs: 5, timeoutMs: 5000 };

export interface DataRun {
	resource: string;
	operation: string;
	parameters?: IDataObject;
	options?: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: Partial<Record<string, string>>;
}

export async function runData(sb: Sandbox, run: DataRun): Promise<NodeRunResult> {
	const items: INodeExecutionData[] = (run.items ?? [{}]).map((json) => ({ json }));
	return await runNode({
		nodeType: new MoEngageData(),
		parameters: {
			resource: run.resource,
			operation: run.operation,
			...(run.parameters ?? {}),
			options: { ...FAST_RETRY, ...(run.options ?? {}) },
		},
		items,
		credentials: sandboxCredentials(sb, run.credentials),
		continueOnFail: run.continueOnFail,
	});
}

/** The output items of the node's only output. */
export function output(result: NodeRunResult): INodeExecutionData[] {
	if (result.error) throw new Error(`node failed: ${result.error.message}`);
	return result.outputs[0] ?? [];
}

export function basicAuth(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The headers every Data API request must carry. */
export function expectDataHeaders(sb: Sandbox, request: RecordedRequest): void {
	expect(request.headers.authorization).toBe(basicAuth(sb.workspaceId, sb.dataApiKey));
	expect(request.headers['moe-appkey']).toBe(sb.workspaceId);
	expect(request.headers['content-type']).toMatch(/^application\/json/);
}

export function statuses(sb: Sandbox): number[] {
	return sb.requests.map((r) => r.status);
}
