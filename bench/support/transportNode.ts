/**
 * A bench control: sends prepared bulk bodies through the same MoEngage client and n8n HTTP
 * helper the Data node uses, and hands every input item on. Run through the same harness with
 * the same bodies the Data node would send, it measures what sending costs by itself, so the
 * Data node's own work (reading, checking, serialising, packing) can be told apart from it.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { MoEngageClient } from '../../nodes/shared/transport/client';
import { runNode, sandboxCredentials, type SandboxLike } from '../../test/support/runNode';
import { controlNodeDescription, type NodeOutcome } from './dataNode';

let preparedBodies: string[] = [];

class SendPreparedBodies implements INodeType {
	description = controlNodeDescription('Send Prepared Bodies', 'benchSendPreparedBodies', {
		group: ['output'],
		credentials: [{ name: 'moEngageApi', required: true }],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await MoEngageClient.create(this, {});
		const path = `/v1/transition/${encodeURIComponent(client.workspaceId)}`;
		for (const body of preparedBodies) {
			const sent = await client.send({ path, body });
			if (!sent.ok) throw new Error(`a prepared body was refused: ${JSON.stringify(sent.failure)}`);
		}
		return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}

/** Sends `bodies` (built beforehand, outside the measurement) and passes `items` through. */
export async function runTransportOnly(
	sb: SandboxLike,
	items: INodeExecutionData[],
	bodies: string[],
	onFinished?: () => void,
): Promise<NodeOutcome> {
	preparedBodies = bodies;
	try {
		const { outputs, error } = await runNode({
			nodeType: new SendPreparedBodies(),
			parameters: {},
			items,
			credentials: sandboxCredentials(sb),
		});
		onFinished?.();
		return { outputItems: outputs[0]?.length ?? 0, errorItems: 0, error: error?.message };
	} finally {
		preparedBodies = [];
	}
}
