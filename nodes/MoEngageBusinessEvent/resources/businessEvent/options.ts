import type { INodeProperties } from 'n8n-workflow';

import type { RetryPolicy } from '../../../shared/transport/retryPolicy';
import { RETRY_POLICIES } from '../../../shared/transport/retryPolicy';

export interface OperationOptions {
	timeout?: number;
	retryOnServerError?: boolean;
}

const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1000 },
	default: 30000,
	description: 'How long to wait for MoEngage to answer one request, in milliseconds',
};

const retryOnServerErrorOption: INodeProperties = {
	displayName: 'Retry on Timeout or Server Error',
	name: 'retryOnServerError',
	type: 'boolean',
	default: false,
	description:
		'Whether to send the trigger again when MoEngage does not answer in time or answers with a server error (5xx). Off by default: MoEngage may have triggered the event already, and a retry can fire the campaign twice.',
};

/** The "Options" collection of one operation. */
export function optionsFor(operation: 'trigger' | 'search' | 'create'): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['businessEvent'], operation: [operation] } },
		options: operation === 'trigger' ? [retryOnServerErrorOption, timeoutOption] : [timeoutOption],
	};
}

function timeoutOf(options: OperationOptions): Partial<RetryPolicy> {
	const timeout = Number(options.timeout);
	return Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {};
}

/** Search and Create: their named policy with the user's timeout. */
export function requestPolicy(options: OperationOptions): RetryPolicy {
	return { ...RETRY_POLICIES.businessEventRequest, ...timeoutOf(options) };
}

/** Trigger: its named policy, with the user's timeout and opt-in to retrying timeouts and 5xx. */
export function triggerPolicy(options: OperationOptions): RetryPolicy {
	return { ...RETRY_POLICIES.businessEventTrigger, ...timeoutOf(options), retryUnsafe: options.retryOnServerError === true };
}
