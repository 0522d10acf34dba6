import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DataElement } from '../../../shared/schemas/dataApi';
import { shown } from '../../../shared/validation/problem';
import { normalizeCustomer } from '../../elements/customer';
import { normalizeDevice } from '../../elements/device';
import { normalizeEvent } from '../../elements/event';
import { typedSummaryOf } from '../../elements/summary';
import { optionsProperty, RETRY_OPTIONS } from '../../settings';
import type { BuildContext, ElementJob, OperationDefinition } from '../../types';

const show = { resource: ['bulk'], operation: ['import'] };

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
	optionsProperty('bulk', 'import', [
		'dateAttributes',
		'eventsPerMinute',
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

function build(this: IExecuteFunctions, itemIndex: number, context: BuildContext): ElementJob {
	const { scope, settings } = context;
	const raw = readElement(itemIndex, context);
	// MoEngage silently drops an element whose type is not lowercase; the intent is clear, so fix it.
	const type = typeof raw.type === 'string' ? raw.type.trim().toLowerCase() : raw.type;
	const options = { labels: {}, dateNames: settings.dateAttributes };
	let element: DataElement;
	if (type === 'customer') element = normalizeCustomer(raw, scope, options);
	else if (type === 'event') element = normalizeEvent(raw, scope, options);
	else if (type === 'device') element = normalizeDevice(raw, scope, options);
	else {
		return scope.fail('type', {
			message: `is ${shown(raw.type)}, which is no MoEngage element type`,
			fix: 'Set "type" to "customer", "event" or "device".',
		});
	}
	return { kind: 'element', element };
}

export const bulkImport: OperationDefinition = { description, build, summarize: typedSummaryOf };
