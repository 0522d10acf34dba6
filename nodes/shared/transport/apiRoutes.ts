/**
 * Which MoEngage API a request path belongs to. MoEngage signs each API family with its own key,
 * and only some APIs require the MOE-APPKEY header; this is decided here and nowhere else (the
 * credential's `authenticate` and the client both ask this module).
 */
export type ApiFamily = 'data' | 'businessEvents';

export interface ApiRoute {
	family: ApiFamily;
	/** Send `MOE-APPKEY: <workspace ID>` (required by some APIs, harmless on the Data API). */
	sendsAppKey: boolean;
}

const BUSINESS_EVENTS_PREFIXES = ['/v1.0/business_event', '/v5/business-events'];

/** The route of a path relative to the API host (`/v1/...`, `/v1.0/business_event/...`, `/v5/...`). */
export function apiRouteOf(path: string): ApiRoute {
	const clean = `/${path.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/+/, '')}`;
	if (BUSINESS_EVENTS_PREFIXES.some((prefix) => clean.startsWith(prefix))) {
		return { family: 'businessEvents', sendsAppKey: false };
	}
	return { family: 'data', sendsAppKey: true };
}
