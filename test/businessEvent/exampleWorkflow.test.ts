/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters, ResourceMapperField } from 'n8n-workflow';

import { MoEngageBusinessEvent } from '../../nodes/MoEngageBusinessEvent/MoEngageBusinessEvent.node';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { loadOptionsContext } from './helpers';

/**
 * The example workflows `npm start` opens must match what the node loads today: n8n's editor
 * compares every stored attribute field with the loaded one on these properties and shows
 * "Attributes are outdated" on any difference.
 */
const COMPARED: Array<keyof ResourceMapperField> = ['id', 'displayName', 'type', 'required', 'defaultMatch', 'display', 'canBeUsedToMatch'];
const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

interface StoredNode {
	name: string;
	type: string;
	parameters: INodeParameters & { eventAttributes?: { schema?: ResourceMapperField[] } };
}

const mapperNodes = readdirSync(EXAMPLES_DIR)
	.filter((file) => /^example-.*\.json$/.test(file))
	.flatMap((file) => {
		const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as { nodes: StoredNode[] };
		return workflow.nodes
			.filter((node) => node.type === 'n8n-nodes-moengage.moEngageBusinessEvent' && node.parameters.eventAttributes)
			.map((node): [string, StoredNode] => [`${file}: ${node.name}`, node]);
	});

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => sb.close());

test('at least one example workflow maps business event attributes', () => {
	expect(mapperNodes.length).toBeGreaterThan(0);
});

test.each(mapperNodes)('%s stores the attribute fields the node loads (no "Attributes are outdated")', async (_, node) => {
	const { methods } = new MoEngageBusinessEvent();
	const { fields } = await methods.resourceMapping.getAttributeSchema.call(loadOptionsContext(sb, node.parameters));
	const pick = (field: ResourceMapperField) => Object.fromEntries(COMPARED.map((key) => [key, field[key]]));
	expect((node.parameters.eventAttributes?.schema ?? []).map(pick)).toEqual(fields.map(pick));
});
