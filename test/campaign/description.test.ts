/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { MoEngageCampaign } from '../../nodes/MoEngageCampaign/MoEngageCampaign.node';

/**
 * The node's public surface: names and values are saved in users' workflows, so any change here
 * must be deliberate (a new node version, never a rename). Update the fixture by hand, on purpose.
 */
describe('MoEngage Campaign: public surface', () => {
	test('the description equals the fixture (test/campaign/fixtures/description.json)', () => {
		const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'description.json'), 'utf8'));
		const description = JSON.parse(JSON.stringify(new MoEngageCampaign().description));
		expect(description).toEqual(fixture);
	});

	test('registered in package.json, with the codex file pointing at the README section', () => {
		const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toContain('dist/nodes/MoEngageCampaign/MoEngageCampaign.node.js');
		const codex = JSON.parse(
			readFileSync(join(__dirname, '..', '..', 'nodes', 'MoEngageCampaign', 'MoEngageCampaign.node.json'), 'utf8'),
		);
		expect(codex.node).toBe('n8n-nodes-moengage.moEngageCampaign');
		expect(codex.resources.primaryDocumentation[0].url).toBe(
			'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage#moengage-campaign',
		);
	});
});
