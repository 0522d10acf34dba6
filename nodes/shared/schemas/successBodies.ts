import { z } from 'zod';

/** Data API success: `{"status":"success","message","request_id"}`; processing is asynchronous. */
export const dataApiSuccessSchema = z
	.object({
		status: z.literal('success'),
		message: z.string().optional(),
		request_id: z.string().optional(),
	})
	.passthrough();

export type DataApiSuccess = z.infer<typeof dataApiSuccessSchema>;
