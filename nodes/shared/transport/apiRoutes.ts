/**
 * Which MoEngage API a request path belongs to. MoEngage signs each API family with its own key,
 * and only some APIs require the MOE-APPKEY header; this is decided here and nowhere else (the
 * credential's `authenticate` and the client both ask this module).
 */
export type ApiFamily = 'data' | 'businessEvents' | 'inform';

export interface ApiRoute {
	family: ApiFamily;
	/** Send `MOE-APPKEY: <workspace ID>` (required by some APIs, harmless on the Data API). */
	sendsAppKey: boolean;
}

/** Longest prefix first. Paths are relative to the API host. */
const ROUTES: Array<[prefix: string, route: ApiRoute]> = [
	['/v1.0/business_event', { family: 'businessEvents', sendsAppKey: false }],
	['/v5/business-events', { family: 'businessEvents', sendsAppKey: false }],
	// Campaign stats use the same key tile as Business Events, and require MOE-APPKEY.
	['/core-services/', { family: 'businessEvents', sendsAppKey: true }],
	['/v1.0/alerts', { family: 'inform', sendsAppKey: true }],
];

const DATA_API: ApiRoute = { family: 'data', sendsAppKey: true };

/** The route of a path relative to the API host (`/v1/...`, `/v1.0/business_event/...`, `/v5/...`). */
export function apiRouteOf(path: string): ApiRoute {
	const clean = `/${path.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/+/, '')}`;
	return ROUTES.find(([prefix]) => clean.startsWith(prefix))?.[1] ?? DATA_API;
}
