import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import type { ApiFamily } from '../nodes/shared/transport/apiRoutes';
import { apiRouteOf } from '../nodes/shared/transport/apiRoutes';

// The test request below runs inside n8n's expression sandbox, so it repeats in expression form
// what nodes/shared/transport/baseUrl.ts does in code: keep the two in step.
const BASE_URL_EXPRESSION =
	'={{$credentials.dataCenter === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : "https://api-" + $credentials.dataCenter + ".moengage.com"}}';

const entered = (field: string) => `String($credentials.${field} || "").trim()`;
/** Which key the Test button checks: the first entered of Data, Business Events, Inform. */
const CHECKED_KEY = `(${entered('dataApiKey')} ? "data" : ${entered('businessEventsApiKey')} ? "businessEvents" : ${entered('informApiKey')} ? "inform" : "data")`;
const INFORM_SEND_PATH = '/v1.0/alerts/send';
/** Cannot send anything: no workspace has this alert ID, and no channel is given. */
const INFORM_CHECK_BODY = '{ alert_id: "000000000000000000000000", transaction_id: "n8n-credential-check", payloads: {} }';
/** For a custom base URL, the data center its address names (api-02...), else 01. */
const REGION = '($credentials.dataCenter === "custom" ? ((String($credentials.baseUrl).match(/api-(\\d+)\\./) || [])[1] || "01") : $credentials.dataCenter)';
const TEST_CONNECTION_BODY = `{ app_id: String($credentials.workspaceId).trim(), app_secret: String($credentials.dataApiKey).trim(), source: "n8n", region: ${REGION} }`;

const WHERE_KEYS = 'MoEngage dashboard → Settings → Account → APIs';

const KEY_FIELDS: Record<ApiFamily, string> = {
	data: 'dataApiKey',
	businessEvents: 'businessEventsApiKey',
	inform: 'informApiKey',
};

/**
 * One credential for every MoEngage API. MoEngage uses Basic auth with the workspace ID as user
 * name, but a different key per API family; `authenticate` picks the key the request's API
 * family needs (nodes/shared/transport/apiRoutes.ts).
 */
export class MoEngageApi implements ICredentialType {
	name = 'moEngageApi';

	displayName = 'MoEngage API';

