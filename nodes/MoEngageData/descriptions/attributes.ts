import type { INodeProperties } from 'n8n-workflow';

import { showFor } from './show';

/**
 * Where an operation's attributes come from: fields entered one by one, a JSON object, or the
 * whole input item (read by ../input/attributeInput.ts).
 */
export function attributeProperties(
	resource: string,
	operation: string,
	extraShow: Record<string, string[]> = {},
): INodeProperties[] {
	const show = { ...showFor(resource, operation), ...extraShow };
	return [
		{
			displayName: 'Attributes Input',
			name: 'attributesMode',
			type: 'options',
			default: 'fields',
			displayOptions: { show },
			options: [
				{ name: 'Fields Below', value: 'fields', description: 'Enter each attribute by name and value' },
				{ name: 'JSON', value: 'json', description: 'Give all attributes as one JSON object' },
				{
					name: 'Whole Input Item',
					value: 'wholeItem',
					description:
						'Send every field of the input item as an attribute, except the fields the other parameters are mapped from and customer_id',
				},
			],
		},
		{
			displayName: 'Attributes',
			name: 'attributes',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Attribute',
			default: {},
			displayOptions: { show: { ...show, attributesMode: ['fields'] } },
			options: [
				{
					displayName: 'Attribute',
					name: 'attribute',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'plan',
							description: 'Attribute name; names starting with moe_ are reserved for MoEngage',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							default: 'auto',
							description: 'How to send the value',
							options: [
								{
									name: 'Auto',
									value: 'auto',
									description: 'As given; dates and ISO date-times become MoEngage dates',
								},
								{ name: 'Boolean', value: 'boolean' },
								{
									name: 'Date',
									value: 'date',
									description: 'ISO 8601, a date, epoch seconds or milliseconds, sent as a MoEngage date',
								},
								{ name: 'Number', value: 'number' },
								{ name: 'String', value: 'string' },
							],
						},
					],
				},
			],
		},
		{
			displayName: 'Attributes (JSON)',
			name: 'attributesJson',
			type: 'json',
			default: '{}',
			displayOptions: { show: { ...show, attributesMode: ['json'] } },
			description: 'A JSON object of attribute names and values, e.g. {"plan": "gold", "age": 31}',
		},
	];
}
