import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DataElement } from '../shared/schemas/dataApi';
import type { MoEngageRequest } from '../shared/transport/client';
import type { PaceBucket, PaceCost } from '../shared/transport/pacer';
import type { ElementSummary } from './elements/summary';
import type { ItemScope } from './itemScope';
import type { ParameterReader } from './parameters';
import type { RunSettings } from './settings';

/** What an operation's `build` gets for one item. */
export interface BuildContext {
	scope: ItemScope;
	params: ParameterReader;
	settings: RunSettings;
	workspaceId: string;
}

/** A user, event or device, sent in a bulk import (batched) or to its own endpoint. */
export interface ElementJob {
	kind: 'element';
	element: DataElement;
}

/** A request of its own for this item (delete, get). */
export interface RequestJob {
	kind: 'request';
	request: MoEngageRequest;
	cost: PaceCost;
	/** Which pacing buckets MoEngage's rate-limit headers of this route describe. */
	headerBuckets: PaceBucket[];
	summary: IDataObject;
	/** Turns MoEngage's answer into the item's output; default: status and request ID only. */
	toJson?: (body: unknown) => IDataObject;
}

/** Merge pairs of this item; pairs of several items share a call (at most 50 pairs). */
export interface MergeJob {
	kind: 'merge';
	pairs: Array<{ merged_user: string; retained_user: string }>;
	summary: IDataObject;
}

export type Job = ElementJob | RequestJob | MergeJob;

export interface OperationDefinition {
	/** The operation's parameters, each with displayOptions for its resource and operation. */
	description: INodeProperties[];
	build(this: IExecuteFunctions, itemIndex: number, context: BuildContext): Job;
	/** For operations that build elements: what each item's output shows of its element (default summaryOf). */
	summarize?: ElementSummary;
}
