import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_DEDUPE_MAX_ENTRIES,
	DEFAULT_DEDUPE_WINDOW_MINUTES,
	DEFAULT_MAX_BODY_KB,
} from '../receiverBounds';

/**
 * The "Options" collection, saved under the parameter name `settings`, and the hidden `options`
 * parameter that n8n itself reads for version 1 (the names are saved in workflows).
 */
export const settingsProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Deduplicate Events',
				name: 'deduplicate',
				type: 'boolean',
				default: false,
				description:
					'Whether to drop an event whose event_uuid this node already passed on within the window below. MoEngage resends a whole batch when it gets no 2xx answer. The memory of seen IDs lives in this n8n process: it is lost on restart and not shared between n8n instances or queue-mode workers.',
			},
			{
				displayName: 'Deduplication Memory (Events)',
				name: 'dedupeMaxEntries',
				type: 'number',
				typeOptions: { minValue: 1000, maxValue: 1000000 },
				default: DEFAULT_DEDUPE_MAX_ENTRIES,
				description:
					'The most event IDs remembered (about 100 bytes each); past it the oldest are forgotten first',
			},
			{
				displayName: 'Deduplication Window (Minutes)',
				name: 'dedupeWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1440 },
				default: DEFAULT_DEDUPE_WINDOW_MINUTES,
				description:
					'How long an event_uuid is remembered. MoEngage’s retries of a batch span about 3.5 minutes.',
			},
			{
				displayName: 'IP Allow-List',
				name: 'ipAllowList',
				type: 'string',
				default: '',
				placeholder: 'e.g. 203.0.113.10, 198.51.100.0/24',
				description:
					'Comma-separated IP addresses or CIDR ranges (IPv4 or IPv6) allowed to call. Empty: any address. For MoEngage, enter the addresses MoEngage Streams sends from for your data center (MoEngage lists them per region). Behind a reverse proxy, set n8n’s N8N_PROXY_HOPS so n8n sees the caller’s address.',
			},
			{
				displayName: 'Max Body Size (KB)',
				name: 'maxBodySizeKb',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_BODY_KB,
				description:
					'Larger bodies are refused with 400. n8n itself refuses bodies over N8N_PAYLOAD_SIZE_MAX (16 MB by default).',
			},
		],
	},
	{
		// Not shown, read by n8n for version 1 only. n8n parses the body of a version-1 webhook
		// node before the node runs and answers 422 itself when JSON is malformed, unless the
		// node's options.binaryData is set. Setting it hands the raw body to this node, which
		// answers every bad body with its own clear 400. From version 1.1 n8n parses JSON bodies
		// whatever this says, and the node uses n8n's parse.
		displayName: 'Raw Body',
		name: 'options',
		type: 'hidden',
		default: { binaryData: true },
	},
];
