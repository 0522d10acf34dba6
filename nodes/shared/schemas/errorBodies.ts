import { z } from 'zod';

/** Data API failure: `{"status":"fail","error":{"type","message","request_id"}}`. */
export const dataApiFailureSchema = z.object({
	status: z.literal('fail'),
	error: z
		.object({
			type: z.string().optional(),
			message: z.unknown().optional(),
			request_id: z.string().optional(),
		})
		.passthrough(),
});

const detailSchema = z
	.object({
		code: z.string().optional(),
		target: z.string().optional(),
		// V5 trigger errors name the field and the issue instead of target and code.
		field: z.string().optional(),
		issue: z.string().optional(),
		// The 401 answer nests a whole detail object here.
		message: z.unknown().optional(),
	})
	.passthrough();

/**
 * Business Events failure: `{"error":{"code","message","details":[...],"request_id"}}`; V5 adds
 * `response_id` beside `error`.
 */
export const businessEventsFailureSchema = z.object({
	response_id: z.string().optional(),
	error: z
		.object({
			code: z.union([z.string(), z.number()]).optional(),
			message: z.unknown().optional(),
			details: z.array(detailSchema).optional(),
			request_id: z.string().optional(),
		})
		.passthrough(),
});

/** The 429 shape: `{"status":"error","data":{"code":429,"title","description"}}`. */
export const rateLimitFailureSchema = z.object({
	status: z.string().optional(),
	data: z
		.object({
			code: z.union([z.number(), z.string()]).optional(),
			title: z.string().optional(),
			description: z.string().optional(),
		})
		.passthrough(),
});

/** Campaign stats failure: `{"title","description","code"}` (description may be null). */
export const titledFailureSchema = z.object({
	title: z.string(),
	description: z.string().nullable().optional(),
	code: z.union([z.string(), z.number()]),
});

/** The 500 shape: `{"title","message"}`. */
export const serverFailureSchema = z.object({
	title: z.string(),
	message: z.string().optional(),
});

export type BusinessEventsErrorDetail = z.infer<typeof detailSchema>;
