/** MoEngage's Business Events API (legacy v1.0, all POST): every path versions 1 and 1.1 call. */
export const ENDPOINTS = {
	trigger: '/v1.0/business_event/trigger',
	search: '/v1.0/business_event/search',
	create: '/v1.0/business_event',
} as const;

/** MoEngage's Business Events V5 API: the list is a GET, search and trigger are POSTs. */
export const ENDPOINTS_V5 = {
	trigger: '/v5/business-events/triggers',
	list: '/v5/business-events',
	search: '/v5/business-events/search',
} as const;

/** V5 lists and searches at most this many events per page. */
export const V5_PAGE_SIZE = 20;
