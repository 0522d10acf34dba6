import type { IExecuteFunctions } from 'n8n-workflow';

import { MoEngageClient } from '../../shared/transport/client';
import type { MoEngageFailure } from '../../shared/transport/errors';
import type { RetryPolicy } from '../../shared/transport/retryPolicy';
import type { EventLookup } from '../transport/requests';
import { findEvent } from '../transport/requests';
import type { V5EventLookup } from '../transport/requestsV5';
import { findEventV5 } from '../transport/requestsV5';
import { TriggerLedger } from './triggerQuota';

/**
 * What the items of one execution share: one client, the event schemas already loaded (business
 * events cannot be changed after creation, so one Search per event and run is enough), whether
 * MoEngage's trigger quota was hit in this run, and (version 2) the triggers this run has made.
 */
export class ExecutionState {
	private client?: MoEngageClient;

	private readonly schemas = new Map<string, Promise<EventLookup>>();

	private readonly v5Schemas = new Map<string, Promise<V5EventLookup>>();

	/** Version 2: the triggers of this run that started campaigns or flows, for the quota check. */
	readonly ledger = new TriggerLedger();

	/**
	 * Set after a 429 on Trigger: MoEngage's answer and when its quota resets (epoch ms, Infinity
	 * when it did not say). Later items of the run then fail without sending.
	 */
	quotaRefusal?: { failure: MoEngageFailure; resetAt: number };

	constructor(private readonly fn: IExecuteFunctions) {}

	/** The client, created on first use so that a credential problem becomes an item error. */
	async getClient(): Promise<MoEngageClient> {
		this.client ??= await MoEngageClient.create(this.fn);
		this.client.requireKey('businessEvents');
		return this.client;
	}

	/** The event's declared attributes, loaded once per event name and run (with the first caller's policy). */
	async lookupSchema(eventName: string, policy: Partial<RetryPolicy> = {}): Promise<EventLookup> {
		let lookup = this.schemas.get(eventName);
		if (!lookup) {
			lookup = this.getClient().then(async (client) => await findEvent(client.withPolicy(policy), eventName));
			this.schemas.set(eventName, lookup);
		}
		return await lookup;
	}

	/** Version 2: the event's declared V5 attribute types, loaded once per event name and run (V5 list). */
	async lookupSchemaV5(eventName: string, policy: Partial<RetryPolicy> = {}): Promise<V5EventLookup> {
		let lookup = this.v5Schemas.get(eventName);
		if (!lookup) {
			lookup = this.getClient().then(async (client) => await findEventV5(client.withPolicy(policy), eventName));
			this.v5Schemas.set(eventName, lookup);
		}
		return await lookup;
	}
}
