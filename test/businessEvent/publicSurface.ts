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

function admits(conditions: unknown[], version: number): boolean {
	return conditions.some((c) => {
		if (typeof c === 'number') return c === version;
		const cnd = (c as { _cnd?: Record<string, number> })._cnd ?? {};
		if (cnd.gte !== undefined) return version >= cnd.gte;
		if (cnd.lte !== undefined) return version <= cnd.lte;
		if (cnd.eq !== undefined) return version === cnd.eq;
		return false;
	});
}

/**
 * The public surface as a workflow saved on `version` sees it: only the properties shown in that
 * version, with the `@version` condition taken out (so version 1's surface can be compared with
 * what it was before version 2 existed).
 */
export function publicSurfaceOfVersion(nodeType: INodeType, version: number): unknown {
	const rest = { ...(publicSurface(nodeType) as Record<string, unknown>) };
	delete rest.version;
	delete rest.defaultVersion;
	const properties = (rest.properties as Array<{ displayOptions?: { show?: Record<string, unknown[]> } }>)
		.filter((p) => {
			const versions = p.displayOptions?.show?.['@version'];
			return versions === undefined || admits(versions, version);
		})
		.map((p) => {
			const show = p.displayOptions?.show;
			if (!show || !('@version' in show)) return p;
			const others = { ...show };
			delete others['@version'];
			return { ...p, displayOptions: { ...p.displayOptions, show: others } };
		});
	return { ...rest, properties };
}
