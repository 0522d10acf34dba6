import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isPlainObject } from '../../shared/values';
import { checkStreamsEvent, type PlainObject } from '../events/checkEvent';
import { channelOf, enrichStreamsEvent } from '../events/enrichEvent';
import { checkStreamsBatch, parseStreamsBatch } from '../events/parseBatch';
import { passesEventFilter } from '../filters/eventFilter';
import { authenticate } from './authenticate';
import { readCallerAuth } from './callerCredentials';
import { type DuplicateCheck, rejectedKey, withDuplicateCheck } from './deduplicate';
import { isIpAllowed } from './ipAllowList';
import { readRawBody } from './readBody';
import { readParameters, type ReceiverConfig } from './readParameters';
import { refuse, whenAnswered } from './respond';

const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="MoEngage Streams", charset="UTF-8"' };

interface BatchContext {
	app_name: unknown;
	moe_request_id: unknown;
	source: unknown;
}

interface SortedEvents {
	passed: PlainObject[];
	rejected: INodeExecutionData[];
}

/** Checks, filters, de-duplicates and enriches the events of a parsed batch. */
function sortEvents(
	events: unknown[],
	context: BatchContext,
	config: ReceiverConfig,
	isDuplicate?: DuplicateCheck,
): SortedEvents {
	const passed: PlainObject[] = [];
	const rejected: INodeExecutionData[] = [];
	for (let index = 0; index < events.length; index++) {
		const event = events[index];
		const reason = checkStreamsEvent(event);
		if (reason !== undefined) {
			const id = eventUuid(event);
			if (id !== undefined && isDuplicate?.(rejectedKey(id))) continue;
			rejected.push({ json: { reason, index, event: event as IDataObject, ...context } as IDataObject });
			continue;
		}
		const valid = event as PlainObject;
		const channel = channelOf(valid, config.channelRule);
		if (!passesEventFilter(valid, channel, config.filter)) continue;
		if (isDuplicate?.(valid.event_uuid as string)) continue;
		passed.push(enrichStreamsEvent(valid, channel));
	}
	return { passed, rejected };
}

/** The event's event_uuid when it is a non-empty string, also for an event rejected for another reason. */
function eventUuid(event: unknown): string | undefined {
	const id = isPlainObject(event) ? event.event_uuid : undefined;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * With de-duplication on, an event's ID is remembered only once n8n answered this request with a
 * 2xx: if n8n fails to start the execution it answers 500, and MoEngage's resend must pass again.
 */
async function sortBatch(
	ctx: IWebhookFunctions,
	events: unknown[],
	context: BatchContext,
	config: ReceiverConfig,
): Promise<SortedEvents> {
	if (!config.dedupe) return sortEvents(events, context, config);
	const scope = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}:${ctx.getMode()}`;
	const ids: string[] = [];
	for (const event of events) {
		const id = eventUuid(event);
		if (id !== undefined) ids.push(id);
	}
	return await withDuplicateCheck(scope, config.dedupe, ids, whenAnswered(ctx), (isDuplicate) =>
		sortEvents(events, context, config, isDuplicate),
	);
}

function toItems(passed: PlainObject[], context: BatchContext, config: ReceiverConfig): INodeExecutionData[] {
	if (passed.length === 0) return [];
	if (config.outputMode === 'perBatch') {
		return [{ json: { ...context, event_count: passed.length, events: passed } as IDataObject }];
	}
	const items: INodeExecutionData[] = new Array(passed.length);
	for (let i = 0; i < passed.length; i++) {
		const event = passed[i];
		// Batch labels go next to the event's own fields, never over them.
		if (!('app_name' in event)) event.app_name = context.app_name;
		if (!('moe_request_id' in event)) event.moe_request_id = context.moe_request_id;
		if (!('source' in event)) event.source = context.source;
		items[i] = { json: event as IDataObject };
	}
	return items;
}

/**
 * One Streams POST: caller checks (IP, then authentication against the selected credential), body
 * checks (type, size, JSON, batch shape), then the events. Refusals are answered here and start
 * nothing; so does a batch with nothing left to emit. Otherwise n8n answers 200 once it created
 * the execution (responseMode onReceived) and runs the workflow with two outputs: Events and Rejected.
 */
export async function receiveStreamsBatch(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const config = readParameters(this);
	const req = this.getRequestObject();

	if (config.ipAllowList && !isIpAllowed(config.ipAllowList, req.ip ?? req.socket?.remoteAddress)) {
		return refuse(this, 403, 'This address is not in the node’s IP allow-list');
	}
	// The credential is read (and decrypted) only for callers that passed the allow-list.
	const expected = await readCallerAuth(this, config.authentication);
	const auth = authenticate(req.headers, expected);
	if (auth === 'missing') {
		return refuse(this, 401, 'Authentication required', expected.kind === 'basicAuth' ? BASIC_CHALLENGE : {});
	}
	if (auth === 'wrong') return refuse(this, 403, 'Authentication failed');

	const body = await readRawBody(req, config.maxBodyBytes, this.getNode().typeVersion > 1);
	if (!body.ok) return refuse(this, 400, body.message);
	const parsed = body.parsed === undefined ? parseStreamsBatch(body.raw) : checkStreamsBatch(body.parsed);
	if (!parsed.ok) return refuse(this, 400, parsed.message);

	const { batch } = parsed;
	const context: BatchContext = {
		app_name: batch.app_name ?? null,
		moe_request_id: batch.moe_request_id ?? null,
		source: batch.source ?? null,
	};
	const { passed, rejected } = await sortBatch(this, batch.events, context, config);
	const items = toItems(passed, context, config);
	if (items.length === 0 && rejected.length === 0) return {};
	return { workflowData: [items, rejected] };
}
