/**
 * Bulk bodies built ahead of a measurement: elements serialised and packed into bodies of at most
 * 100,000 bytes, in order, with the Data node's own packing and envelope (no rate caps).
 */
import { packBatches } from '../../nodes/MoEngageData/delivery/packBatches';
import { transitionBody } from '../../nodes/MoEngageData/delivery/sendElements';
import { MAX_REQUEST_BYTES } from '../../nodes/shared/limits';
import { TRANSITION_ENVELOPE_BYTES, utf8Bytes } from '../../nodes/shared/validation/size';

export function packBodies(elements: unknown[]): string[] {
	const texts = elements.map((element) => JSON.stringify(element));
	const sized = texts.map((text) => ({ bytes: utf8Bytes(text), cost: {} }));
	return packBatches(sized, TRANSITION_ENVELOPE_BYTES, MAX_REQUEST_BYTES, {}).map((batch) =>
		transitionBody(texts.slice(batch.start, batch.end)),
	);
}
