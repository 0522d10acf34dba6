import { randomUUID } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MoEngageClient } from '../../shared/transport/client';
import { isPlainObject } from '../../shared/values';
import { CAMPAIGN_STATS_PATH } from '../transport/endpoints';
import type { DateWindow } from './dateWindows';
import { MAX_PAGES, PAGE_SIZE } from './limits';
import type { CallPacer } from './pacing';
import { callLabel, statsCallError } from './statsErrors';

export type AttributionType = 'VIEW_THROUGH' | 'CLICK_THROUGH' | 'IN_SESSION' | 'TOTAL_CONVERSIONS' | 'CLICK_CONVERSIONS';
export type MetricType = 'TOTAL' | 'UNIQUE';

export interface StatsQuery {
	window: DateWindow;
	/** Up to 10; undefined = all campaigns in the window (paged). */
	campaignIds?: string[];
	attributionType: AttributionType;
	metricType: MetricType;
}

/** One answered page: `data` maps campaign IDs to their stats. */
export interface StatsPage {
	responseId: string;
	data: Record<string, unknown>;
}

export interface StatsCall {
	client: MoEngageClient;
	pacer: CallPacer;
}

function numberOr(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Every page of one query: one call per page, each with its own `request_id`, paced, advancing
 * `offset` by the page size until `current_page` reaches `total_pages` (reference §6). Throws an
 * error naming the call when MoEngage refuses one.
 */
export async function fetchStats(
	this: IExecuteFunctions,
	{ client, pacer }: StatsCall,
	query: StatsQuery,
	itemIndex: number,
): Promise<StatsPage[]> {
	const pages: StatsPage[] = [];
	const signal = this.getExecutionCancelSignal?.();
	for (let offset = 0, page = 0; page < MAX_PAGES; page++, offset += PAGE_SIZE) {
		const ticket = await pacer.acquire(signal);
		if (!ticket) throw new NodeOperationError(this.getNode(), 'The execution was cancelled', { itemIndex });
		const requestId = `n8n-${randomUUID()}`;
		const body = {
			request_id: requestId,
			...(query.campaignIds ? { campaign_ids: query.campaignIds } : {}),
			start_date: query.window.start,
			end_date: query.window.end,
			attribution_type: query.attributionType,
			metric_type: query.metricType,
			offset,
			limit: PAGE_SIZE,
		};
		const outcome = await client.send(
			{ path: CAMPAIGN_STATS_PATH, body },
			{ onRateLimited: (ms) => pacer.block(ms) },
		);
		ticket.release(outcome.ok ? outcome.response.rateLimit : undefined, ['lookups']);
		if (!outcome.ok) {
			throw statsCallError(client, outcome.failure, { itemIndex, ...query, attempts: outcome.attempts });
		}
		const answer = outcome.response.body;
		if (!isPlainObject(answer) || (answer.data !== undefined && !isPlainObject(answer.data))) {
			throw new NodeOperationError(this.getNode(), 'MoEngage answered campaign stats with an unexpected body', {
				itemIndex,
				description: `${callLabel(query.window, query.campaignIds)} got HTTP ${outcome.response.statusCode} without a "data" object.`,
			});
		}
		const data = (answer.data ?? {}) as Record<string, unknown>;
		pages.push({ responseId: typeof answer.response_id === 'string' ? answer.response_id : requestId, data });
		const current = numberOr(answer.current_page);
		const total = numberOr(answer.total_pages);
		if (current === undefined || total === undefined || current >= total || Object.keys(data).length === 0) break;
	}
	return pages;
}
