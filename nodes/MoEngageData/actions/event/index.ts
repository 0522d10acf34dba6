import type { DataResource } from '../operation';
import { track } from './track.operation';

export const event = {
	option: { name: 'Event', value: 'event', description: 'Something a user did' },
	operations: { track },
} satisfies DataResource;
