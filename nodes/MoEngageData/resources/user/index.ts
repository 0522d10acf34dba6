import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition } from '../../types';
import { createOrUpdate } from './createOrUpdate';
import { deleteUser } from './delete';
import { get } from './get';
import { merge } from './merge';

export const userOperations: Record<string, OperationDefinition> = {
	createOrUpdate,
	delete: deleteUser,
	get,
	merge,
};

export const userDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		default: 'createOrUpdate',
		options: [
			{
				name: 'Create or Update',
				value: 'createOrUpdate',
				description: 'Create a user, or update the attributes of an existing one',
				action: 'Create or update a user',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a user by customer ID or MoEngage ID',
				action: 'Delete a user',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get users by their IDs (MoEngage must enable this for the workspace)',
				action: 'Get users',
			},
			{
				name: 'Merge',
				value: 'merge',
				description: 'Merge one user into another',
				action: 'Merge users',
			},
		],
	},
	...createOrUpdate.description,
	...deleteUser.description,
	...get.description,
	...merge.description,
];
