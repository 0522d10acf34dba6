import { z } from 'zod';

import { NUMERIC_STRING } from '../events/checkEvent';
import { MAX_EPOCH_SECONDS } from '../receiverBounds';

/**
 * What MoEngage Streams POSTs (its Streams documentation: "API Request Format" and "Streams Data
 * Glossary").
 *
 * This is the documented shape. The trigger checks each event with the hand-written
 * `checkStreamsEvent` (events/checkEvent.ts), which mirrors this schema and is much faster on
 * 1,000-event batches; test/streams/schema.test.ts keeps the two in agreement.
 */

/** Epoch seconds (UTC): a number, or a numeric string, from 0 to year 9999. */
const epochSecondsSchema = z
	.union([z.number(), z.string().regex(NUMERIC_STRING).transform(Number)])
	.pipe(z.number().finite().min(0).max(MAX_EPOCH_SECONDS));

/** event_attributes / user_attributes / device_attributes: a dictionary (null tolerated). */
const attributesSchema = z.record(z.unknown()).nullable().optional();

export const streamsEventSchema = z
	.object({
		event_code: z.string().min(1),
		event_uuid: z.string().min(1),
		event_time: epochSecondsSchema,
		/** CAMPAIGN_EVENT or USER_ACTION_EVENT; other values are passed on, not refused. */
		event_type: z.string().min(1),
		event_name: z.string().nullable().optional(),
		event_attributes: attributesSchema,
		user_attributes: attributesSchema,
		device_attributes: attributesSchema,
		// Documented but not checked (any value is passed on): event_source, uid, push_id,
		// email_id, mobile_number, variation_id, locale_id, locale_name, parent_campaign_id,
		// parent_flow_id, parent_flow_name.
	})
	.passthrough();

/**
 * The batch. Only `events` is required: a batch is never refused for its labels, which are
 * copied onto each item as sent. Bad events are sorted out one by one (see above).
 */
export const streamsBatchSchema = z
	.object({
		app_name: z.unknown().optional(),
		source: z.unknown().optional(),
		moe_request_id: z.unknown().optional(),
		events: z.array(z.unknown()),
	})
	.passthrough();
