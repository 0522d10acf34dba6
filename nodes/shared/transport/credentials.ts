import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiFamily } from './apiRoutes';
import { baseUrlOf, DATA_CENTERS, informTestBaseUrlOf } from './baseUrl';

export type { ApiFamily } from './apiRoutes';

export const CREDENTIAL_NAME = 'moEngageApi';

export interface MoEngageCredentials {
	baseUrl: string;
	/** Where Inform's test alerts go (MoEngage's `sandbox-api-{dc}` host); unset behind a custom base URL without one. */
	informTestBaseUrl?: string;
	workspaceId: string;
	/** The keys, kept only to scrub them from anything we show (errors, logs). */
	secrets: string[];
	hasKey: Record<ApiFamily, boolean>;
}

const KEY_HELP: Record<ApiFamily, { field: string; where: string }> = {
	data: {
		field: 'Data API Key',
		where: 'MoEngage dashboard → Settings → Account → APIs → API keys → "Data" tile',
	},
	businessEvents: {
		field: 'Business Events API Key',
		where:
			'MoEngage dashboard → Settings → Account → APIs → API keys → "Campaign report/Business events/Custom templates/Catalog API/Inform Report" tile',
	},
	inform: {
		field: 'Inform API Key',
		where: 'MoEngage dashboard → Settings → Account → APIs → API keys → "Inform" tile',
	},
};

/** Each key as typed, as base64, and as the base64 Basic token MoEngage might echo. */
function secretForms(workspaceId: string, keys: string[]): string[] {
	const toBase64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
	return keys
		.filter((key) => key.length > 0)
		.flatMap((key) => [key, toBase64(key), toBase64(`${workspaceId}:${key}`)]);
}

const SCOPED_KEYS =
	'A scoped key from MoEngage\'s API key dashboard is refused (401 or 403) for APIs it does not include: use a key that includes this API, or the tile key.';

/** What to check when MoEngage answers 401 or 403: each API has its own key. */
export function keyHint(family: ApiFamily, httpCode: number): string {
	const { field, where } = KEY_HELP[family];
	if (httpCode === 403) {
		return `MoEngage did not allow the ${field} to use this API. ${SCOPED_KEYS}`;
	}
	return `MoEngage did not accept the ${field} with this Workspace ID: check both in the "MoEngage API" credential (the key is on ${where}), and the Data Center (a wrong one gives the same answer). ${SCOPED_KEYS}`;
}

export function readCredentials(node: INode, raw: ICredentialDataDecryptedObject): MoEngageCredentials {
	const dataCenter = String(raw.dataCenter ?? '01');
	const workspaceId = String(raw.workspaceId ?? '').trim();
	if (!workspaceId) {
		throw new NodeOperationError(node, 'The MoEngage credential has no Workspace ID', {
			description: 'Copy it from MoEngage dashboard → Settings → Account → APIs → Workspace ID.',
		});
	}
	if (dataCenter !== 'custom' && !(DATA_CENTERS as readonly string[]).includes(dataCenter)) {
		throw new NodeOperationError(node, `Unknown MoEngage data center "${dataCenter}"`, {
			description: `Pick one of DC-${DATA_CENTERS.join(', DC-')} or a custom base URL in the credential.`,
		});
	}
	const baseUrl = baseUrlOf(dataCenter, raw.baseUrl as string | undefined);
	if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
		throw new NodeOperationError(node, 'The MoEngage credential\'s custom base URL is not a URL', {
			description: 'Enter an address such as https://moengage-proxy.example.com (without /v1).',
		});
	}
	// Trimmed as the credential's authenticate() sends them.
	const dataApiKey = String(raw.dataApiKey ?? '').trim();
	const businessEventsApiKey = String(raw.businessEventsApiKey ?? '').trim();
	const informApiKey = String(raw.informApiKey ?? '').trim();
	return {
		baseUrl,
		informTestBaseUrl: informTestBaseUrlOf(dataCenter, raw.informTestBaseUrl as string | undefined),
		workspaceId,
		secrets: secretForms(workspaceId, [dataApiKey, businessEventsApiKey, informApiKey]),
		hasKey: { data: dataApiKey.length > 0, businessEvents: businessEventsApiKey.length > 0, inform: informApiKey.length > 0 },
	};
}

export function assertKey(node: INode, credentials: MoEngageCredentials, family: ApiFamily): void {
	if (credentials.hasKey[family]) return;
	const { field, where } = KEY_HELP[family];
	throw new NodeOperationError(node, `The MoEngage credential has no ${field}`, {
		description: `This operation needs the ${field}. Copy it from ${where}, and add it to the "MoEngage API" credential.`,
	});
}
