import type { IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DEFAULT_DEDUPE_MAX_ENTRIES,
	DEFAULT_DEDUPE_WINDOW_MINUTES,
	DEFAULT_MAX_BODY_KB,
} from '../../shared/streams/limits';
import type { AuthKind } from './callerCredentials';
import { buildEventFilter, type EventFilter } from './filterEvents';
import { parseIpAllowList, type IpAllowList } from './ipAllowList';

export interface DedupeConfig {
	windowMs: number;
	maxEntries: number;
}

/**
 * The node's parameters, read and checked once per request. The caller-auth secrets are not
 * here: they live in a credential, read by `readCallerAuth` only after the IP allow-list passed.
 */
export interface StreamsTriggerConfig {
	authentication: AuthKind;
	/** null: any address */
	ipAllowList: IpAllowList | null;
	outputMode: 'perEvent' | 'perBatch';
	filter: EventFilter;
	/** null: duplicates are passed on */
	dedupe: DedupeConfig | null;
	maxBodyBytes: number;
}

interface Settings {
	deduplicate?: boolean;
	dedupeWindowMinutes?: number;
	dedupeMaxEntries?: number;
	ipAllowList?: string;
	maxBodySizeKb?: number;
}

function configError(ctx: IWebhookFunctions, message: string, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { description });
}

function readAuthKind(ctx: IWebhookFunctions): AuthKind {
	const kind = ctx.getNodeParameter('authentication', 'none');
	if (kind === 'none' || kind === 'basicAuth' || kind === 'headerAuth') return kind;
	throw configError(ctx, `Unknown Authentication "${String(kind)}"`, 'Choose None, Basic Auth or Header Auth');
}

function positive(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function readConfig(ctx: IWebhookFunctions): StreamsTriggerConfig {
	const settings = ctx.getNodeParameter('settings', {}) as Settings;

	let ipAllowList: IpAllowList | null = null;
	if (typeof settings.ipAllowList === 'string' && settings.ipAllowList.trim() !== '') {
		const { list, invalid } = parseIpAllowList(settings.ipAllowList);
		if (invalid.length > 0) {
			throw configError(
				ctx,
				`IP Allow-List has entries that are not IP addresses or CIDR ranges: ${invalid.join(', ')}`,
				'Use addresses such as 203.0.113.10 or 2001:db8::1 and ranges such as 198.51.100.0/24, separated by commas',
			);
		}
		ipAllowList = list;
	}

	const filter = buildEventFilter(
		ctx.getNodeParameter('eventTypes', []) as string[],
		ctx.getNodeParameter('eventCodes', []) as string[],
		ctx.getNodeParameter('customEventCodes', '') as string,
		ctx.getNodeParameter('channels', []) as string[],
	);

	const dedupe: DedupeConfig | null = settings.deduplicate
		? {
				windowMs: positive(settings.dedupeWindowMinutes, DEFAULT_DEDUPE_WINDOW_MINUTES) * 60_000,
				maxEntries: Math.floor(positive(settings.dedupeMaxEntries, DEFAULT_DEDUPE_MAX_ENTRIES)),
			}
		: null;

	return {
		authentication: readAuthKind(ctx),
		ipAllowList,
		outputMode: ctx.getNodeParameter('outputMode', 'perEvent') === 'perBatch' ? 'perBatch' : 'perEvent',
		filter,
		dedupe,
		maxBodyBytes: Math.floor(positive(settings.maxBodySizeKb, DEFAULT_MAX_BODY_KB) * 1024),
	};
}
