import type { DataResource } from '../operation';
import { bulkImport } from './import.operation';

export const bulk = {
	option: { name: 'Bulk', value: 'bulk', description: 'Users, events and devices together, in bulk requests' },
	operations: { import: bulkImport },
} satisfies DataResource;
