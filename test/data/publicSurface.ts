/**
 * The public surface of a node: what saved workflows and the editor rely on. Renaming a parameter or
 * an option value, changing a default or where a parameter shows breaks users' workflows.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

type Child = INodeProperties | INodePropertyOptions | INodePropertyCollection;

export interface SurfaceProperty {
	name: string;
	type?: string;
	default?: unknown;
	displayOptions?: unknown;
	/** Option values of an options parameter, or the properties inside a collection or fixedCollection. */
	options?: Array<string | number | boolean | SurfaceProperty>;
}

function surfaceOf(child: Child): SurfaceProperty | string | number | boolean {
	if ('values' in child) {
		return { name: child.name, options: child.values.map((value) => surfaceOf(value) as SurfaceProperty) };
	}
	if (!('type' in child)) return (child as INodePropertyOptions).value;
	const property: SurfaceProperty = { name: child.name, type: child.type, default: child.default };
	if (child.displayOptions) property.displayOptions = child.displayOptions;
	if (child.options) property.options = (child.options as Child[]).map(surfaceOf);
	return property;
}

export function publicSurface(description: INodeTypeDescription) {
	return {
		name: description.name,
		version: description.version,
		credentials: (description.credentials ?? []).map((credential) => credential.name),
		properties: description.properties.map(surfaceOf),
	};
}
