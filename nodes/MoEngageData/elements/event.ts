import { checkEventTime, checkTimezoneOffset } from '../../shared/validation/dates';
import { shown } from '../../shared/validation/problem';
import type { FieldName, ItemScope } from '../input/itemScope';
import type { EventAction, EventElement } from '../schemas/dataApi';
import { checkCustomerId } from '../validation/customerId';
import { checkName } from '../validation/names';
import { normalizeAttributes } from './attributes';
import type { FieldLabels } from './labels';
import { labelOf } from './labels';
import { otherKeys, withOtherKeys } from './otherKeys';
import type { IdentityRule } from './identity';
import { optionalCustomerId, requireSomeIdentity, userIdentifiers } from './identity';

export interface RawEvent {
	customer_id?: unknown;
	device_id?: unknown;
	actions?: unknown;
	[key: string]: unknown;
}

function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

function optionalText(value: unknown, field: FieldName, scope: ItemScope): string | undefined {
	if (!isSet(value)) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return scope.fail(field, { message: `is ${shown(value)}, but it must be text`, fix: 'Give a text value.' });
}

/** The keys normalizeAction / normalizeEvent handle themselves; any other key is passed on. */
const ACTION_KEYS: ReadonlySet<string> = new Set([
	'action',
	'attributes',
	'platform',
	'app_version',
	'user_time',
	'current_time',
	'user_timezone_offset',
]);
const EVENT_KEYS: ReadonlySet<string> = new Set(['type', 'customer_id', 'device_id', 'actions']);
const IDENTIFIED_EVENT_KEYS: ReadonlySet<string> = new Set([...EVENT_KEYS, 'user_identifiers']);

/**
 * One action. In messages its fields are named `actions[i].<key>` when the item has several
 * actions, and by the labels (the node's parameter names) when it has one.
 */
function normalizeAction(
	raw: unknown,
	scope: ItemScope,
	label: (key: string) => FieldName,
	dateNames: readonly string[],
): EventAction {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		return scope.fail(label('action'), {
			message: `is ${shown(raw)}, but each action must be an object`,
			fix: 'Give each action as {"action": "Purchase", "attributes": {...}}.',
		});
	}
	const source = raw as Record<string, unknown>;
	// The fields most actions carry, in one literal (a run holds every element until it is sent,
	// and a field added later costs a separate block of memory); the others are added when set.
	const action: EventAction = {
		action: scope.take(label('action'), checkName(source.action, 'event')),
		attributes: normalizeAttributes(source.attributes, scope, { dateNames, label: label('attributes') }),
		user_time: isSet(source.user_time)
			? scope.take(label('user_time'), checkEventTime(source.user_time, scope.nowMs))
			: undefined,
	};
	const platform = optionalText(source.platform, label('platform'), scope);
	if (platform !== undefined) action.platform = platform;
	const appVersion = optionalText(source.app_version, label('app_version'), scope);
	if (appVersion !== undefined) action.app_version = appVersion;
	if (isSet(source.current_time)) {
		action.current_time = scope.take(label('current_time'), checkEventTime(source.current_time, scope.nowMs));
	}
	if (isSet(source.user_timezone_offset)) {
		action.user_timezone_offset = scope.take(
			label('user_timezone_offset'),
			checkTimezoneOffset(source.user_timezone_offset),
		);
	}
	return withOtherKeys(action, otherKeys(source, ACTION_KEYS));
}

/** A checked `event` object (one or several actions), ready for `/event` or a bulk import. */
export function normalizeEvent(
	raw: RawEvent,
	scope: ItemScope,
	/** `identity`: the workspace uses Identity Resolution, so `user_identifiers` may stand in for customer_id. */
	options: { labels: FieldLabels; dateNames: readonly string[]; identity?: IdentityRule },
): EventElement {
	const { labels, dateNames, identity } = options;
	const customerId = identity
		? optionalCustomerId(raw.customer_id, scope, labelOf(labels, 'customer_id'))
		: scope.take(labelOf(labels, 'customer_id'), checkCustomerId(raw.customer_id));
	let identifiers: Record<string, string> | undefined;
	if (identity) {
		identifiers = userIdentifiers(raw.user_identifiers, identity, scope, labelOf(labels, 'user_identifiers'));
		requireSomeIdentity(customerId, identifiers ? 1 : 0, identity, scope);
	}
	if (!Array.isArray(raw.actions) || raw.actions.length === 0) {
		return scope.fail(labelOf(labels, 'actions'), {
			message: Array.isArray(raw.actions) ? 'is an empty list' : `is ${shown(raw.actions)}, but it must be a list`,
			fix: 'Give at least one action, e.g. [{"action": "Purchase"}].',
		});
	}
	const several = raw.actions.length > 1 || labels.action === undefined;
	const actions = raw.actions.map((action, i) =>
		normalizeAction(
			action,
			scope,
			(key) => (several ? () => `${labelOf(labels, 'actions')}[${i}].${key}` : labelOf(labels, key)),
			dateNames,
		),
	);
	const deviceId = optionalText(raw.device_id, labelOf(labels, 'device_id'), scope);
	const element: EventElement =
		customerId === undefined ? { type: 'event', actions } : { type: 'event', customer_id: customerId, actions };
	if (identifiers !== undefined) element.user_identifiers = identifiers;
	if (deviceId !== undefined) element.device_id = deviceId;
	return withOtherKeys(element, otherKeys(raw, identity ? IDENTIFIED_EVENT_KEYS : EVENT_KEYS));
}
