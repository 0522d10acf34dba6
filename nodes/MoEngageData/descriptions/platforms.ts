import type { INodePropertyOptions } from 'n8n-workflow';

/** The platforms MoEngage knows, spelled as its API wants them. */
export const PLATFORM_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Android', value: 'ANDROID' },
	{ name: 'iOS', value: 'iOS' },
	{ name: 'TV', value: 'TV' },
	{ name: 'Web', value: 'web' },
];

/** A user's `platforms` attribute lists the app platforms only. */
export const USER_PLATFORM_OPTIONS = PLATFORM_OPTIONS.filter((option) => option.value !== 'TV');
