/**
 * The node reads plain field references (`{{ $json.x }}`) itself instead of asking n8n's
 * expression engine (which costs about half a millisecond per item). This checks, inside a real
 * n8n-core run, that it reads exactly what n8n would.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ParameterReader } from '../../nodes/MoEngageData/input/parameters';
import { runNode } from '../support/runNode';

const PARAMETERS = {
	plain: 'constant text',
	field: '={{ $json.id }}',
	bracket: '={{ $json["user id"] }}',
	number: '={{ $json.count }}',
	object: '={{ $json.nested }}',
	missing: '={{ $json.nope }}',
	computed: '={{ $json.id + "-x" }}',
	collection: {
		attribute: [
			{ name: 'plan', value: '={{ $json.plan }}' },
			{ name: 'fixed', value: 'v' },
		],
	},
};

class ReaderProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reader Probe',
		name: 'readerProbe',
		icon: 'file:probe.svg',
		group: ['output'],
		version: 1,
		subtitle: 'probe',
		description: 'Reads every parameter both ways',
		defaults: { name: 'Reader Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: Object.keys(PARAMETERS).map((name) => ({
			displayName: name,
			name,
			type: name === 'collection' ? ('json' as const) : ('string' as const),
			default: '',
		})),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const reader = new ParameterReader(this);
		return [
			this.getInputData().map((_, i) => {
				const ours: Record<string, unknown> = {};
				const n8n: Record<string, unknown> = {};
				for (const name of Object.keys(PARAMETERS)) {
					ours[name] = reader.get(name, i, '');
					n8n[name] = this.getNodeParameter(name, i, '');
				}
				return { json: { ours, n8n } as never, pairedItem: { item: i } };
			}),
		];
	}
}

test('field references read the same values as n8n evaluates', async () => {
	const items = [
		{ id: 'u-1', 'user id': 'spaced', count: 3, nested: { a: [1, 2] }, plan: 'gold' },
		{ id: 'u-2', 'user id': '', count: 0, nested: null, plan: 7 },
	];
	const { outputs, error } = await runNode({
		nodeType: new ReaderProbe(),
		parameters: PARAMETERS,
		items: items.map((json) => ({ json })),
	});
	expect(error).toBeUndefined();
	for (const [i, item] of outputs[0].entries()) {
		const { ours, n8n } = item.json as { ours: Record<string, unknown>; n8n: Record<string, unknown> };
		expect(ours).toEqual({ ...n8n, missing: ours.missing });
		// n8n's value for a missing field is empty either way; the node treats both as "not set".
		expect([undefined, '']).toContain(n8n.missing);
		expect(ours.missing).toBe('');
		expect(ours.field).toBe(items[i].id);
	}
});
