import type { IDataObject } from 'n8n-workflow';

import type { DataElement } from '../schemas/dataApi';

/** What an item's output shows of the element it sent (made when the item's request is answered). */
export type ElementSummary = (element: DataElement) => IDataObject;

/** The customer ID, with the event names or the device ID. */
export const summaryOf: ElementSummary = (element) => {
	if (element.type === 'event') {
		return { customer_id: element.customer_id, actions: element.actions.map((a) => a.action) };
	}
	if (element.type === 'device') return { customer_id: element.customer_id, device_id: element.device_id };
	return { customer_id: element.customer_id };
};

/** The same, led by the element's type: a bulk import mixes users, events and devices. */
export const typedSummaryOf: ElementSummary = (element) => ({ type: element.type, ...summaryOf(element) });
