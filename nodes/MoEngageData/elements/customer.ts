import { shown } from '../../shared/validation/problem';
import type { ItemScope } from '../input/itemScope';
import type { CustomerElement } from '../schemas/dataApi';
import { DOCUMENTED_RESERVED_USER_ATTRIBUTES } from '../limits';
import { checkCustomerId } from '../validation/customerId';
import { normalizeAttributes } from './attributes';
import type { FieldLabels } from './labels';
import { labelOf } from './labels';
import { otherKeys, withOtherKeys } from './otherKeys';
import { checkUserPlatforms } from './platforms';
import type { IdentityRule } from './identity';
import { optionalCustomerId, requireSomeIdentity, withIdentifiers } from './identity';

/** The keys handled here; any other key of the raw element is passed on. */
const CUSTOMER_KEYS: ReadonlySet<string> = new Set(['type', 'customer_id', 'attributes', 'update_existing_only']);

export interface RawCustomer {
	customer_id?: unknown;
	attributes?: unknown;
	update_existing_only?: unknown;
	[key: string]: unknown;
}

/** A checked `customer` object, ready for `/customer` or a bulk import. */
export function normalizeCustomer(
	raw: RawCustomer,
	scope: ItemScope,
	/** `identity`: the workspace uses Identity Resolution, so identifiers in `attributes` may stand in for customer_id. */
	options: { labels: FieldLabels; dateNames: readonly string[]; identity?: IdentityRule },
): CustomerElement {
	const { labels, identity } = options;
	const customerId = identity
		? optionalCustomerId(raw.customer_id, scope, labelOf(labels, 'customer_id'))
		: scope.take(labelOf(labels, 'customer_id'), checkCustomerId(raw.customer_id));
	let attributes = normalizeAttributes(raw.attributes, scope, {
		dateNames: options.dateNames,
		allowedReserved: identity ? [...DOCUMENTED_RESERVED_USER_ATTRIBUTES, ...identity.names] : DOCUMENTED_RESERVED_USER_ATTRIBUTES,
		label: labelOf(labels, 'attributes'),
	});
	if (identity) {
		const { object, found } = withIdentifiers(attributes, identity, scope, labelOf(labels, 'attributes'), 'keep');
		requireSomeIdentity(customerId, found, identity, scope);
		attributes = object;
	}
	if (attributes && attributes.platforms !== undefined) {
		// A copy: the attributes may be the input item's own object.
		const platforms = scope.take(() => `${labelOf(labels, 'attributes')} → platforms`, checkUserPlatforms(attributes.platforms));
		attributes = { ...attributes, platforms };
	}
	const existingOnly = raw.update_existing_only;
	const element: CustomerElement =
		customerId === undefined ? { type: 'customer', attributes } : { type: 'customer', customer_id: customerId, attributes };
	if (existingOnly === true) {
		element.update_existing_only = true;
	} else if (existingOnly !== undefined && existingOnly !== false) {
		scope.fail(labelOf(labels, 'update_existing_only'), {
			message: `is ${shown(existingOnly)}, but it must be true or false`,
			fix: 'Use a boolean: true updates only users that already exist.',
		});
	}
	return withOtherKeys(element, otherKeys(raw, CUSTOMER_KEYS));
}
