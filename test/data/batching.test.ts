/**
 * Batching: items are packed into bulk imports of at most 100,000 bytes (measured on the bytes
 * sent), in as few requests as those bytes need, each item in exactly one request.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_REQUEST_BYTES } from '../../nodes/shared/limits';
import type { RecordedRequest } from '../../sandbox';
import type { DataRun } from './helpers';
import { output, runData, useSandbox } from './helpers';

const sb = useSandbox();

const ENVELOPE = Buffer.byteLength('{"type":"transition","elements":[]}');

function eventRun(items: IDataObject[], options: IDataObject = {}, continueOnFail = false): DataRun {
	return {
		resource: 'event',
		operation: 'track',
		parameters: {
			customerId: '={{ $json.id }}',
			eventName: 'Viewed',
			attributesMode: 'json',
			attributesJson: '={{ JSON.stringify({ page: $json.page }) }}',
		},
		options,
		items,
		continueOnFail,
	};
}

function elementsOf(request: RecordedRequest): IDataObject[] {
	return (request.body as { elements: IDataObject[] }).elements;
}

/** A deterministic pseudo-random sequence, so sizes vary the same way on every run. */
function lengths(count: number, seed: number, max: number): number[] {
	let x = seed;
	return Array.from({ length: count }, () => {
		x = (x * 1103515245 + 12345) % 2 ** 31;
		return 1 + (x % max);
	});
}

