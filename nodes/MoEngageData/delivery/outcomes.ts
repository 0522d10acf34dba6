import type { IDataObject, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What became of one input item. */
export type ItemOutcome =
	| { json: IDataObject; pairedItem?: { item: number } }
	| { error: NodeApiError | NodeOperationError };

/**
 * One output item per input item, in input order, each paired with its input. A failed item
 * (Continue On Fail) carries `{ error, details }`: the message naming item and field, and the
 * fix. n8n sends items of exactly this shape to the error output when the node has one.
 */
export function toOutputItems(outcomes: ItemOutcome[]): INodeExecutionData[] {
	return Array.from(outcomes, (outcome, index) => {
		if (outcome === undefined) {
			// Every item gets an outcome; should one be missing, say so rather than drop the item.
			return { json: { error: `Item ${index} was not processed` }, pairedItem: { item: index } };
		}
		if ('json' in outcome) {
			// Successes are recorded in their final shape already (one object less per item).
			return outcome.pairedItem?.item === index ? outcome : { json: outcome.json, pairedItem: { item: index } };
		}
		const { error } = outcome;
		return {
			json: { error: error.message, ...(error.description ? { details: error.description } : {}) },
			pairedItem: { item: index },
		};
	});
}
