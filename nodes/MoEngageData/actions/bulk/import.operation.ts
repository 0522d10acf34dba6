import type { INodeProperties } from 'n8n-workflow';

import { shown } from '../../../shared/validation/problem';
import { deliverElements } from '../../delivery/elements';
import { identifierNamesProperty, identifyByProperty } from '../../descriptions/identifyBy';
import { optionsProperty, RETRY_OPTIONS } from '../../descriptions/options';
import { showFor } from '../../descriptions/show';
import { normalizeCustomer } from '../../elements/customer';
import { normalizeDevice } from '../../elements/device';
import { normalizeEvent } from '../../elements/event';
import { typedSummaryOf } from '../../elements/summary';
import { elementIdentityRule, readWorkspaceIdentifiers } from '../../input/identity';
import type { DataElement } from '../../schemas/dataApi';
import { DOCUMENTED_RESERVED_DEVICE_ATTRIBUTES } from '../device/createOrUpdate.operation';
import type { BuildContext, DataOperation } from '../operation';

/** Bulk → Import: one element of any type per item, as MoEngage's JSON; always in bulk imports. */

const show = showFor('bulk', 'import');

const description: INodeProperties[] = [
	{
		displayName: 'Element Source',
		name: 'elementSource',
		type: 'options',
		default: 'inputItem',
		displayOptions: { show },
		options: [
			{
				name: 'Whole Input Item',
				value: 'inputItem',
				description: 'Each input item is one MoEngage element: a customer, an event or a device object',
			},
			{ name: 'JSON', value: 'json', description: 'Build each element with a JSON expression' },
		],
	},
	{
		displayName: 'Element (JSON)',
		name: 'elementJson',
		type: 'json',
		default: '{\n  "type": "customer",\n  "customer_id": "",\n  "attributes": {}\n}',
		description:
			'One element in MoEngage\'s bulk format: {"type": "customer", "customer_id", "attributes"}, {"type": "event", "customer_id", "actions": [...]} or {"type": "device", "customer_id", "device_id", "attributes": {"platform", "push_id"}}',
		displayOptions: { show: { ...show, elementSource: ['json'] } },
	},
	identifyByProperty(
		'bulk',
		'import',
		'Customer ID: every customer and event element needs a customer_id. Identifiers: for workspaces with Identity Resolution, customer and event elements may name the user by an identifier instead (devices still need a customer_id).',
	),
	identifierNamesProperty('bulk', 'import'),
	optionsProperty('bulk', 'import', [
		'dateAttributes',
		'eventsPerMinute',
		'projectCode',
		'rateWindowSeconds',
		'usersPerMinute',
		...RETRY_OPTIONS,
	]),
];

function readElement(itemIndex: number, { scope, params }: BuildContext): Record<string, unknown> {
	let raw: unknown;
	if (params.get<string>('elementSource', itemIndex, 'inputItem') === 'json') {
		raw = params.get<unknown>('elementJson', itemIndex, '{}');
		if (typeof raw === 'string') {
			try {
				raw = JSON.parse(raw);
			} catch {
				return scope.fail('Element (JSON)', {
					message: 'is not valid JSON',
					fix: 'Give one JSON object, e.g. {"type": "customer", "customer_id": "u-1", "attributes": {"plan": "gold"}}.',
				});
			}
		}
	} else {
		raw = params.itemJson(itemIndex);
	}
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		return scope.fail('Element', {
			message: `is ${shown(raw)}, but it must be one JSON object`,
			fix: 'Give one element per item: a customer, an event or a device object.',
		});
	}
	return raw as Record<string, unknown>;
}

function build(itemIndex: number, context: BuildContext): DataElement {
	const { scope, settings } = context;
	const raw = readElement(itemIndex, context);
	// MoEngage silently drops an element whose type is not lowercase; the intent is clear, so fix it.
	const type = typeof raw.type === 'string' ? raw.type.trim().toLowerCase() : raw.type;
	const options = { labels: {}, dateNames: settings.dateAttributes };
	if (type === 'customer' || type === 'event') {
		const names = readWorkspaceIdentifiers(context.params, scope);
		const identity = names ? elementIdentityRule(names, type) : undefined;
		return type === 'customer'
			? normalizeCustomer(raw, scope, { ...options, identity })
			: normalizeEvent(raw, scope, { ...options, identity });
	}
	if (type === 'device') return normalizeDevice(raw, scope, { labels: {}, allowedReserved: DOCUMENTED_RESERVED_DEVICE_ATTRIBUTES });
	return scope.fail('type', {
		message: `is ${shown(raw.type)}, which is no MoEngage element type`,
		fix: 'Set "type" to "customer", "event" or "device".',
	});
}

export const bulkImport: DataOperation = {
	option: {
		name: 'Import',
		value: 'import',
		description: 'Send users, events and devices from the input items in bulk requests of up to 100 KB',
		action: 'Import data in bulk',
	},
	description,
	delivery: deliverElements(build, typedSummaryOf),
};
