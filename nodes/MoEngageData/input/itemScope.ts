import type { INode } from 'n8n-workflow';

import type { Checked, FieldProblem } from '../../shared/validation/problem';
import { itemProblemError } from '../../shared/validation/problem';

/** A field's name in messages; a function when building the name costs (it is needed on failure only). */
export type FieldName = string | (() => string);

export function nameOf(field: FieldName): string {
	return typeof field === 'string' ? field : field();
}

/** Values a run sends as they are although they look like something else; shown once as an execution hint. */
export class RunNotes {
	/** attribute name → the first item and value seen */
	readonly slashDates = new Map<string, { itemIndex: number; value: string }>();

	/** A text attribute that reads like a date written with slashes, which MoEngage keeps as text. */
	slashDate(name: string, itemIndex: number, value: string): void {
		if (!this.slashDates.has(name)) this.slashDates.set(name, { itemIndex, value });
	}
}

/** The item being built: turns a field's problem into an error naming the item, field and fix. */
export class ItemScope {
	constructor(
		readonly node: INode,
		readonly itemIndex: number,
		/** One clock reading per run, so every item is judged against the same "now". */
		readonly nowMs: number,
		readonly notes: RunNotes = new RunNotes(),
	) {}

	fail(field: FieldName, problem: FieldProblem): never {
		throw itemProblemError(this.node, this.itemIndex, nameOf(field), problem);
	}

	take<T>(field: FieldName, checked: Checked<T>): T {
		if (!checked.ok) this.fail(field, checked.problem);
		return checked.value;
	}
}
