import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeParameterValueType } from 'n8n-workflow';

// Guarded by bench/RESULTS.md "Event → Track, 100,000 items: CPU per item" (≤ 20 µs).
/**
 * Reads node parameters per item, fast. Evaluating an expression through n8n costs about half a
 * millisecond, which a run of 100,000 items pays for every mapped parameter. So:
 * - a parameter without any expression is evaluated once (it is the same for every item);
 * - a parameter whose expressions are all plain field references, `{{ $json.field }}` or
 *   `{{ $json["field"] }}`, is resolved by reading that field of the item (what n8n would
 *   return for it);
 * - anything else goes through n8n's `getNodeParameter`.
 * Values may be shared between items: never mutate them.
 */

/** `$json.field` or `$json["field"]`: the field's name is group 1 or group 3. */
const FIELD = String.raw`\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(["'])((?:(?!\2).)+)\2\s*\])`;
const FIELD_REFERENCE = new RegExp(String.raw`^=\{\{\s*${FIELD}\s*\}\}$`);
const FIELD_USE = new RegExp(FIELD, 'g');

/** How a parameter is read: once, by field references, or by n8n. */
type Plan =
	| { kind: 'constant'; value: unknown }
	| { kind: 'fields'; read: (json: IDataObject) => unknown }
	| { kind: 'n8n' };

function rawValue(parameters: unknown, path: string): unknown {
	let current = parameters;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** The item field a whole-value expression refers to, e.g. `user_id` for `={{ $json.user_id }}`. */
function referencedField(raw: unknown): string | undefined {
	if (typeof raw !== 'string') return undefined;
	const match = FIELD_REFERENCE.exec(raw.trim());
	return match ? (match[1] ?? match[3]) : undefined;
}

/** The item's top-level fields an expression reads anywhere, e.g. `first` and `last` for `={{ $json.first + $json.last }}`. */
export function fieldsReadBy(raw: string): string[] {
	if (!raw.startsWith('=')) return [];
	return [...raw.matchAll(FIELD_USE)].map((match) => match[1] ?? match[3]);
}

/** 'none': no expression; 'fields': only field references; 'other': any other expression. */
function expressionKind(value: unknown): 'none' | 'fields' | 'other' {
	if (typeof value === 'string') {
		if (!value.startsWith('=')) return 'none';
		return referencedField(value) === undefined ? 'other' : 'fields';
	}
	let kind: 'none' | 'fields' | 'other' = 'none';
	if (value !== null && typeof value === 'object') {
		for (const child of Object.values(value)) {
			const childKind = expressionKind(child);
			if (childKind === 'other') return 'other';
			if (childKind === 'fields') kind = 'fields';
		}
	}
	return kind;
}

/** Compiles a parameter whose expressions are all field references into a reader of the item. */
function compileFields(value: unknown): (json: IDataObject) => unknown {
	if (typeof value === 'string') {
		const field = referencedField(value);
		return field === undefined ? () => value : (json) => json[field];
	}
	if (Array.isArray(value)) {
		const children = value.map(compileFields);
		return (json) => children.map((child) => child(json));
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).map(([key, child]) => [key, compileFields(child)] as const);
		return (json) => {
			const out: Record<string, unknown> = {};
			for (const [key, child] of entries) out[key] = child(json);
			return out;
		};
	}
	return () => value;
}

export class ParameterReader {
	private readonly plans = new Map<string, Plan>();
	private readonly items: INodeExecutionData[];
	// getNode() deep-copies the node on every call: read its parameters once.
	private readonly parameters: unknown;

	constructor(private readonly ctx: IExecuteFunctions) {
		this.items = ctx.getInputData();
		this.parameters = ctx.getNode().parameters;
	}

	private readonly memos = new Map<string, unknown>();

	/** A value derived from the parameters, computed once per run. */
	once<T>(key: string, compute: () => T): T {
		if (!this.memos.has(key)) this.memos.set(key, compute());
		return this.memos.get(key) as T;
	}

	/** The JSON of an input item. */
	itemJson(itemIndex: number): IDataObject {
		return this.items[itemIndex]?.json ?? {};
	}

	get<T = NodeParameterValueType>(name: string, itemIndex: number, fallback?: T): T {
		let plan = this.plans.get(name);
		if (!plan) {
			const raw = this.raw(name);
			const kind = raw === undefined ? 'none' : expressionKind(raw);
			if (kind === 'fields') plan = { kind: 'fields', read: compileFields(raw) };
			else if (kind === 'other') plan = { kind: 'n8n' };
			else plan = { kind: 'constant', value: this.ctx.getNodeParameter(name, itemIndex, fallback) };
			this.plans.set(name, plan);
		}
		if (plan.kind === 'constant') return plan.value as T;
		if (plan.kind === 'fields') {
			const value = plan.read(this.itemJson(itemIndex));
			return (value === undefined ? fallback : value) as T;
		}
		return this.ctx.getNodeParameter(name, itemIndex, fallback) as T;
	}

	/** The names of the node's top-level parameters, as saved in the workflow. */
	names(): string[] {
		const parameters = this.parameters;
		return parameters !== null && typeof parameters === 'object' ? Object.keys(parameters) : [];
	}

	/** The parameter as written in the node (expressions unevaluated). */
	raw(name: string): unknown {
		return rawValue(this.parameters, name);
	}
}
