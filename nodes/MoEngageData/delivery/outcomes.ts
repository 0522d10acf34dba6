import type { IDataObject, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What became of one input item. */
type ItemOutcome = { json: IDataObject; pairedItem?: { item: number } } | { error: NodeApiError | NodeOperationError };

/**
 * What became of each input item of a run. Without Continue On Fail the first failed item stops
 * the run with its error; with it, the item becomes an error item and the others go on.
 */
export class ItemOutcomes {
	private readonly outcomes: ItemOutcome[];
	/** Items MoEngage accepted so far (errors say how many went out before them). */
	accepted = 0;

	constructor(
		itemCount: number,
		readonly continueOnFail: boolean,
	) {
		this.outcomes = new Array<ItemOutcome>(itemCount);
	}

	succeed(itemIndex: number, json: IDataObject): void {
		this.accepted++;
		this.outcomes[itemIndex] = { json, pairedItem: { item: itemIndex } };
	}

	/** Records the item's error; without Continue On Fail, stops the run with it. */
	fail(itemIndex: number, error: NodeApiError | NodeOperationError): void {
		if (!this.continueOnFail) throw error;
		this.outcomes[itemIndex] = { error };
	}

	/**
	 * One output item per input item, in input order, each paired with its input. A failed item
	 * (Continue On Fail) carries `{ error, details }`: the message naming item and field, and the
	 * fix. n8n sends items of exactly this shape to the error output when the node has one.
	 */
	toOutputItems(): INodeExecutionData[] {
		return Array.from(this.outcomes, (outcome, index) => {
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
}
