import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What is wrong with one field of one item, and what the user should do about it. */
export interface FieldProblem {
	/** Reads after the field's name: `is "guest", which MoEngage refuses`. */
	message: string;
	fix: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem };

export function valid<T>(value: T): Checked<T> {
	return { ok: true, value };
}

export function invalid<T = never>(message: string, fix: string): Checked<T> {
	return { ok: false, problem: { message, fix } };
}

/** `Item 3: "Customer ID" is "guest", which MoEngage refuses`, with the fix as description. */
export function itemProblemError(
	node: INode,
	itemIndex: number,
	field: string,
	problem: FieldProblem,
): NodeOperationError {
	return new NodeOperationError(node, `Item ${itemIndex}: "${field}" ${problem.message}`, {
		itemIndex,
		description: problem.fix,
	});
}

/** A short, safe rendering of a user value for a message. */
export function shown(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return String(value);
}
