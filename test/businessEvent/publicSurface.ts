import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';

/**
 * What saved workflows and users depend on: node name, versions, credentials, editor method names
 * and, for every property (recursively), its name, type, default, option values and displayOptions.
 * Display texts and descriptions are left out: they may be reworded.
 */
type Option = INodePropertyOptions | INodeProperties | INodePropertyCollection;

function optionSurface(option: Option): unknown {
	if ('type' in option && 'default' in option) return propertySurface(option);
	if ('values' in option) return { name: option.name, values: option.values.map(propertySurface) };
	return { value: (option as INodePropertyOptions).value };
}

function propertySurface(property: INodeProperties): unknown {
	const typeOptions = property.typeOptions ?? {};
	const methods = Object.fromEntries(
		Object.entries(typeOptions).filter(([key]) => /Method$/.test(key) || key === 'loadOptionsDependsOn'),
	);
	const resourceMapperMethod = typeOptions.resourceMapper?.resourceMapperMethod;
	return {
		name: property.name,
		type: property.type,
		default: property.default,
		...(property.required ? { required: true } : {}),
		...(property.displayOptions ? { displayOptions: property.displayOptions } : {}),
		...(property.options ? { options: property.options.map(optionSurface) } : {}),
		...(property.modes ? { modes: property.modes.map((m) => ({ name: m.name, type: m.type, ...(m.typeOptions ?? {}) })) } : {}),
		...(Object.keys(methods).length ? { typeOptions: methods } : {}),
		...(resourceMapperMethod ? { resourceMapperMethod } : {}),
	};
}

export function publicSurface(nodeType: INodeType): unknown {
	const d = nodeType.description;
	return {
		name: d.name,
		version: d.version,
		...(d.defaultVersion === undefined ? {} : { defaultVersion: d.defaultVersion }),
		inputs: d.inputs,
		outputs: d.outputs,
		credentials: (d.credentials ?? []).map((c) => ({ name: c.name, required: c.required ?? false })),
		methods: Object.fromEntries(
			Object.entries(nodeType.methods ?? {}).map(([kind, fns]) => [kind, Object.keys(fns as object).sort()]),
		),
		properties: d.properties.map(propertySurface),
	};
}