test('1,000 equal events take exactly the requests their bytes need, each item once', async () => {
	const n = 1000;
	const items = Array.from({ length: n }, (_, i) => ({
		id: `user-${String(i).padStart(4, '0')}`,
		page: `/catalog/${'p'.repeat(120)}`,
	}));
	const outputs = output(await runData(sb, eventRun(items)));

	const requests = sb.requests;
	expect(requests.every((r) => r.path === '/v1/transition/SANDBOXWORKSPACE' && r.status === 200)).toBe(true);
	const sizes = requests.flatMap((r) => elementsOf(r).map((e) => Buffer.byteLength(JSON.stringify(e))));
	expect(new Set(sizes).size).toBe(1);
	const perRequest = Math.floor((MAX_REQUEST_BYTES - ENVELOPE + 1) / (sizes[0] + 1));
	expect(requests).toHaveLength(Math.ceil(n / perRequest));
	expect(requests.length).toBeGreaterThan(1);

	for (const r of requests) {
		expect(r.bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
		expect(r.bytes).toBe(Buffer.byteLength(r.rawBody));
	}
	// Every item exactly once at MoEngage, and its output names the request and position.
	expect(sb.accepted().map((a) => a.customer_id)).toEqual(items.map((i) => i.id));
	outputs.forEach((item, i) => {
		const carrier = requests[item.json.requestIndex as number];
		expect(elementsOf(carrier)[item.json.elementIndex as number].customer_id).toBe(items[i].id);
		expect(item.json.requestId).toBe(carrier.requestId);
		expect(item.pairedItem).toEqual({ item: i });
	});
});

test('elements of varying size: no request over 100,000 bytes, and none could have taken the next element', async () => {
	const items = lengths(400, 7, 3000).map((len, i) => ({ id: `user-${i}`, page: 'x'.repeat(len) }));
	const outputs = output(await runData(sb, eventRun(items)));
	const requests = sb.requests;
	expect(requests.length).toBeGreaterThan(3);
	for (let k = 0; k < requests.length; k++) {
		expect(requests[k].bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
		if (k + 1 < requests.length) {
			const next = Buffer.byteLength(JSON.stringify(elementsOf(requests[k + 1])[0]));
			expect(requests[k].bytes + 1 + next).toBeGreaterThan(MAX_REQUEST_BYTES);
		}
	}
	expect(sb.accepted().map((a) => a.customer_id)).toEqual(items.map((i) => i.id));
	expect(outputs.every((o) => o.json.status === 'success')).toBe(true);
});

test('elements sized while checking and elements sized when their request is built pack alike', async () => {
	// Pages over ~16,000 characters pass what the size bound can clear, so those elements are
	// serialised while checking; the others only when their request is built. 'é' takes 2 bytes.
	const items = lengths(60, 11, 40_000).map((len, i) => ({ id: `user-${i}`, page: (i % 3 === 0 ? 'é' : 'x').repeat(len) }));
	expect(items.filter((i) => i.page.length > 17_000).length).toBeGreaterThan(10);
	expect(items.filter((i) => i.page.length < 15_000).length).toBeGreaterThan(10);
	const outputs = output(await runData(sb, eventRun(items)));
	const requests = sb.requests;
	for (let k = 0; k < requests.length; k++) {
		expect(requests[k].bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
		if (k + 1 < requests.length) {
			const next = Buffer.byteLength(JSON.stringify(elementsOf(requests[k + 1])[0]));
			expect(requests[k].bytes + 1 + next).toBeGreaterThan(MAX_REQUEST_BYTES);
		}
	}
	// Every item once, in order, with the page as given.
	const sent = requests.flatMap(elementsOf) as Array<{ customer_id: string; actions: Array<{ attributes: IDataObject }> }>;
	expect(sent.map((e) => [e.customer_id, e.actions[0].attributes.page])).toEqual(items.map((i) => [i.id, i.page]));
	expect(outputs.every((o) => o.json.status === 'success')).toBe(true);
});

test('an element of exactly the largest size goes out in a request of exactly 100,000 bytes', async () => {
	const base = Buffer.byteLength(
		JSON.stringify({ type: 'event', customer_id: 'u-edge', actions: [{ action: 'Viewed', attributes: { page: '' } }] }),
	);
	const fits = 'y'.repeat(MAX_REQUEST_BYTES - ENVELOPE - base);
	const items = [
		{ id: 'u-edge', page: fits },
		{ id: 'u-edge', page: `${fits}y` },
	];
	const outputs = output(await runData(sb, eventRun(items, {}, true)));
	expect(sb.requests.map((r) => r.bytes)).toEqual([MAX_REQUEST_BYTES]);
	expect(outputs[0].json.status).toBe('success');
	const tooBig = (MAX_REQUEST_BYTES - ENVELOPE + 1).toLocaleString('en-US');
	expect(outputs[1].json.error).toBe(
		`Item 1: the event is ${tooBig} bytes once serialised; MoEngage takes at most 100,000 bytes per request`,
	);
});

test("Batch off: one request per item, to the event endpoint, with MoEngage's answer each", async () => {
	const items = Array.from({ length: 20 }, (_, i) => ({ id: `user-${i}`, page: '/home' }));
	const outputs = output(await runData(sb, eventRun(items, { batch: false })));
	expect(sb.requests).toHaveLength(20);
	expect(sb.requests.every((r) => r.path === '/v1/event/SANDBOXWORKSPACE')).toBe(true);
	outputs.forEach((item, i) => {
		expect(item.json).toMatchObject({
			status: 'success',
			requestIndex: i,
			batchSize: 1,
			requestId: sb.requests[i].requestId,
		});
		expect(item.json.message).toEqual(expect.any(String));
	});
	expect(sb.accepted().map((a) => a.customer_id)).toEqual(items.map((i) => i.id));
});

test('user updates are packed up to the per-window user budget, never more', async () => {
	const items = Array.from({ length: 250 }, (_, i) => ({ id: `user-${i}` }));
	await runData(sb, {
		resource: 'user',
		operation: 'createOrUpdate',
		parameters: { customerId: '={{ $json.id }}', attributesMode: 'fields' },
		options: { usersPerMinute: 6000, rateWindowSeconds: 1 },
		items,
	});
	// 250 tiny users fit in one request by bytes, but MoEngage would refuse 250 users in a
	// window that allows 100 (6,000 a minute over 1-second windows): requests of 100, 100 and 50 instead (the pacer spaces them).
	expect(sb.requests.map((r) => elementsOf(r).length)).toEqual([100, 100, 50]);
});

describe('a bulk request that fails', () => {
	const items = lengths(120, 3, 2000).map((len, i) => ({ id: `user-${i}`, page: 'z'.repeat(len + 1000) }));

	test('under Continue On Fail marks every item it carried as failed; the other requests go out', async () => {
		sb.injectFaults({ kind: 'status', status: 500, pathPrefix: '/v1/transition' });
		const outputs = output(await runData(sb, eventRun(items, { maxAttempts: 1 }, true)));
		expect(sb.requests.map((r) => r.status)).toEqual([500, ...sb.requests.slice(1).map(() => 200)]);
		const carried = sb.requests.length > 1 ? outputs.findIndex((o) => o.json.status === 'success') : items.length;
		expect(carried).toBeGreaterThan(0);
		outputs.slice(0, carried).forEach((o) => {
			expect(o.json.error).toMatch(/^MoEngage: /);
			expect(o.json.details).toContain(`Bulk request 0 carried ${carried} item(s) (items 0 to ${carried - 1})`);
		});
		expect(outputs.slice(carried).every((o) => o.json.status === 'success')).toBe(true);
		expect(sb.accepted().map((a) => a.customer_id)).toEqual(items.slice(carried).map((i) => i.id));
	});

	test('without Continue On Fail stops with a NodeApiError naming the first item of the request', async () => {
		sb.injectFaults({ kind: 'status', status: 500, pathPrefix: '/v1/transition' });
		const result = await runData(sb, eventRun(items, { maxAttempts: 1 }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(result.error?.description).toContain('Bulk request 0 carried');
		expect(sb.requests).toHaveLength(1);
	});

	test('is retried by the client when MoEngage answers 5xx, without duplicating items', async () => {
		sb.injectFaults({ kind: 'status', status: 503, pathPrefix: '/v1/transition' });
		const outputs = output(await runData(sb, eventRun(items, { maxAttempts: 3 })));
		expect(sb.requests[0].status).toBe(503);
		expect(outputs.every((o) => o.json.status === 'success')).toBe(true);
		expect(sb.accepted().map((a) => a.customer_id)).toEqual(items.map((i) => i.id));
	});
});
