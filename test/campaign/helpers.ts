import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { MoEngageCampaign } from '../../nodes/MoEngageCampaign/MoEngageCampaign.node';
import type { RecordedRequest, Sandbox } from '../../sandbox';
import type { NodeRunResult, RunNodeOptions } from '../support/runNode';
import { runNode, sandboxCredentials } from '../support/runNode';

export const STATS_PATH = '/core-services/v1/campaign-stats';

export interface StatsRun {
	parameters?: IDataObject;
	options?: IDataObject;
	/** Per-item parameters go through expressions on these items. */
	items?: IDataObject[];
	continueOnFail?: boolean;
	onError?: RunNodeOptions['onError'];
	credentials?: Partial<Record<string, string>>;
}

/** Runs Campaign → Get Stats against the sandbox. */
export async function runStats(sb: Sandbox, run: StatsRun): Promise<NodeRunResult> {
	const items: INodeExecutionData[] = (run.items ?? [{}]).map((json) => ({ json }));
	return await runNode({
		nodeType: new MoEngageCampaign(),
		parameters: {
			resource: 'campaign',
			operation: 'getStats',
			...(run.parameters ?? {}),
			options: { ...(run.options ?? {}) } as INodeParameters,
		},
		items,
		credentials: sandboxCredentials(sb, run.credentials),
		continueOnFail: run.continueOnFail,
		onError: run.onError,
	});
}

export function output(result: NodeRunResult, index = 0): INodeExecutionData[] {
	if (result.error) throw new Error(`node failed: ${result.error.message} ${result.error.description ?? ''}`);
	return result.outputs[index] ?? [];
}

export function statsRequests(sb: Sandbox): RecordedRequest[] {
	return sb.requests.filter((r) => r.path === STATS_PATH);
}

export interface StatsBody {
	request_id: string;
	campaign_ids?: string[];
	start_date: string;
	end_date: string;
	attribution_type: string;
	metric_type: string;
	offset: number;
	limit: number;
}

export function bodyOf(r: RecordedRequest): StatsBody {
	return JSON.parse(r.rawBody) as StatsBody;
}

export function ids(from: number, to: number): string[] {
	const list: string[] = [];
	for (let i = from; i <= to; i++) list.push(`cmp-${String(i).padStart(2, '0')}`);
	return list;
}

export const DAY_MS = 86_400_000;
export const daysBetween = (start: string, end: string) => (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS;
