import { NodeOperationError } from 'n8n-workflow';

import { elementSizeProblem, jsonBytesBound, MAX_ELEMENT_BYTES, utf8Bytes } from '../../shared/validation/size';
import { MAX_REQUEST_BYTES } from '../../shared/limits';
import type { ItemScope } from '../input/itemScope';
import { MAX_SINGLE_REQUEST_BYTES } from '../limits';
import type { DataElement } from '../schemas/dataApi';

/**
 * Checks that the element can be sent: alone (Batch off, MoEngage's 128 KB for its own endpoint)
 * or in a bulk import (100 KB, the bulk envelope included). Usually a bound shows that it fits in a request without
 * serialising it (its text is made when its request is built); otherwise it is serialised and
 * measured now, and that text is returned to be sent.
 */
export function checkSendable(element: DataElement, scope: ItemScope, alone: boolean): string | undefined {
	const maxBytes = alone ? MAX_SINGLE_REQUEST_BYTES : MAX_ELEMENT_BYTES;
	if (jsonBytesBound(element, maxBytes) !== undefined) return undefined;
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
	const tooBig = elementSizeProblem(utf8Bytes(serialized), maxBytes, alone ? MAX_SINGLE_REQUEST_BYTES : MAX_REQUEST_BYTES);
	if (tooBig) {
		throw new NodeOperationError(scope.node, `Item ${scope.itemIndex}: the ${element.type} ${tooBig.message}`, {
			itemIndex: scope.itemIndex,
			description: tooBig.fix,
		});
	}
	return serialized;
}
