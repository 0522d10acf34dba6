import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { enrichStreamsEvent } from '../../shared/streams/enrichEvent';
import { checkStreamsBatch, parseStreamsBatch } from '../../shared/streams/parseBatch';
import { checkStreamsEvent, type PlainObject } from '../../shared/streams/validateEvent';
import { authenticate } from './authenticate';
import { readCallerAuth } from './callerCredentials';
import { readConfig, type StreamsTriggerConfig } from './config';
import { duplicateChecker } from './deduplicate';
import { passesFilter } from './filterEvents';
import { isIpAllowed } from './ipAllowList';
import { readRawBody } from './readBody';
import { refuse } from './respond';

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
	ctx: IWebhookFunctions,
	events: unknown[],
	context: BatchContext,
	config: StreamsTriggerConfig,
): SortedEvents {
	const passed: PlainObject[] = [];
	const rejected: INodeExecutionData[] = [];
	let isDuplicate: ((id: string) => boolean) | undefined;
	if (config.dedupe) {
		const scope = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}:${ctx.getMode()}`;
		isDuplicate = duplicateChecker(scope, config.dedupe);
	}
	for (let index = 0; index < events.length; index++) {
		const event = events[index];
		const reason = checkStreamsEvent(event);
		if (reason !== undefined) {
			rejected.push({ json: { reason, index, event: event as IDataObject, ...context } as IDataObject });
			continue;
		}
		const valid = event as PlainObject;
		if (!passesFilter(valid, config.filter)) continue;
		if (isDuplicate?.(valid.event_uuid as string)) continue;
		passed.push(enrichStreamsEvent(valid));
	}
	return { passed, rejected };
}

function toItems(passed: PlainObject[], context: BatchContext, config: StreamsTriggerConfig): INodeExecutionData[] {
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
 * nothing; so does a batch with nothing left to emit. Otherwise n8n answers 200 at once
 * (responseMode onReceived) and runs the workflow with two outputs: Events and Rejected.
 */
export async function receiveStreamsBatch(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const config = readConfig(this);
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
	const { passed, rejected } = sortEvents(this, batch.events, context, config);
	const items = toItems(passed, context, config);
	if (items.length === 0 && rejected.length === 0) return {};
	return { workflowData: [items, rejected] };
}