	icon: Icon = { light: 'file:../icons/moengage.svg', dark: 'file:../icons/moengage.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage#the-credential-moengage-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Data Center',
			name: 'dataCenter',
			type: 'options',
			default: '01',
			description:
				'The data center of your workspace: the number in your dashboard address (dashboard-01, dashboard-02, ...)',
			options: [
				{ name: 'DC-01 (US)', value: '01' },
				{ name: 'DC-02 (EU)', value: '02' },
				{ name: 'DC-03 (India)', value: '03' },
				{ name: 'DC-04 (US)', value: '04' },
				{ name: 'DC-05 (Singapore)', value: '05' },
				{ name: 'DC-06 (Indonesia)', value: '06' },
				{ name: 'DC-101 (Dashboard-101)', value: '101' },
				{ name: 'Custom Base URL (Proxy or Test Server)', value: 'custom' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://moengage-proxy.example.com',
			description: 'Address that stands in for https://api-XX.moengage.com, without /v1',
			required: true,
			displayOptions: { show: { dataCenter: ['custom'] } },
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			required: true,
			description:
				'In the MoEngage dashboard: Settings → Account → APIs → Workspace ID (formerly App ID)',
		},
		{
			displayName: 'Data API Key',
			name: 'dataApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Needed by the MoEngage Data node. Dashboard: Settings → Account → APIs → API keys → the "Data" tile.',
		},
		{
			displayName: 'Business Events API Key',
			name: 'businessEventsApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Needed by the MoEngage Business Event node. Dashboard: Settings → Account → APIs → API keys → the "Campaign report/Business events/Custom templates/Catalog API/Inform Report" tile.',
		},
		{
			displayName: 'Inform API Key',
			name: 'informApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Needed to send transactional alerts (MoEngage Inform). Dashboard: Settings → Account → APIs → API keys → the "Inform" tile.',
		},
		{
			displayName: 'Inform Test Base URL',
			name: 'informTestBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://moengage-test-proxy.example.com',
			description:
				"Address that stands in for MoEngage's Inform test host (sandbox-api-XX.moengage.com), used when an alert is sent with Test on. Leave empty if you do not send test alerts.",
			displayOptions: { show: { dataCenter: ['custom'] } },
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// Trimmed as the nodes trim them: a space pasted with an ID or a key would only earn a 401.
		const workspaceId = String(credentials.workspaceId ?? '').trim();
		const route = apiRouteOf(String(requestOptions.url ?? ''));
		const key = String(credentials[KEY_FIELDS[route.family]] ?? '').trim();
		const headers: Record<string, string> = {
			...(requestOptions.headers as Record<string, string> | undefined),
			Authorization: `Basic ${Buffer.from(`${workspaceId}:${key}`).toString('base64')}`,
		};
		if (route.sendsAppKey) headers['MOE-APPKEY'] = workspaceId;
		return { ...requestOptions, headers };
	}

	// Checks one key, the first entered of: the Data API key, with MoEngage's read-only Test Connection
	// API (nothing is written); the Business Events key, with a search; the Inform key, with an alert
	// that cannot be sent (an alert ID no workspace has, no channel payload). MoEngage checks the key
	// before the alert, so a known key earns a 400 "Invalid Alert ID" and an unknown one a 401; the
	// check reads MoEngage's answer body (its err_code) instead of the status for that one call.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: `={{${CHECKED_KEY} === "data" ? "/v1/integrations/authentication" : ${CHECKED_KEY} === "inform" ? "${INFORM_SEND_PATH}" : "/v1.0/business_event/search"}}`,
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: `={{${CHECKED_KEY} === "data" ? ${TEST_CONNECTION_BODY} : ${CHECKED_KEY} === "inform" ? ${INFORM_CHECK_BODY} : { event_names: ["n8n-credential-check"] } }}`,
			ignoreHttpStatusErrors: `={{${CHECKED_KEY} === "inform"}}` as unknown as boolean,
		},
		// n8n reads both rule kinds from one list (status rules on refusals, body rules on answers);
		// its type admits one kind per list.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: `MoEngage refused the key for this Workspace ID (checked: the first entered of the Data API Key, the Business Events API Key, the Inform API Key). Copy the Workspace ID and the key again from ${WHERE_KEYS}. A wrong Data Center gives the same answer: check it against your dashboard address (dashboard-01 → DC-01). A scoped key from the API key dashboard must include this API. With a Data or Business Events key entered, the Inform API Key is not checked here: send an alert with Test on to check it.`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: `MoEngage did not allow this key to use the API it was checked with (the Data API when a Data API Key is entered, otherwise Business Events, otherwise Inform). A scoped key from the API key dashboard must include that API; the tile keys on ${WHERE_KEYS} always do.`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'The address did not answer as MoEngage does: check the Data Center, or the Custom Base URL (without /v1).',
				},
			},
			// The Inform check reads answers as bodies (see above); MoEngage's Inform error bodies:
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'err_code',
					value: 'UNAUTHORIZED',
					message: `MoEngage refused the Inform API Key for this Workspace ID. Copy the Workspace ID and the key of the "Inform" tile again from ${WHERE_KEYS}. A wrong Data Center gives the same answer: check it against your dashboard address (dashboard-01 → DC-01). A scoped key from the API key dashboard must include Inform.`,
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'err_code',
					value: 'Rate Limit',
					message: 'MoEngage Inform answered that the workspace is over its rate limit, so the Inform API Key could not be checked now: try again in a minute.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'err_code',
					value: 'Internal Server Error',
					message: 'MoEngage Inform answered with an internal error, so the Inform API Key could not be checked now: try again later.',
				},
			},
		] as Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> as IAuthenticateRuleResponseCode[],
	};
}
