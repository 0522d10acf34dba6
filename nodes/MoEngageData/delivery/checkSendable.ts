import { NodeOperationError } from 'n8n-workflow';

import { elementSizeProblem, jsonBytesBound, MAX_ELEMENT_BYTES, utf8Bytes } from '../../shared/validation/size';
import type { ItemScope } from '../input/itemScope';
import type { DataElement } from '../schemas/dataApi';

/**
 * Checks that the element can be sent. Usually a bound shows that it fits in a request without
 * serialising it (its text is made when its request is built); otherwise it is serialised and
 * measured now, and that text is returned to be sent.
 */
export function checkSendable(element: DataElement, scope: ItemScope): string | undefined {
	if (jsonBytesBound(element, MAX_ELEMENT_BYTES) !== undefined) return undefined;
	let serialized: string;
	try {
		serialized = JSON.stringify(element);
	} catch {
		// Only a value nested too deep for the stack (or circular) gets here.
		return scope.fail(`the ${element.type}`, {
			message: 'cannot be turned into JSON: it is nested too deeply or refers to itself',
			fix: 'Flatten the attributes: MoEngage attributes are plain values, lists or shallow objects.',
		});
	}
	const tooBig = elementSizeProblem(utf8Bytes(serialized));
	if (tooBig) {
		throw new NodeOperationError(scope.node, `Item ${scope.itemIndex}: the ${element.type} ${tooBig.message}`, {
			itemIndex: scope.itemIndex,
			description: tooBig.fix,
		});
	}
	return serialized;
}
