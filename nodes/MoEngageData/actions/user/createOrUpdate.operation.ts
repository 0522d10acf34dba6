import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { deliverElements } from '../../delivery/elements';
import { attributeProperties } from '../../descriptions/attributes';
import { customerIdProperty } from '../../descriptions/customerId';
import {
	identifiersProperty,
	identifyByProperty,
	optionalCustomerIdProperty,
	showForIdentity,
} from '../../descriptions/identifyBy';
import { optionsProperty, RETRY_OPTIONS } from '../../descriptions/options';
import { USER_PLATFORM_OPTIONS } from '../../descriptions/platforms';
import { showFor } from '../../descriptions/show';
import { normalizeCustomer } from '../../elements/customer';
import { attributesLabel, readAttributes } from '../../input/attributeInput';
import { attributesWithIdentifiers, readItemIdentity } from '../../input/identity';
import type { BuildContext, DataOperation } from '../operation';

/** User → Create or Update: one `customer` element per item, sent by the element delivery. */

const show = showFor('user', 'createOrUpdate');

const LABELS = {
	customer_id: 'Customer ID',
	update_existing_only: 'Update Existing Users Only',
};

const description: INodeProperties[] = [
	identifyByProperty(
		'user',
		'createOrUpdate',
		'How MoEngage finds the user. Identifiers: only for workspaces with Identity Resolution; the identifiers are sent as attributes.',
	),
	{ ...customerIdProperty('user', 'createOrUpdate'), displayOptions: { show: showForIdentity('user', 'createOrUpdate', 'customerId') } },
	optionalCustomerIdProperty('user', 'createOrUpdate'),
	identifiersProperty('user', 'createOrUpdate'),
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
						options: USER_PLATFORM_OPTIONS,
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
		'projectCode',
		'rateWindowSeconds',
		'usersPerMinute',
		...RETRY_OPTIONS,
	]),
];

function build(itemIndex: number, { scope, params, settings }: BuildContext) {
	const identity = readItemIdentity(params, scope);
	const label = attributesLabel(params, itemIndex);
	let attributes = readAttributes(params, scope);
	if (identity) attributes = attributesWithIdentifiers(attributes, identity, scope, label);
	const platforms = (params.get<IDataObject>('platforms', itemIndex, {}).platform ?? []) as IDataObject[];
	const entries = platforms.map((p) => ({
		platform: String(p.platform),
		active: p.active === false ? 'false' : 'true',
	}));
	return normalizeCustomer(
		{
			customer_id: params.get('customerId', itemIndex, ''),
			attributes: entries.length > 0 ? { ...attributes, platforms: entries } : attributes,
			update_existing_only: params.get<boolean>('updateExistingOnly', itemIndex, false),
		},
		scope,
		{ labels: { ...LABELS, attributes: label }, dateNames: settings.dateAttributes, identity: identity?.rule },
	);
}

export const createOrUpdate: DataOperation = {
	option: {
		name: 'Create or Update',
		value: 'createOrUpdate',
		description: 'Create a user, or update the attributes of an existing one',
		action: 'Create or update a user',
	},
	description,
	delivery: deliverElements(build),
};
