import type { DataResource } from '../operation';
import { createOrUpdate } from './createOrUpdate.operation';
import { deleteUser } from './delete.operation';
import { get } from './get.operation';
import { merge } from './merge.operation';

export const user = {
	option: { name: 'User', value: 'user', description: 'A user profile and its attributes' },
	operations: { createOrUpdate, delete: deleteUser, get, merge },
} satisfies DataResource;
