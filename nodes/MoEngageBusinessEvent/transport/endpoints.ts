/** MoEngage's Business Events API (legacy v1.0, all POST): every path the node calls. */
export const ENDPOINTS = {
	trigger: '/v1.0/business_event/trigger',
	search: '/v1.0/business_event/search',
	create: '/v1.0/business_event',
} as const;
