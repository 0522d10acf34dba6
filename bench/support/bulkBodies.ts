/**
 * Bulk bodies built ahead of a measurement: elements serialised and packed into bodies of at most
 * 100,000 bytes, in order, with the Data node's own packing and envelope (no rate caps).
 */
import { transitionBody } from '../../nodes/MoEngageData/delivery/elements';
import { packNext } from '../../nodes/MoEngageData/delivery/packRequest';
import { MAX_REQUEST_BYTES } from '../../nodes/shared/limits';
import { TRANSITION_ENVELOPE_BYTES, utf8Bytes } from '../../nodes/shared/validation/size';

export function packBodies(elements: unknown[]): string[] {
	const texts = elements.map((element) => JSON.stringify(element));
	const sized = texts.map((text) => ({ bytes: utf8Bytes(text), cost: {} }));
	const bodies: string[] = [];
	for (let start = 0; start < sized.length; ) {
		const batch = packNext(sized, start, TRANSITION_ENVELOPE_BYTES, MAX_REQUEST_BYTES, {});
		bodies.push(transitionBody(texts.slice(batch.start, batch.end)));
		start = batch.end;
	}
	return bodies;
}
