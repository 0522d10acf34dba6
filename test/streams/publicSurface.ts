/**
 * The parts of the Streams Trigger's description that saved workflows and MoEngage's set-up depend
 * on: parameter names, types, defaults and option values (recursively), the node's name and
 * versions, the credential types, and the webhook path (part of the URL MoEngage posts to).
 * Display texts are left out: they may change freely.
 */
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

export interface PropertySurface {
	name: string;
	type: string;
	default: unknown;
	/** option values of options / multiOptions */
	values?: unknown[];
	/** children of a collection, or the groups of a fixedCollection */
	children?: PropertySurface[];
}

function isPropertyOption(option: unknown): option is INodePropertyOptions {
	return typeof option === 'object' && option !== null && 'value' in option;
}

function isCollectionGroup(option: unknown): option is INodePropertyCollection {
	return typeof option === 'object' && option !== null && 'values' in option && !('type' in option);
}

function propertySurface(property: INodeProperties): PropertySurface {
	const surface: PropertySurface = { name: property.name, type: property.type, default: property.default };
	const options = property.options ?? [];
	if (property.type === 'options' || property.type === 'multiOptions') {
		surface.values = options.filter(isPropertyOption).map((option) => option.value);
	} else if (property.type === 'collection') {
		surface.children = (options as INodeProperties[]).map(propertySurface);
	} else if (property.type === 'fixedCollection') {
		surface.children = options.filter(isCollectionGroup).map((group) => ({
			name: group.name,
			type: 'fixedCollectionGroup',
			default: undefined,
			children: group.values.map(propertySurface),
		}));
	}
	return surface;
}

export function publicSurface(description: INodeTypeDescription) {
	return {
		name: description.name,
		version: description.version,
		defaultVersion: description.defaultVersion,
		credentials: (description.credentials ?? []).map((credential) => ({
			name: credential.name,
			shownFor: credential.displayOptions?.show ?? null,
		})),
		webhooks: (description.webhooks ?? []).map((webhook) => ({
			name: webhook.name,
			httpMethod: webhook.httpMethod,
			path: webhook.path,
		})),
		outputs: description.outputs,
		properties: description.properties.map(propertySurface),
	};
}
