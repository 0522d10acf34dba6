import type { FieldProblem } from '../../shared/validation/problem';

/** Deeper values are refused with a clear error before they can exhaust the stack. */
const MAX_ATTRIBUTE_DEPTH = 128;

/**
 * Finds what JSON cannot carry faithfully in an attribute value: NaN and ±Infinity (JSON sends
 * them as null, which would clear the attribute) and nesting deeper than MAX_ATTRIBUTE_DEPTH.
 */
export function attributeValueProblem(value: unknown, depth = 0): FieldProblem | undefined {
	if (typeof value === 'number') {
		return Number.isFinite(value)
			? undefined
			: {
					message: `is ${String(value)}, which JSON cannot carry (it would be sent as null)`,
					fix: 'Give a finite number, or leave the attribute out.',
				};
	}
	if (value === null || typeof value !== 'object') return undefined;
	if (depth >= MAX_ATTRIBUTE_DEPTH) {
		return {
			message: `is nested deeper than ${MAX_ATTRIBUTE_DEPTH} levels`,
			fix: 'Flatten the value: MoEngage attributes are plain values, lists or shallow objects.',
		};
	}
	const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
	for (const child of children) {
		const problem = attributeValueProblem(child, depth + 1);
		if (problem) return problem;
	}
	return undefined;
}
