/**
 * How fields are named in messages. Operations with their own parameters use the parameters'
 * display names; Bulk → Import uses MoEngage's JSON keys, since that is what the user wrote.
 */
export type FieldLabels = Record<string, string>;

export function labelOf(labels: FieldLabels, key: string): string {
	return labels[key] ?? key;
}
