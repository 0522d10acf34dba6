// @ts-check
'use strict';
/**
 * FIFO queue of injected faults; each fault is consumed by one matching request.
 */

/**
 * @typedef {{ kind: 'status', status: number, body?: object | string, headers?: Record<string, string>,
 *   retryAfter?: number | null, pathPrefix?: string }} StatusFault
 * @typedef {{ kind: 'reset', afterProcessing?: boolean, pathPrefix?: string }} ResetFault
 * @typedef {{ kind: 'delay', ms: number, pathPrefix?: string }} DelayFault
 * @typedef {{ kind: 'hang', pathPrefix?: string }} HangFault
 * @typedef {StatusFault | ResetFault | DelayFault | HangFault} Fault
 */

const KINDS = new Set(['status', 'reset', 'delay', 'hang']);

/**
 * @param {unknown} f
 * @returns {Fault}
 */
function checkFault(f) {
	if (!f || typeof f !== 'object') throw new TypeError('sandbox: a fault must be an object');
	const fault = /** @type {Fault} */ (f);
	if (!KINDS.has(fault.kind)) throw new TypeError(`sandbox: unknown fault kind ${JSON.stringify(fault.kind)}`);
	if (fault.kind === 'status' && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
		throw new TypeError('sandbox: a status fault needs an HTTP status (100..599)');
	}
	if (fault.kind === 'delay' && !(typeof fault.ms === 'number' && fault.ms >= 0)) {
		throw new TypeError('sandbox: a delay fault needs ms >= 0');
	}
	if (fault.pathPrefix !== undefined && typeof fault.pathPrefix !== 'string') {
		throw new TypeError('sandbox: pathPrefix must be a string');
	}
	return { ...fault };
}

class FaultQueue {
	constructor() {
		/** @type {Fault[]} */
		this.queue = [];
	}

	/** @param {Fault[]} faults */
	push(faults) {
		for (const f of faults) this.queue.push(checkFault(f));
	}

	/**
	 * Removes and returns the first fault that applies to `path`.
	 * @param {string} path
	 * @returns {Fault | undefined}
	 */
	take(path) {
		if (this.queue.length === 0) return undefined;
		const i = this.queue.findIndex((f) => f.pathPrefix === undefined || path.startsWith(f.pathPrefix));
		if (i < 0) return undefined;
		return this.queue.splice(i, 1)[0];
	}

	clear() {
		this.queue.length = 0;
	}

	get pending() {
		return this.queue.length;
	}
}

module.exports = { FaultQueue, checkFault };
