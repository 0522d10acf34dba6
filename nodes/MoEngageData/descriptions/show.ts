import type { IDisplayOptions } from 'n8n-workflow';

/** displayOptions.show for the parameters of one operation. */
export function showFor(resource: string, operation: string): NonNullable<IDisplayOptions['show']> {
	return { resource: [resource], operation: [operation] };
}
