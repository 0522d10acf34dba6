import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { MoEngageClient } from '../../../shared/transport/client';
import { RETRY_POLICIES } from '../../../shared/transport/retryPolicy';
import { itemProblemError } from '../../../shared/validation/problem';
import type { Checked } from '../../../shared/validation/problem';
import { campaignGroups, campaignIdsOf } from '../../helpers/campaignIds';
import type { DateWindow } from '../../helpers/dateWindows';
import { calendarDate, dateWindows, rangeProblem } from '../../helpers/dateWindows';
import type { AttributionType, MetricType, StatsCall } from '../../helpers/fetchStats';
import { fetchStats } from '../../helpers/fetchStats';
import type { SplitBy } from '../../helpers/flattenStats';
import { ALL_LOCALES, ALL_VARIATIONS, statsRows } from '../../helpers/flattenStats';
import { REQUESTS_PER_MINUTE } from '../../helpers/limits';
import { CallPacer } from '../../helpers/pacing';

const show = { resource: ['campaign'], operation: ['getStats'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Campaign IDs',
		name: 'campaignIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 64f1c0a2b3e4d5, 64f1c0a2b3e4d6',
		description:
			'Comma-separated campaign IDs, or a list from an expression. Empty: every campaign with stats in the date range. More than 10 are asked for 10 per call. Campaigns of delivery type API_TRIGGERED have no stats in this API.',
		displayOptions: { show },
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'First day of the range (included). Only the date counts; a time is ignored.',
		displayOptions: { show },
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'Last day of the range (included). Ranges over 30 days are asked for in windows of 30 days, each returned on its own (figures are not added across windows).',
		displayOptions: { show },
	},
	{
		displayName: 'Attribution Type',
		name: 'attributionType',
		type: 'options',
		default: 'VIEW_THROUGH',
		description: 'How MoEngage attributes conversions to the campaign',
		options: [
			{ name: 'Click Conversions', value: 'CLICK_CONVERSIONS' },
			{ name: 'Click Through', value: 'CLICK_THROUGH' },
			{ name: 'In Session', value: 'IN_SESSION' },
			{ name: 'Total Conversions', value: 'TOTAL_CONVERSIONS' },
			{ name: 'View Through', value: 'VIEW_THROUGH' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Metric Type',
		name: 'metricType',
		type: 'options',
		default: 'TOTAL',
		options: [
			{ name: 'Total', value: 'TOTAL', description: 'Every send, click and conversion' },
			{ name: 'Unique', value: 'UNIQUE', description: 'Each user counted once' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Split By',
		name: 'splitBy',
		type: 'options',
		default: 'all',
		description: 'How many items each campaign gives, per date window',
		options: [
			{
				name: 'Platform, Locale and Variation',
				value: 'all',
				description:
					"One item per row MoEngage returns, including its totals (locale all_locales, variation all_variations; total_row is true on them): don't add totals to the other rows",
			},
			{
				name: 'Platform',
				value: 'platform',
				description: "One item per platform: MoEngage's all_locales / all_variations totals row",
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Rate Window (Seconds)',
				name: 'rateWindowSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description:
					'Window over which Requests per Minute is enforced, scaled to its length. Keep 60 unless MoEngage measures your limit differently.',
			},
			{
				displayName: 'Requests per Minute',
				name: 'requestsPerMinute',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				description:
					'Most campaign stats calls a minute, counted across all executions of this n8n instance for the workspace. MoEngage allows 100; lower it if other systems call this API too.',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: 30000,
				description: 'How long to wait for MoEngage to answer one call',
			},
		],
	},
];

/** What the whole run shares: one client and one pacer (options are read from the first item). */
export type RunContext = StatsCall;

export async function prepare(this: IExecuteFunctions): Promise<RunContext> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const client = await MoEngageClient.create(this, {
		// A read: safe to repeat after a 5xx or a timeout.
		...RETRY_POLICIES.campaignStats,
		serverErrorsMayLand: false,
		timeoutMs: Number(options.timeoutMs ?? 30000),
	});
	client.requireKey('businessEvents');
	const pacer = new CallPacer(
		client.credentials.baseUrl,
		client.workspaceId,
		Number(options.requestsPerMinute ?? REQUESTS_PER_MINUTE),
		Number(options.rateWindowSeconds ?? 60),
	);
	return { client, pacer };
}

interface StatsInput {
	campaignIds: string[];
	windows: DateWindow[];
	attributionType: AttributionType;
	metricType: MetricType;
	splitBy: SplitBy;
}

/** Reads and checks one item's parameters; throws naming the item, the field and the fix. */
function readInput(this: IExecuteFunctions, itemIndex: number): StatsInput {
	const node = this.getNode();
	const take = <T>(field: string, checked: Checked<T>): T => {
		if (!checked.ok) throw itemProblemError(node, itemIndex, field, checked.problem);
		return checked.value;
	};
	const timezone = this.getTimezone();
	const campaignIds = take('Campaign IDs', campaignIdsOf(this.getNodeParameter('campaignIds', itemIndex, '')));
	const start = take('Start Date', calendarDate(this.getNodeParameter('startDate', itemIndex, ''), timezone));
	const end = take('End Date', calendarDate(this.getNodeParameter('endDate', itemIndex, ''), timezone));
	const problem = rangeProblem(start, end);
	if (problem) throw itemProblemError(node, itemIndex, 'Start Date', problem);
	return {
		campaignIds,
		windows: dateWindows(start, end),
		attributionType: this.getNodeParameter('attributionType', itemIndex, 'VIEW_THROUGH') as AttributionType,
		metricType: this.getNodeParameter('metricType', itemIndex, 'TOTAL') as MetricType,
		splitBy: this.getNodeParameter('splitBy', itemIndex, 'all') as SplitBy,
	};
}

/**
 * One item: its campaigns in groups of 10 × its range in windows of 30 days, one call (or more
 * pages) each, flattened into one output item per campaign, window and row, campaign by campaign.
 * A campaign asked for by ID that MoEngage does not report for a window gives one item with
 * `found: false`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, run: RunContext): Promise<INodeExecutionData[]> {
	const input = readInput.call(this, itemIndex);
	const byCampaign = new Map<string, IDataObject[]>(input.campaignIds.map((id) => [id, []]));
	const add = (id: string, json: IDataObject) => {
		const list = byCampaign.get(id) ?? [];
		list.push(json);
		byCampaign.set(id, list);
	};
	for (const group of campaignGroups(input.campaignIds)) {
		for (const window of input.windows) {
			const query = { window, campaignIds: group, attributionType: input.attributionType, metricType: input.metricType };
			const pages = await fetchStats.call(this, run, query, itemIndex);
			const common = {
				start_date: window.start,
				end_date: window.end,
				attribution_type: input.attributionType,
				metric_type: input.metricType,
			};
			const seen = new Set<string>();
			for (const page of pages) {
				for (const [campaignId, campaignData] of Object.entries(page.data)) {
					const rows = statsRows(campaignData, input.splitBy);
					if (rows.length === 0) continue;
					seen.add(campaignId);
					for (const row of rows) {
						add(campaignId, {
							campaign_id: campaignId,
							...common,
							found: true,
							platform: row.platform,
							locale: row.locale,
							variation: row.variation,
							total_row: row.locale === ALL_LOCALES || row.variation === ALL_VARIATIONS,
							...row.stats,
							response_id: page.responseId,
						});
					}
				}
			}
			for (const campaignId of group ?? []) {
				if (seen.has(campaignId)) continue;
				add(campaignId, {
					campaign_id: campaignId,
					...common,
					found: false,
					note: 'MoEngage returned no stats for this campaign in this date range: check the ID, whether it sent anything then, and that it is not an API_TRIGGERED campaign (not covered by this API).',
					response_id: pages[0]?.responseId ?? null,
				});
			}
		}
	}
	const out: INodeExecutionData[] = [];
	for (const list of byCampaign.values()) {
		for (const json of list) out.push({ json, pairedItem: { item: itemIndex } });
	}
	return out;
}
