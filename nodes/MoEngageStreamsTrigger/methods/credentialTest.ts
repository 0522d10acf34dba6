import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { checkBasicCredential, checkHeaderCredential } from '../webhook/callerCredentials';

/**
 * Run by n8n when a Streams auth credential is saved (`testedBy` in the node description). The
 * credentials are for inbound calls, so there is nothing to call: the test checks the values the
 * webhook will need, with the same rules, so a credential that saves green also works there.
 */
export const credentialTest = {
	async streamsBasicAuthCheck(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const checked = checkBasicCredential(credential.data);
		return checked.ok
			? { status: 'OK', message: 'Ready: give MoEngage support this user and password' }
			: { status: 'Error', message: `Not usable: ${checked.problem}` };
	},

	async streamsHeaderAuthCheck(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const checked = checkHeaderCredential(credential.data);
		return checked.ok
			? { status: 'OK', message: 'Ready: give MoEngage support this header name and value' }
			: { status: 'Error', message: `Not usable: ${checked.problem}` };
	},
};
