import type { PaceCost } from '../../shared/transport/pacer';
import { utf8Bytes } from '../../shared/validation/size';
import type { DataElement } from '../schemas/dataApi';
import type { Packable } from './packRequest';

/** An element's JSON text as sent, with its size and what it counts against the rates. */
export interface SerializedElement extends Packable {
	text: string;
}

// Shared, never mutated: packing copies a cost before adding to it.
const ONE_USER: PaceCost = { users: 1 };
const ONE_DEVICE: PaceCost = { devices: 1 };
const ONE_EVENT: PaceCost = { events: 1 };

function costOf(element: DataElement): PaceCost {
	if (element.type === 'customer') return ONE_USER;
	if (element.type === 'event') return element.actions.length === 1 ? ONE_EVENT : { events: element.actions.length };
	return ONE_DEVICE;
}

// Guarded by bench/RESULTS.md "Bulk → Import: live heap growth per 1,000 items" (and Event → Track's).
/**
 * The checked elements of a run, in input order, until each is sent. A run of 100,000 items holds
 * them all at once, so they are kept lean: two lists sized once, and no object or JSON text of our
 * own per element. Its text is made when its request is built, and it is let go once sent.
 */
export class CheckedElements {
	private readonly elements: Array<DataElement | undefined>;
	private readonly itemIndexes: Int32Array;
	private count = 0;
	/** Texts made while checking (for elements only serialising could size), until sent. */
	private readonly texts = new Map<number, string>();

	/** `capacity`: the run's item count, which no run of elements can pass. */
	constructor(capacity: number) {
		this.elements = new Array<DataElement | undefined>(capacity);
		this.itemIndexes = new Int32Array(capacity);
	}

	get length(): number {
		return this.count;
	}

	add(itemIndex: number, element: DataElement, text?: string): void {
		// An Int32Array ignores writes past its end: fail loudly instead of losing an item's index.
		if (this.count >= this.itemIndexes.length) throw new Error('More elements than the run has items');
		if (text !== undefined) this.texts.set(this.count, text);
		this.elements[this.count] = element;
		this.itemIndexes[this.count] = itemIndex;
		this.count++;
	}

	itemIndexAt(position: number): number {
		return this.itemIndexes[position];
	}

	private elementAt(position: number): DataElement {
		const element = this.elements[position];
		if (element === undefined) throw new Error(`Element ${position} was sent already`);
		return element;
	}

	typeAt(position: number): DataElement['type'] {
		return this.elementAt(position).type;
	}

	/** The element's JSON text, exactly as it will be sent. */
	serialize(position: number): SerializedElement {
		const element = this.elementAt(position);
		const text = (this.texts.size > 0 ? this.texts.get(position) : undefined) ?? JSON.stringify(element);
		return { text, bytes: utf8Bytes(text), cost: costOf(element) };
	}

	/** The element is sent: lets it and its text go, and returns it (its item's output shows part of it). */
	release(position: number): DataElement {
		const element = this.elementAt(position);
		this.elements[position] = undefined;
		this.texts.delete(position);
		return element;
	}
}
