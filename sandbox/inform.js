// @ts-check
'use strict';
/**
 * MoEngage Inform (current reference §4): `POST /v1.0/alerts/send` on the API host, and the same
 * path under INFORM_TEST_PREFIX standing in for MoEngage's test host (`sandbox-api-{dc}`).
 */
const { dataFail, newId } = require('./responses');

/** Path prefix that stands in for the Inform test host (give `<sandbox url>/inform-test` as its base URL). */
const INFORM_TEST_PREFIX = '/inform-test';

/**
 * @param {import('./state').Ctx} ctx
 * @returns {import('./responses').SandboxResponse}
 */
function handleInform(ctx) {
	return dataFail(404, 'Not Found', `Inform is not implemented in the sandbox yet (${ctx.method} ${ctx.path})`, newId());
}

module.exports = { handleInform, INFORM_TEST_PREFIX };
