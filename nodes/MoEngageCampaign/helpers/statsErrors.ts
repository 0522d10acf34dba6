import type { NodeApiError } from 'n8n-workflow';

import type { MoEngageClient } from '../../shared/transport/client';
import type { MoEngageFailure } from '../../shared/transport/errors';
import type { DateWindow } from './dateWindows';

/** Which call failed, in the user's words. */
export function callLabel(window: DateWindow, campaignIds?: string[]): string {
	const campaigns = campaignIds ? `campaigns ${campaignIds.join(', ')}` : 'all campaigns';
	return `The call for ${window.start} to ${window.end}, ${campaigns}`;
}

/**
 * A failed campaign-stats call as an error that says what to do. MoEngage answers
 * `{title, description, code}`: 400 "Invalid Field Value", 401, 403 "Forbidden Request" (the
 * feature is not enabled for the account), 429, 500. Secrets are scrubbed by the client.
 */
export function statsCallError(
	client: MoEngageClient,
	failure: MoEngageFailure,
	options: { itemIndex: number; window: DateWindow; campaignIds?: string[]; attempts: number },
): NodeApiError {
	const where = `${callLabel(options.window, options.campaignIds)} failed.`;
	const common = { itemIndex: options.itemIndex, attempts: options.attempts };
	switch (failure.httpCode) {
		case 400:
			return client.toError(failure, {
				...common,
				message: `MoEngage refused the campaign stats request: ${failure.message}`,
				hint: `${where} Check the field MoEngage names; campaign IDs are the IDs shown in the campaign's details in MoEngage.`,
			});
		case 401:
			return client.toError(failure, {
				...common,
				message: 'MoEngage did not accept the Business Events API Key for campaign stats (401)',
				hint: where,
			});
		case 403:
			return client.toError(failure, {
				...common,
				message: 'Campaign stats are not enabled for this MoEngage workspace (403 Forbidden Request)',
				hint: `MoEngage answers 403 "Forbidden Request" when the Campaign Stats API is not enabled for the account: ask your MoEngage account manager (CSM) to enable it. ${where}`,
			});
		case 429:
			return client.toError(failure, {
				...common,
				message: 'MoEngage kept answering 429: the campaign stats limit (100 calls a minute per workspace) is in use elsewhere',
				hint: `Another workflow or system may be calling the Campaign Stats API for this workspace. Run again later, or lower Options → Requests per Minute. ${where}`,
			});
		default:
			return client.toError(failure, { ...common, hint: where });
	}
}
