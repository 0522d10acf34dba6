import type { IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ChannelRule } from '../events/enrichEvent';
import { compileEventFilter, type EventFilter } from '../filters/eventFilter';
import {
	DEFAULT_DEDUPE_MAX_ENTRIES,
	DEFAULT_DEDUPE_WINDOW_MINUTES,
	DEFAULT_MAX_BODY_KB,
} from '../receiverBounds';
import type { AuthKind } from './callerCredentials';
import type { DedupeConfig } from './deduplicate';
import { parseIpAllowList, type IpAllowList } from './ipAllowList';

/**
 * The node's parameters, read and checked once per request. The caller-auth secrets are not
 * here: they live in a credential, read by `readCallerAuth` only after the IP allow-list passed.
 */
export interface ReceiverConfig {
	authentication: AuthKind;
	/** null: any address */
	ipAllowList: IpAllowList | null;
	outputMode: 'perEvent' | 'perBatch';
	filter: EventFilter;
	channelRule: ChannelRule;
	/** null: duplicates are passed on */
	dedupe: DedupeConfig | null;
	maxBodyBytes: number;
}

/** The "Options" collection (parameter `settings`). */
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

export function readParameters(ctx: IWebhookFunctions): ReceiverConfig {
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

	const filter = compileEventFilter((name, fallback) => ctx.getNodeParameter(name, fallback));

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
		channelRule: ctx.getNode().typeVersion >= 1.2 ? 'codeThenCampaign' : 'code',
		dedupe,
		maxBodyBytes: Math.floor(positive(settings.maxBodySizeKb, DEFAULT_MAX_BODY_KB) * 1024),
	};
}
