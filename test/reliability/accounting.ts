/**
 * The accounting invariant of issue 8, checked the same way in every reliability test:
 *
 * 1. every input item appears exactly once in the output (by `pairedItem`), nothing else does;
 * 2. the items reported as sent are exactly the items the sandbox accepted (by a marker, usually
 *    the customer_id), except for the items a test names as the documented exceptions;
 * 3. every item reported as failed carries a reason.
 *
 * It returns what it found, so a test can also say which items failed and which were accepted twice.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { AcceptedItem, Sandbox } from '../../sandbox';

export interface Ledger {
	/** markers of the items reported as sent, in input order */
	sent: string[];
	/** markers of the items reported as failed, in input order */
	failed: string[];
	/** error message per failed marker */
	reasons: Record<string, string>;
	/** how often the sandbox accepted each marker */
	acceptedCount: Record<string, number>;
	/** markers the sandbox accepted more than once */
	duplicated: string[];
}

export interface AccountingCheck {
	/** one marker per input item, in input order (unique) */
	inputs: string[];
	/** the node's output items (the node has one output; error items under Continue On Fail) */
	output: INodeExecutionData[];
	/** one marker per item the sandbox accepted (repeats = accepted more than once) */
	accepted: string[];
	/**
	 * The honest exceptions: items reported failed although MoEngage took them (an answer lost
	 * after MoEngage processed the request, with no retry). Default: none.
	 */
	acceptedButReportedFailed?: string[];
	/** Items MoEngage took more than once (a retry after an answer was lost). Default: none. */
	duplicated?: string[];
	/** Whether an output item reports success; default: it has no `error`. */
	isSuccess?: (item: INodeExecutionData) => boolean;
}

function sorted(values: Iterable<string>): string[] {
	return [...values].sort();
}

/** Asserts the three rules and returns the ledger. */
export function expectAccounting(check: AccountingCheck): Ledger {
	const { inputs, output, accepted } = check;
	const isSuccess = check.isSuccess ?? ((item) => item.json.error === undefined);
	expect(new Set(inputs).size).toBe(inputs.length);

	// 1. Exactly one output item per input item.
	const seen = new Array<number>(inputs.length).fill(0);
	for (const item of output) {
		const paired = item.pairedItem;
		expect(paired).toEqual({ item: expect.any(Number) });
		const index = (paired as { item: number }).item;
		expect(index).toBeGreaterThanOrEqual(0);
		expect(index).toBeLessThan(inputs.length);
		seen[index]++;
	}
	expect(seen).toEqual(inputs.map(() => 1));

	// 3. Every failed item says why.
	const ledger: Ledger = { sent: [], failed: [], reasons: {}, acceptedCount: {}, duplicated: [] };
	for (const item of output) {
		const marker = inputs[(item.pairedItem as { item: number }).item];
		if (isSuccess(item)) {
			ledger.sent.push(marker);
		} else {
			expect(typeof item.json.error).toBe('string');
			expect(String(item.json.error).trim()).not.toBe('');
			ledger.failed.push(marker);
			ledger.reasons[marker] = String(item.json.error);
		}
	}
	ledger.sent = inputs.filter((m) => ledger.sent.includes(m));
	ledger.failed = inputs.filter((m) => ledger.failed.includes(m));

	// 2. Reported sent == accepted (as sets), apart from the named exceptions.
	for (const marker of accepted) ledger.acceptedCount[marker] = (ledger.acceptedCount[marker] ?? 0) + 1;
	ledger.duplicated = sorted(Object.keys(ledger.acceptedCount).filter((m) => ledger.acceptedCount[m] > 1));
	const exceptions = check.acceptedButReportedFailed ?? [];
	for (const marker of exceptions) expect(ledger.failed).toContain(marker);
	expect(sorted(new Set(accepted))).toEqual(sorted(new Set([...ledger.sent, ...exceptions])));
	expect(ledger.duplicated).toEqual(sorted(check.duplicated ?? []));
	for (const marker of accepted) expect(inputs).toContain(marker);
	return ledger;
}

/** The customer_id of each accepted Data API object (customers, events per action, devices). */
export function acceptedCustomers(sb: Sandbox, kinds?: Array<AcceptedItem['kind']>): string[] {
	return sb
		.accepted()
		.filter((a) => (kinds ? kinds.includes(a.kind) : true))
		.map((a) => String(a.customer_id));
}

/**
 * Business Event triggers accepted by the sandbox, marked by the value of one attribute of the
 * trigger body (accepted items carry only the event name).
 */
export function acceptedTriggers(sb: Sandbox, attribute: string): string[] {
	return sb
		.accepted()
		.filter((a) => a.kind === 'businessEvent')
		.map((a) => {
			const body = sb.requests[a.requestIndex].body as { event_attributes?: Record<string, unknown> };
			return String(body.event_attributes?.[attribute]);
		});
}
