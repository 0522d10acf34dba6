import type { INode } from 'n8n-workflow';

import type { Checked, FieldProblem } from '../../shared/validation/problem';
import { itemProblemError } from '../../shared/validation/problem';

/** A field's name in messages; a function when building the name costs (it is needed on failure only). */
export type FieldName = string | (() => string);

export function nameOf(field: FieldName): string {
	return typeof field === 'string' ? field : field();
}

/** The item being built: turns a field's problem into an error naming the item, field and fix. */
export class ItemScope {
	constructor(
		readonly node: INode,
		readonly itemIndex: number,
		/** One clock reading per run, so every item is judged against the same "now". */
		readonly nowMs: number,
	) {}

	fail(field: FieldName, problem: FieldProblem): never {
		throw itemProblemError(this.node, this.itemIndex, nameOf(field), problem);
	}

	take<T>(field: FieldName, checked: Checked<T>): T {
		if (!checked.ok) this.fail(field, checked.problem);
		return checked.value;
	}
}
