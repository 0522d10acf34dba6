/**
 * Event items as a workflow would hand them to the Data node: one item per event, with a user,
 * an action, a few attributes and a time. Deterministic, so every run sends the same bytes.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

const ACTIONS = ['Product Viewed', 'Added To Cart', 'Checkout Started', 'Order Completed', 'Coupon Applied'];
const CATEGORIES = ['shoes', 'outerwear', 'accessories', 'kids', 'home'];
const CURRENCIES = ['USD', 'EUR', 'INR'];

export interface BenchEvent {
	customer_id: string;
	action: string;
	user_time: string;
	attributes: {
		product_id: string;
		category: string;
		price: number;
		currency: string;
		quantity: number;
		in_stock: boolean;
	};
}

/** A time an hour ago, whole seconds, ISO 8601 UTC (MoEngage's preferred form). */
function baseTime(): number {
	return Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
}

export function makeEvent(i: number, t0 = baseTime()): BenchEvent {
	return {
		customer_id: `bench-user-${String(i % 5000).padStart(5, '0')}`,
		action: ACTIONS[i % ACTIONS.length],
		user_time: new Date(t0 + (i % 3600) * 1000).toISOString().replace('.000Z', 'Z'),
		attributes: {
			product_id: `SKU-${100000 + ((i * 7919) % 900000)}`,
			category: CATEGORIES[i % CATEGORIES.length],
			price: Math.round(((i * 37) % 50000) + 99) / 100,
			currency: CURRENCIES[i % CURRENCIES.length],
			quantity: 1 + (i % 4),
			in_stock: i % 7 !== 0,
		},
	};
}

/**
 * Where the items come from. From a node before this one (the usual case: a trigger never feeds
 * thousands of events straight in), each item carries the `pairedItem` n8n-core gives every node's
 * output (WorkflowExecute.assignPairedItems, or the node's own). Straight from a trigger, it has none.
 * This matters to memory: n8n-core copies each input item with a new `pairedItem` while a node runs,
 * and a copy of an item without one needs room for the added property.
 */
export type ItemsFrom = 'node' | 'trigger';

export function makeEventItems(n: number, from: ItemsFrom = 'node'): INodeExecutionData[] {
	const t0 = baseTime();
	const items: INodeExecutionData[] = new Array(n);
	// Through JSON, as items usually reach a node (webhook bodies, HTTP responses): strings built
	// by concatenation would otherwise be flattened during the run, and their memory counted there.
	for (let i = 0; i < n; i++) {
		const json = JSON.parse(JSON.stringify(makeEvent(i, t0))) as IDataObject;
		items[i] = from === 'node' ? { json, pairedItem: { item: i } } : { json };
	}
	return items;
}

/** The body n8n's HTTP Request node would POST to `/v1/event/<workspace>` for one item. */
export function singleEventBody(e: BenchEvent): string {
	return JSON.stringify({
		type: 'event',
		customer_id: e.customer_id,
		actions: [{ action: e.action, attributes: e.attributes, user_time: e.user_time }],
	});
}
