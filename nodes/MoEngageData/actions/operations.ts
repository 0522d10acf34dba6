import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, resourceProperty } from '../descriptions/selectors';
import { bulk } from './bulk';
import { cohort } from './cohort';
import { device } from './device';
import { event } from './event';
import type { DataOperation } from './operation';
import { user } from './user';

/** Every resource of the node, in the order their parameters are listed. */
export const RESOURCES = { user, event, device, bulk, cohort };

/** `resource.operation` of every operation, e.g. `device.createOrUpdate` (tests list them by this). */
export type OperationKey = {
	[R in keyof typeof RESOURCES]: `${R}.${Extract<keyof (typeof RESOURCES)[R]['operations'], string>}`;
}[keyof typeof RESOURCES];

export function operationOf(resource: string, operation: string): DataOperation | undefined {
	const operations: Record<string, DataOperation> | undefined = (
		RESOURCES as Record<string, { operations: Record<string, DataOperation> }>
	)[resource]?.operations;
	return operations ? Object.values(operations).find((candidate) => candidate.option.value === operation) : undefined;
}

/** The node's parameters: the Resource list, then each resource's. */
export const dataProperties: INodeProperties[] = [
	resourceProperty(Object.values(RESOURCES), 'user'),
	...Object.values(RESOURCES).flatMap(resourceProperties),
];
