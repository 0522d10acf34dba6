// The MoEngage sandbox (sandbox/, plain CommonJS) for the ES-module scripts.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectDir } from './project.mjs';

const require = createRequire(import.meta.url);

/** @type {typeof import('../../sandbox/index.js')} */
export const sandboxModule = require(join(projectDir, 'sandbox', 'index.js'));

/** startSandbox(options) from sandbox/ (see its README.md). */
export const startSandbox = (options) => sandboxModule.startSandbox(options);

/** The credential data that points the MoEngage API credential at a running sandbox. */
export function sandboxCredentialData(sb) {
	return {
		dataCenter: 'custom',
		baseUrl: sb.url,
		workspaceId: sb.workspaceId,
		dataApiKey: sb.dataApiKey,
		businessEventsApiKey: sb.businessEventsApiKey,
		informApiKey: sb.informApiKey,
		informTestBaseUrl: sb.informTestUrl,
	};
}
