import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { DeliveryStrategy } from '../delivery/strategy';
import type { ItemScope } from '../input/itemScope';
import type { ParameterReader } from '../input/parameters';
import type { RunSettings } from '../input/settings';

/** What an operation's build function gets for one item. */
export interface BuildContext {
	scope: ItemScope;
	params: ParameterReader;
	settings: RunSettings;
	workspaceId: string;
}

/** Builds (and checks) what one item sends; throws an item error for a bad item. */
export type Build<Job> = (itemIndex: number, context: BuildContext) => Job;

/** Everything about one operation: the file `actions/<resource>/<operation>.operation.ts` exports it. */
export interface DataOperation {
	/** Its entry in the resource's Operation list. */
	option: INodePropertyOptions & { value: string };
	/** Its parameters, each shown for its resource and operation only. */
	description: INodeProperties[];
	/** How its items are built and sent (../delivery/strategy.ts). */
	delivery: DeliveryStrategy;
	/**
	 * What the operation's own options change in the run's settings (read once, like the others),
	 * e.g. a rate budget of its own; default: the settings as `../input/settings.ts` reads them.
	 */
	settings?: (base: RunSettings, params: ParameterReader) => RunSettings;
}

/** A resource: its entry in the Resource list and its operations, by their option values. */
export interface DataResource {
	option: INodePropertyOptions & { value: string };
	operations: Record<string, DataOperation>;
}
