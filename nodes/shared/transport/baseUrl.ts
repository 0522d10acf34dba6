/** The seven MoEngage data centers. The host is built from the whole code: `101` is no `0X`. */
export const DATA_CENTERS = ['01', '02', '03', '04', '05', '06', '101'] as const;

export type DataCenter = (typeof DATA_CENTERS)[number] | 'custom';

export function baseUrlOf(dataCenter: string, customBaseUrl?: string): string {
	if (dataCenter === 'custom') return String(customBaseUrl ?? '').replace(/\/+$/, '');
	return `https://api-${dataCenter}.moengage.com`;
}

/**
 * MoEngage's test host for Inform alerts (`sandbox-api-{dc}`). Behind a custom base URL there is no
 * way to derive it: the credential's Inform Test Base URL is used, or undefined when empty.
 */
export function informTestBaseUrlOf(dataCenter: string, customTestBaseUrl?: string): string | undefined {
	if (dataCenter === 'custom') return String(customTestBaseUrl ?? '').replace(/\/+$/, '') || undefined;
	return `https://sandbox-api-${dataCenter}.moengage.com`;
}
