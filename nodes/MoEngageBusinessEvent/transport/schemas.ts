import { z } from 'zod';

/**
 * Request and response bodies of MoEngage's Business Events API (`/v1.0/business_event...`).
 * Requests are strict: MoEngage answers 400 "Additional fields are not allowed" to any extra field.
 * Responses are lenient (passthrough): MoEngage adds fields over time.
 */

/** The attribute data types MoEngage offers when a business event is created. */
export const ATTRIBUTE_DATA_TYPES = ['string', 'int', 'float', 'array', 'date'] as const;
export const attributeDataTypeSchema = z.enum(ATTRIBUTE_DATA_TYPES);
export type AttributeDataType = z.infer<typeof attributeDataTypeSchema>;

/** One declared attribute. The type is read as any string so that a type added later still loads. */
export const eventAttributeSchema = z
	.object({ attribute_name: z.string(), attribute_data_type: z.string() })
	.passthrough();
export type EventAttribute = z.infer<typeof eventAttributeSchema>;

/**
 * A business event as the search API (and the create answer) shows it. Only what the node uses is
 * checked; the docs show the other fields (`event_id`, `created_at`, `created_by`, `total_trigger`,
 * `usage_count`, ...) only as placeholders, so they pass through in whatever type MoEngage sends.
 */
export const businessEventSchema = z
	.object({
		event_name: z.string().min(1),
		event_attributes: z
			.array(eventAttributeSchema)
			.nullish()
			.transform((attributes) => attributes ?? []),
	})
	.passthrough();
export type BusinessEvent = z.infer<typeof businessEventSchema>;

/** Attribute name → declared data type. */
export function attributeTypesOf(event: BusinessEvent): Map<string, string> {
	return new Map(event.event_attributes.map((a) => [a.attribute_name, a.attribute_data_type]));
}

/** An event of a search answer that is not one the node can use, and why. */
export interface UnreadableEvent {
	eventName?: string;
	problem: string;
}

/** Checks the events of a search answer one by one, so that one odd event does not hide the others. */
export function readEvents(records: unknown[]): { events: BusinessEvent[]; unreadable: UnreadableEvent[] } {
	const events: BusinessEvent[] = [];
	const unreadable: UnreadableEvent[] = [];
	for (const record of records) {
		const parsed = businessEventSchema.safeParse(record);
		if (parsed.success) {
			events.push(parsed.data);
			continue;
		}
		const name = (record as { event_name?: unknown } | null)?.event_name;
		const [issue] = parsed.error.issues;
		unreadable.push({
			eventName: typeof name === 'string' ? name : undefined,
			problem: issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
		});
	}
	return { events, unreadable };
}

// ---- Trigger: POST /v1.0/business_event/trigger ----

export const triggerRequestSchema = z
	.object({
		event_name: z.string().min(1),
		event_attributes: z.record(z.unknown()),
		triggered_by: z.string().optional(),
	})
	.strict();
export type TriggerRequest = z.infer<typeof triggerRequestSchema>;

/** `{"message": "The business event has been triggered"}` */
export const triggerResponseSchema = z.object({ message: z.string().optional() }).passthrough();

// ---- Search: POST /v1.0/business_event/search ----

export const searchRequestSchema = z
	.object({
		event_ids: z.array(z.string()).min(1).optional(),
		event_names: z.array(z.string()).min(1).optional(),
	})
	.strict();
export type SearchRequest = z.infer<typeof searchRequestSchema>;

/**
 * `{"data": [event, ...]}`; the docs also describe `data` as one object, which is read as a list of
 * one. The events themselves are checked by `readEvents`.
 */
export const searchResponseSchema = z.object({
	data: z
		.union([z.array(z.unknown()), z.record(z.unknown()), z.null()])
		.optional()
		.transform((data) => (data === undefined || data === null ? [] : Array.isArray(data) ? data : [data])),
});

// ---- Create: POST /v1.0/business_event ----

export const createRequestSchema = z
	.object({
		event_name: z.string().min(1),
		event_attributes: z.array(
			z.object({ attribute_name: z.string().min(1), attribute_data_type: attributeDataTypeSchema }).strict(),
		),
		created_by: z.string(),
	})
	.strict();
export type CreateRequest = z.infer<typeof createRequestSchema>;

/** `{"message": "The business event has been created", "event_id": "..."}`; an older form carried the event as `data`. */
export const createResponseSchema = z
	.object({ message: z.string().optional(), event_id: z.string().optional(), data: businessEventSchema.optional() })
	.passthrough();
