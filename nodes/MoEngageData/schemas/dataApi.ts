import { z } from 'zod';

import { MAX_EXPORT_USERS_PER_CALL, MAX_MERGE_PAIRS_PER_CALL } from '../limits';

/**
 * The Data API request bodies this node builds, and the answers it reads. `type` is
 * case-sensitive: MoEngage silently drops an element whose type is not exactly lowercase.
 */

const attributes = z.record(z.string(), z.unknown());
/** ISO 8601 as MoEngage stores dates (`YYYY-MM-DDTHH:mm:ssZ`), or epoch seconds. */
const eventTime = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/), z.number()]);

/** `POST /v1/customer/{app_id}`, and a `customer` element of a bulk import. */
/** customer_id may be left out in Identity Resolution workspaces (identifiers in `attributes` instead). */
export const customerSchema = z
	.object({
		type: z.literal('customer'),
		customer_id: z.string().min(2).optional(),
		attributes: attributes.optional(),
		update_existing_only: z.boolean().optional(),
	})
	.passthrough();

const actionSchema = z
	.object({
		action: z.string().min(1),
		attributes: attributes.optional(),
		platform: z.string().optional(),
		app_version: z.string().optional(),
		user_time: eventTime.optional(),
		current_time: eventTime.optional(),
		user_timezone_offset: z.number().int().min(-54_000).max(54_000).optional(),
	})
	.passthrough();

/** `POST /v1/event/{app_id}`, and an `event` element of a bulk import. */
/** customer_id may be left out in Identity Resolution workspaces (`user_identifiers` instead). */
export const eventSchema = z
	.object({
		type: z.literal('event'),
		customer_id: z.string().min(2).optional(),
		user_identifiers: z.record(z.string(), z.string()).optional(),
		device_id: z.string().optional(),
		actions: z.array(actionSchema).min(1),
	})
	.passthrough();

/** `POST /v1/device/{app_id}`, and a `device` element of a bulk import. */
export const deviceSchema = z
	.object({
		type: z.literal('device'),
		customer_id: z.string().min(2),
		device_id: z.string().min(1),
		attributes: z.object({ platform: z.string().min(1).optional(), push_id: z.string().optional() }).passthrough(),
	})
	.passthrough();

const elementSchema = z.discriminatedUnion('type', [customerSchema, eventSchema, deviceSchema]);

/** `POST /v1/transition/{app_id}`: at most 100 KB per request. */
export const transitionSchema = z.object({
	type: z.literal('transition'),
	elements: z.array(elementSchema).min(1),
});

/** `POST /v1/customer/merge?app_id=` */
export const mergeSchema = z.object({
	merge_data: z
		.array(z.object({ merged_user: z.string().min(2), retained_user: z.string().min(2) }))
		.min(1)
		.max(MAX_MERGE_PAIRS_PER_CALL),
});

/** `POST /v1/customer/delete?app_id=`: one user per request. */
export const deleteSchema = z.object({
	identity_type: z.enum(['customer_id', 'moengage_id']),
	identity_value: z.string().min(1),
});

/** `POST /v1/customers/export?app_id=` (Get User), as in MoEngage's API reference. */
export const exportSchema = z.object({
	identifiers: z
		.array(z.object({ identifier_type: z.enum(['customer_id', 'id']), identifier: z.string().min(1) }))
		.min(1)
		.max(MAX_EXPORT_USERS_PER_CALL),
	user_fields_to_export: z.array(z.string()).optional(),
});

/** Get User's answer in MoEngage's API reference. */
export const exportAnswerSchema = z.object({
	status: z.string(),
	data: z
		.object({
			users: z.array(z.object({ user_attributes: attributes }).passthrough()).default([]),
			users_not_found: z
				.array(z.object({ identifier_type: z.string(), identifier: z.string() }).passthrough())
				.default([]),
		})
		.passthrough(),
});

/** An older, flat answer shape (`users` with `customer_id`, and `not_found` IDs). */
export const flatExportAnswerSchema = z.object({
	status: z.string(),
	users: z.array(z.record(z.string(), z.unknown())),
	not_found: z.array(z.string()).default([]),
});

export type CustomerElement = z.infer<typeof customerSchema>;
export type EventAction = z.infer<typeof actionSchema>;
export type EventElement = z.infer<typeof eventSchema>;
export type DeviceElement = z.infer<typeof deviceSchema>;
export type DataElement = z.infer<typeof elementSchema>;
export type MergeBody = z.infer<typeof mergeSchema>;
export type DeleteBody = z.infer<typeof deleteSchema>;
export type ExportBody = z.infer<typeof exportSchema>;
