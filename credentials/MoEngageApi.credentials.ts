import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { apiRouteOf } from '../nodes/shared/transport/apiRoutes';

// The test request below runs inside n8n's expression sandbox, so it repeats in expression form
// what nodes/shared/transport/baseUrl.ts does in code: keep the two in step.
const BASE_URL_EXPRESSION =
	'={{$credentials.dataCenter === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : "https://api-" + $credentials.dataCenter + ".moengage.com"}}';

/**
 * One credential for every MoEngage API. MoEngage uses Basic auth with the workspace ID as user
 * name, but a different key per API family; `authenticate` picks the key the request's API
 * family needs (nodes/shared/transport/apiRoutes.ts).
 */
export class MoEngageApi implements ICredentialType {
	name = 'moEngageApi';

	displayName = 'MoEngage API';

	icon: Icon = { light: 'file:../icons/moengage.svg', dark: 'file:../icons/moengage.dark.svg' };

	documentationUrl = 'https://developers.moengage.com/hc/en-us/articles/4413174104852-Overview';

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
				{ name: 'DC-101 (US, Newer Workspaces)', value: '101' },
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
				'Needed by the MoEngage Business Event node. Dashboard: Settings → Account → APIs → API keys → the "Campaign report/Business events/Custom templates" tile.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// Trimmed as the nodes trim them: a space pasted with an ID or a key would only earn a 401.
		const workspaceId = String(credentials.workspaceId ?? '').trim();
		const route = apiRouteOf(String(requestOptions.url ?? ''));
		const key = String(
			(route.family === 'businessEvents' ? credentials.businessEventsApiKey : credentials.dataApiKey) ?? '',
		).trim();
		const headers: Record<string, string> = {
			...(requestOptions.headers as Record<string, string> | undefined),
			Authorization: `Basic ${Buffer.from(`${workspaceId}:${key}`).toString('base64')}`,
		};
		if (route.sendsAppKey) headers['MOE-APPKEY'] = workspaceId;
		return { ...requestOptions, headers };
	}

	// Checks the Data API key when one is given (an update of a user that does not exist, with
	// update_existing_only, so nothing is created or changed), otherwise the Business Events key
	// (a read-only search).
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '={{String($credentials.dataApiKey || "").trim() ? "/v1/customer/" + String($credentials.workspaceId).trim() : "/v1.0/business_event/search"}}',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '={{String($credentials.dataApiKey || "").trim() ? { type: "customer", customer_id: "n8n-credential-check", update_existing_only: true, attributes: {} } : { event_names: ["n8n-credential-check"] } }}',
		},
	};
}
