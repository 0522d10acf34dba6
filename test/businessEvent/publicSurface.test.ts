import codex from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node.json';
import { MoEngageBusinessEvent } from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node';
import expected from './fixtures/publicSurface.json';
import { publicSurface } from './publicSurface';

/**
 * The fixture was written from the node's description before the layout change and is edited by
 * hand only when a public name, default or option is meant to change: it never updates itself.
 */
test('the node\'s public surface (names, types, defaults, option values, displayOptions, versions, credentials) is unchanged', () => {
	expect(JSON.parse(JSON.stringify(publicSurface(new MoEngageBusinessEvent())))).toEqual(expected);
});

test('the Docs link n8n shows points at the node\'s section of the README', () => {
	expect(codex.resources.primaryDocumentation).toEqual([
		{ url: 'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage#moengage-business-event' },
	]);
	expect(codex.resources.credentialDocumentation).toEqual([
		{ url: 'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage#the-credential-moengage-api' },
	]);
});
