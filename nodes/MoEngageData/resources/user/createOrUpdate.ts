import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { attributeProperties, attributesLabel, readAttributes } from '../../attributeInput';
import { normalizeCustomer } from '../../elements/customer';
import { optionsProperty, RETRY_OPTIONS } from '../../settings';
import type { BuildContext, ElementJob, OperationDefinition } from '../../types';
import { customerIdProperty } from '../common';

const show = { resource: ['user'], operation: ['createOrUpdate'] };

const LABELS = {
	customer_id: 'Customer ID',
	update_existing_only: 'Update Existing Users Only',
};

const description: INodeProperties[] = [
	customerIdProperty('user', 'createOrUpdate'),
	...attributeProperties('user', 'createOrUpdate'),
	{
		displayName: 'Platforms',
		name: 'platforms',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Platform',
		default: {},
		description: 'The platforms the user is active or inactive on (the "platforms" attribute)',
		displayOptions: { show },
		options: [
			{
				displayName: 'Platform',
				name: 'platform',
				values: [
					{
						displayName: 'Platform',
						name: 'platform',
						type: 'options',
						default: 'ANDROID',
						options: [
							{ name: 'Android', value: 'ANDROID' },
							{ name: 'iOS', value: 'iOS' },
							{ name: 'Web', value: 'web' },
						],
					},
					{
						displayName: 'Active',
						name: 'active',
						type: 'boolean',
						default: true,
						description: 'Whether the user is active on this platform',
					},
				],
			},
		],
	},
	{
		displayName: 'Update Existing Users Only',
		name: 'updateExistingOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether to only update users that already exist in MoEngage; MoEngage then ignores items for unknown customer IDs instead of creating users',
		displayOptions: { show },
	},
	optionsProperty('user', 'createOrUpdate', [
		'batch',
		'dateAttributes',
		'rateWindowSeconds',
		'usersPerMinute',
		...RETRY_OPTIONS,
	]),
];

function build(this: IExecuteFunctions, itemIndex: number, { scope, params, settings }: BuildContext): ElementJob {
	const attributes = readAttributes(params, scope);
	const platforms = (params.get<IDataObject>('platforms', itemIndex, {}).platform ?? []) as IDataObject[];
	const entries = platforms.map((p) => ({
		platform: String(p.platform),
		active: p.active === false ? 'false' : 'true',
	}));
	const element = normalizeCustomer(
		{
			customer_id: params.get('customerId', itemIndex, ''),
			attributes: entries.length > 0 ? { ...attributes, platforms: entries } : attributes,
			update_existing_only: params.get<boolean>('updateExistingOnly', itemIndex, false),
		},
		scope,
		{ labels: { ...LABELS, attributes: attributesLabel(params, itemIndex) }, dateNames: settings.dateAttributes },
	);
	return { kind: 'element', element };
}

export const createOrUpdate: OperationDefinition = { description, build };
