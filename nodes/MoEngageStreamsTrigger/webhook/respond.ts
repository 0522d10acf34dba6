import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * Answers the caller directly and starts nothing: n8n sends no response of its own and starts
 * no execution when webhook() returns `noWebhookResponse` without `workflowData`.
 */
export function refuse(
	ctx: IWebhookFunctions,
	status: number,
	message: string,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	const res = ctx.getResponseObject();
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	res.status(status).json({ code: status, message });
	return { noWebhookResponse: true };
}
