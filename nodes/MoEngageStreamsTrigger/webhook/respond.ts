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

/**
 * Whether n8n's own answer to this request goes out as a 2xx. With responseMode onReceived, n8n
 * 2.41 answers only after it created the execution, and 500 when that failed (then MoEngage
 * resends the batch). Node's response emits 'finish' once the answer is written and 'close' in
 * any case, also when the connection is cut first. undefined when there is no response to watch.
 */
export function whenAnswered(ctx: IWebhookFunctions): Promise<boolean> | undefined {
	let res: ReturnType<IWebhookFunctions['getResponseObject']> | undefined;
	try {
		res = ctx.getResponseObject();
	} catch {
		return undefined; // n8n-core throws "Response is missing" when it has none
	}
	if (typeof res?.once !== 'function') return undefined;
	const response = res;
	return new Promise((resolve) => {
		response.once('finish', () => resolve(response.statusCode >= 200 && response.statusCode < 300));
		response.once('close', () => resolve(false));
	});
}
