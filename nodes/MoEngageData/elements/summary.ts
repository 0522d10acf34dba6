import type { IDataObject } from 'n8n-workflow';

import type { DataElement } from '../schemas/dataApi';

/** What an item's output shows of the element it sent (made when the item's request is answered). */
export type ElementSummary = (element: DataElement) => IDataObject;

/**
 * The customer ID, with the event names or the device ID. An element identified by Identity
 * Resolution identifiers alone has no customer ID to show.
 */
export const summaryOf: ElementSummary = (element) => {
	if (element.type === 'device') return { customer_id: element.customer_id, device_id: element.device_id };
	const customerId = element.customer_id;
	if (element.type === 'event') {
		const actions = element.actions.map((a) => a.action);
		return customerId === undefined ? { actions } : { customer_id: customerId, actions };
	}
	return customerId === undefined ? {} : { customer_id: customerId };
};

/** The same, led by the element's type: a bulk import mixes users, events and devices. */
export const typedSummaryOf: ElementSummary = (element) => ({ type: element.type, ...summaryOf(element) });
