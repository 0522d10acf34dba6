import type { INodeProperties } from 'n8n-workflow';

import { optionsForV2, VERSIONS_1, VERSIONS_2 } from '../../descriptions/options';
import type { OperationExecute } from '../types';
import * as create from './create.operation';
import * as search from './search.operation';
import * as trigger from './trigger.operation';
import * as getAllV2 from './v2/getAll.operation';
import * as searchV2 from './v2/search.operation';
import * as triggerV2 from './v2/trigger.operation';

/** Versions 1 and 1.1: the legacy v1.0 API. */
const operationsV1: Record<string, OperationExecute> = {
	trigger: trigger.execute,
	search: search.execute,
	create: create.execute,
};

/** Version 2: V5 for Trigger, Search and Get Many; Create stays on the legacy API (V5 has none). */
const operationsV2: Record<string, OperationExecute> = {
	trigger: triggerV2.execute,
	search: searchV2.execute,
	getAll: getAllV2.execute,
	create: create.execute,
};

export function operationsFor(typeVersion: number): Record<string, OperationExecute> {
	return typeVersion >= 2 ? operationsV2 : operationsV1;
}

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['businessEvent'], '@version': VERSIONS_1 } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a business event with its attributes',
				action: 'Create a business event',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find business events by name or ID',
				action: 'Search business events',
			},
			{
				name: 'Trigger',
				value: 'trigger',
				description: 'Trigger a business event, which runs the campaigns that use it',
				action: 'Trigger a business event',
			},
		],
		default: 'trigger',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['businessEvent'], '@version': VERSIONS_2 } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a business event with its attributes',
				action: 'Create a business event',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the business events of the workspace',
				action: 'Get many business events',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find business events by names or by IDs',
				action: 'Search business events',
			},
			{
				name: 'Trigger',
				value: 'trigger',
				description: 'Trigger a business event; the result says which campaigns and flows it started and which the quota skipped',
				action: 'Trigger a business event',
			},
		],
		default: 'trigger',
	},
	...trigger.description,
	...triggerV2.description,
	...search.description,
	...searchV2.description,
	...getAllV2.description,
	...create.description,
	optionsForV2('create'),
];
