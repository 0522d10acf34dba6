import type { DataResource } from '../operation';
import { createOrUpdate } from './createOrUpdate.operation';

export const device = {
	option: { name: 'Device', value: 'device', description: 'A device (push token) of a user' },
	operations: { createOrUpdate },
} satisfies DataResource;
