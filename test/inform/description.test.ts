/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { MoEngageInform } from '../../nodes/MoEngageInform/MoEngageInform.node';

/**
 * The node's public surface: what workflows and AI agents are built against. A change here is a
 * change for users: update fixtures/description.json on purpose, never to make this pass.
 */
test('the node description matches the committed fixture', () => {
	const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'description.json'), 'utf8'));
	const description = JSON.parse(JSON.stringify(new MoEngageInform().description));
	expect(description).toEqual(fixture);
});
