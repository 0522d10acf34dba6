/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- made-up keys, never shipped */
import { readCredentials } from '../../nodes/shared/transport/credentials';
import { redact } from '../../nodes/shared/transport/redact';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('an echoed Authorization header reads "Basic [redacted]", whatever the ID length', () => {
	// "WS:" fills whole base64 groups when the ID has 3n+2 characters: the token then ends with the
	// base64 of the key alone.
	test.each(['sandbox-workspace', 'WS1X', 'ABCDEFGHIJKLMNOPQRSTUVWX'])('workspace ID %s', (workspaceId) => {
		const key = 'sandbox-data-key-0123456789';
		const { secrets } = readCredentials({ name: 'n' } as never, { dataCenter: '01', workspaceId, dataApiKey: key });
		const shown = redact(`denied; authorization: Basic ${b64(`${workspaceId}:${key}`)} (token ${b64(`${workspaceId}:${key}`)})`, secrets);
		expect(shown).toBe('denied; authorization: Basic [redacted] (token [redacted])');
	});
});
