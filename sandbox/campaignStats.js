// @ts-check
'use strict';
/** MoEngage campaign stats (current reference §6): `POST /core-services/v1/campaign-stats`. */
const { dataFail, newId } = require('./responses');

/**
 * @param {import('./state').Ctx} ctx
 * @returns {import('./responses').SandboxResponse}
 */
function handleCampaignStats(ctx) {
	return dataFail(404, 'Not Found', `Campaign stats are not implemented in the sandbox yet (${ctx.method} ${ctx.path})`, newId());
}

module.exports = { handleCampaignStats };
