// @ts-check
'use strict';
/**
 * Response bodies in MoEngage's documented shapes, and request ids.
 */
const crypto = require('node:crypto');
const http = require('node:http');

const PROCESS_TAG = crypto.randomBytes(3).toString('hex');
let counter = 0;

/**
 * A unique 24-hex-character id, shaped like the ids in MoEngage's sample answers.
 * @returns {string}
 */
function newId() {
	counter += 1;
	const secs = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0').slice(-8);
	return secs + PROCESS_TAG + counter.toString(16).padStart(10, '0');
}

const DATA_SUCCESS_MESSAGE = 'Your request has been accepted and will be processed soon.';

/**
 * @typedef {{ status: number, body: unknown, headers?: Record<string, string> }} SandboxResponse
 */

/**
 * @param {string} requestId
 * @returns {SandboxResponse}
 */
function dataSuccess(requestId) {
	return { status: 200, body: { status: 'success', message: DATA_SUCCESS_MESSAGE, request_id: requestId } };
}

/**
 * @param {number} status
 * @param {string} type
 * @param {string} message
 * @param {string} requestId
 * @returns {SandboxResponse}
 */
function dataFail(status, type, message, requestId) {
	return { status, body: { status: 'fail', error: { type, message, request_id: requestId } } };
}

/**
 * @typedef {{ code: string, target: string, message: unknown }} BeErrorDetail
 */

/**
 * Business Events error body: {"error":{"code","message","details":[...],"request_id"}}.
 * @param {number} status
 * @param {string} message
 * @param {BeErrorDetail[]} details
 * @param {string} requestId
 * @returns {SandboxResponse}
 */
function beError(status, message, details, requestId) {
	const code = `${status} ${status === 401 ? 'Authentication error' : http.STATUS_CODES[status] || 'Error'}`;
	return { status, body: { error: { code, message, details, request_id: requestId } } };
}

/**
 * One-detail 400 in the Business Events shape.
 * @param {string} message top-level message
 * @param {string} target
 * @param {string} [detailMessage] defaults to `message`
 * @param {string} [detailCode] defaults to 'InvalidValue'
 * @param {string} [requestId]
 * @returns {SandboxResponse}
 */
function be400(message, target, detailMessage, detailCode, requestId) {
	return beError(
		400,
		message,
		[{ code: detailCode || 'InvalidValue', target, message: detailMessage === undefined ? message : detailMessage }],
		requestId || newId(),
	);
}

/** @returns {object} */
function dataRateLimitBody() {
	return {
		status: 'fail',
		error: { type: 'Rate Limit Exceeded', message: 'Rate Limits for User / Event exceeded', request_id: newId() },
	};
}

/** @returns {object} */
function beRateLimitBody() {
	return {
		status: 'error',
		data: { code: 429, title: 'rate limiter exception', description: 'Exceeded rate limit for this app' },
	};
}

/**
 * Documented 500 body, and the same shape for other 5xx.
 * @param {number} status
 * @returns {object}
 */
function serverErrorBody(status) {
	if (status === 500) {
		return {
			title: 'Internal Server Error',
			message: 'An unexpected error was encountered while processing this request. Please contact MoEngage Team',
		};
	}
	if (status === 503) {
		return {
			title: 'Service Unavailable',
			message: 'The service is temporarily unable to process this request. Please try again later.',
		};
	}
	return {
		title: http.STATUS_CODES[status] || 'Server Error',
		message: 'An unexpected error was encountered while processing this request. Please contact MoEngage Team',
	};
}

/**
 * Default body of a `{kind:'status'}` fault without a body.
 * @param {number} status
 * @param {import('./state').Family} family
 * @returns {unknown}
 */
function defaultFaultBody(status, family) {
	if (family === 'campaignStats') {
		// Campaign stats answer {title, description, code} (reference §6).
		const title = status === 429 ? 'Rate Limit Exceeded' : status >= 500 ? 'Server Error' : http.STATUS_CODES[status] || 'Error';
		return { title, description: null, code: title.toUpperCase().replace(/[^A-Z0-9]+/g, '_') };
	}
	if (status === 429) return family === 'businessEvents' ? beRateLimitBody() : dataRateLimitBody();
	if (status >= 500) return serverErrorBody(status);
	const reason = http.STATUS_CODES[status] || 'Error';
	if (family === 'businessEvents') {
		return beError(status, reason, [{ code: 'InvalidValue', target: 'request', message: reason }], newId()).body;
	}
	return dataFail(status, reason, reason, newId()).body;
}

module.exports = {
	newId,
	DATA_SUCCESS_MESSAGE,
	dataSuccess,
	dataFail,
	beError,
	be400,
	dataRateLimitBody,
	beRateLimitBody,
	serverErrorBody,
	defaultFaultBody,
};
