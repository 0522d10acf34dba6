import codex from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node.json';
import { MoEngageBusinessEvent } from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node';
import expected from './fixtures/publicSurface.json';
import expectedV1 from './fixtures/publicSurface.v1.json';
import expectedV2 from './fixtures/publicSurface.v2.json';
import { publicSurface, publicSurfaceOfVersion } from './publicSurface';

/**
 * The fixture was written from the node's description before the layout change and is edited by
 * hand only when a public name, default or option is meant to change: it never updates itself.
 */
test('the node\'s public surface (names, types, defaults, option values, displayOptions, versions, credentials) is unchanged', () => {
	expect(JSON.parse(JSON.stringify(publicSurface(new MoEngageBusinessEvent())))).toEqual(expected);
});

test.each([1, 1.1])('what a workflow saved on version %s sees is what it saw before version 2 existed', (version) => {
	// publicSurface.v1.json is the node's whole surface from before version 2, without its version list.
	expect(JSON.parse(JSON.stringify(publicSurfaceOfVersion(new MoEngageBusinessEvent(), version)))).toEqual(expectedV1);
});

test('version 2\'s surface (Trigger, Get Many, Search by names or IDs, Create) is unchanged', () => {
	expect(JSON.parse(JSON.stringify(publicSurfaceOfVersion(new MoEngageBusinessEvent(), 2)))).toEqual(expectedV2);
});

test('the Docs link n8n shows points at the node\'s section of the README', () => {
	expect(codex.resources.primaryDocumentation).toEqual([
		{ url: 'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage#moengage-business-event' },
	]);
	expect(codex.resources.credentialDocumentation).toEqual([
		{ url: 'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage#the-credential-moengage-api' },
	]);
});
