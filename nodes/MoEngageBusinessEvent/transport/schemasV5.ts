import { z } from 'zod';

/**
 * Request and response bodies of MoEngage's Business Events V5 API (`/v5/business-events...`).
 * Requests are strict (the node sends only documented fields); responses pass unknown fields through.
 */

/** The attribute types V5 validates trigger values against. */
export const V5_ATTRIBUTE_TYPES = ['string', 'number', 'boolean', 'datetime'] as const;

export const v5AttributeSchema = z.object({ name: z.string(), data_type: z.string() }).passthrough();

/** A business event as V5 list and search show it; only what the node uses is checked. */
export const v5EventSchema = z
	.object({
		id: z.string(),
		name: z.string().min(1),
		attributes: z
			.array(v5AttributeSchema)
			.nullish()
			.transform((attributes) => attributes ?? []),
	})
	.passthrough();
export type V5Event = z.infer<typeof v5EventSchema>;

/** Attribute name → declared V5 data type. */
export function v5AttributeTypesOf(event: V5Event): Map<string, string> {
	return new Map(event.attributes.map((a) => [a.name, a.data_type]));
}

/** One page of list or search: `{response_id, type, data: [...], pagination: {has_more, next_cursor?}}`. */
export const v5PageSchema = z
	.object({
		data: z.array(z.unknown()),
		pagination: z
			.object({ has_more: z.boolean(), next_cursor: z.string().nullish() })
			.passthrough()
			.nullish(),
	})
	.passthrough();

export const v5SearchRequestSchema = z
	.object({
		filters: z
			.union([
				z.object({ names: z.array(z.string()).min(1) }).strict(),
				z.object({ ids: z.array(z.string()).min(1) }).strict(),
			])
			.optional(),
		limit: z.number().int().min(1).max(20).optional(),
		cursor: z.string().optional(),
	})
	.strict();
export type V5SearchRequest = z.infer<typeof v5SearchRequestSchema>;

export const v5TriggerRequestSchema = z
	.object({
		event_name: z.string().min(1),
		triggered_by: z.string().min(1),
		event_attributes: z.record(z.unknown()),
	})
	.strict();
export type V5TriggerRequest = z.infer<typeof v5TriggerRequestSchema>;

const ids = z
	.array(z.string())
	.nullish()
	.transform((list) => list ?? []);

/** `data` of the trigger answer: what was triggered, what the quota skipped. */
export const v5TriggerDataSchema = z
	.object({
		triggered_status: z.string(),
		message: z.string().optional(),
		summary: z
			.object({ total: z.number(), triggered: z.number(), failed: z.number() })
			.passthrough()
			.optional(),
		triggered_campaign_ids: ids,
		failed_campaign_ids: ids,
		triggered_flow_ids: ids,
		failed_flow_ids: ids,
	})
	.passthrough();
export type V5TriggerData = z.infer<typeof v5TriggerDataSchema>;

export const v5TriggerResponseSchema = z
	.object({ response_id: z.string().optional(), type: z.string().optional(), data: v5TriggerDataSchema })
	.passthrough();
