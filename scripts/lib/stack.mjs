// The whole local stack `npm start` and the end-to-end tests run on: the provisioned runtime,
// the package built and installed from its tarball, the MoEngage sandbox, n8n, an owner login,
// an API key and a "MoEngage API" credential pointing at the sandbox.
import { dirname } from 'node:path';
import { provision } from '../provision.mjs';
import { N8nClient, OWNER } from './api.mjs';
import { n8nLogFile, packageLoadErrors, startN8n } from './n8n.mjs';
import { buildAndPack, installPackage, PACKAGE_NAME } from './pack.mjs';
import { freePort } from './project.mjs';
import { sandboxCredentialData, startSandbox } from './sandbox.mjs';
import { CREDENTIAL_TYPE } from './workflows.mjs';

export const CREDENTIAL_NAME = 'MoEngage sandbox';

/**
 * Starts everything. `say(message)` reports progress. Ports: the preferred ones when free,
 * otherwise random. `n8nEnv`: extra environment for n8n (e.g. its expression-engine settings);
 * `tarball`: a package tarball already built (default: MOENGAGE_TARBALL, else build one).
 * Returns the parts and `stop()`.
 */
export async function startStack({
	userFolder,
	packDir,
	n8nPort: preferredN8nPort,
	sandboxPort: preferredSandboxPort,
	sandboxOptions = {},
	onN8nLine,
	n8nEnv,
	tarball = process.env.MOENGAGE_TARBALL,
	apiKeyLabel,
	say = () => {},
}) {
	const stack = { stopped: false };
	stack.stop = async () => {
		if (stack.stopped) return;
		stack.stopped = true;
		await stack.n8n?.stop();
		await stack.sandbox?.close();
	};
	try {
		say('provisioning Node 24 and n8n (cached after the first run)');
		stack.runtime = await provision();

		if (tarball) {
			say(`installing ${tarball} into n8n (no build)`);
			stack.tarball = tarball;
		} else {
			say('building the package and installing its tarball into n8n');
			stack.tarball = buildAndPack(packDir);
		}
		stack.installedDir = installPackage(userFolder, stack.tarball);

		const sandboxPort = await freePort(preferredSandboxPort);
		stack.sandbox = await startSandbox({ port: sandboxPort, ...sandboxOptions });
		say(`MoEngage sandbox listening on ${stack.sandbox.url}`);

		const n8nPort = await freePort(preferredN8nPort, [sandboxPort]);
		const brokerPort = await freePort(undefined, [sandboxPort, n8nPort]);
		say(`starting n8n on http://127.0.0.1:${n8nPort} (log: ${n8nLogFile(userFolder)})`);
		stack.n8n = await startN8n({
			runtime: stack.runtime,
			userFolder,
			port: n8nPort,
			brokerPort,
			logFile: n8nLogFile(userFolder),
			onLine: onN8nLine,
			extraEnv: n8nEnv,
		});

		stack.client = new N8nClient(stack.n8n.url);
		stack.ownerCreated = await stack.client.ensureOwner(OWNER);
		const credentialTypes = await stack.client.credentialTypes();
		if (!credentialTypes.some((c) => c.name === CREDENTIAL_TYPE)) {
			const problems = packageLoadErrors(stack.n8n.log(), PACKAGE_NAME, [dirname(stack.runtime.n8nDir)]);
			throw new Error(
				`n8n did not load ${PACKAGE_NAME} (installed in ${stack.installedDir}):\n${problems.join('\n') || stack.n8n.tail(20)}`,
			);
		}
		await stack.client.createApiKey(apiKeyLabel);
		stack.credential = await stack.client.upsertCredential({
			name: CREDENTIAL_NAME,
			type: CREDENTIAL_TYPE,
			data: sandboxCredentialData(stack.sandbox),
		});
		return stack;
	} catch (error) {
		await stack.stop();
		throw error;
	}
}
