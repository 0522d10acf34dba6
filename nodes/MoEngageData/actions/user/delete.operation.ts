import type { INodeProperties } from 'n8n-workflow';

import type { Checked } from '../../../shared/validation/problem';
import { invalid, shown, valid } from '../../../shared/validation/problem';
import type { ItemRequest } from '../../delivery/requestPerItem';
import { deliverRequestPerItem } from '../../delivery/requestPerItem';
import { identifierTypeProperty } from '../../descriptions/identifierType';
import { optionsProperty, RETRY_OPTIONS } from '../../descriptions/options';
import { showFor } from '../../descriptions/show';
import type { DeleteBody } from '../../schemas/dataApi';
import { endpoints } from '../../transport/endpoints';
import { checkCustomerId } from '../../validation/customerId';
import type { BuildContext, DataOperation } from '../operation';

/** User → Delete: one request per item, by customer ID or MoEngage ID. */

const show = showFor('user', 'delete');

const description: INodeProperties[] = [
	identifierTypeProperty('Identify User By', show),
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.user_id }}',
		description: 'The Customer ID or MoEngage ID of the user to delete. MoEngage deletes the user within 24 hours.',
		displayOptions: { show },
	},
	optionsProperty('user', 'delete', RETRY_OPTIONS),
];

const MOENGAGE_ID_FIX = "Give the user's MoEngage ID, or identify the user by Customer ID.";
const missing = () => invalid<string>('is empty', MOENGAGE_ID_FIX);

/** A MoEngage ID as text; a number (an ID mapped from a numeric field) is taken as its digits. */
function checkMoEngageId(raw: unknown): Checked<string> {
	const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
	if (typeof text !== 'string') {
		return raw === undefined || raw === null ? missing() : invalid(`is ${shown(raw)}, but a MoEngage ID is text`, MOENGAGE_ID_FIX);
	}
	return text.trim() === '' ? missing() : valid(text.trim());
}

function build(itemIndex: number, { scope, params, workspaceId }: BuildContext): ItemRequest {
	const byMoEngageId = params.get<string>('identifierType', itemIndex, 'customerId') === 'moengageId';
	const raw = params.get<unknown>('identifier', itemIndex, '');
	const value = scope.take('Identifier', byMoEngageId ? checkMoEngageId(raw) : checkCustomerId(raw));
	const body: DeleteBody = { identity_type: byMoEngageId ? 'moengage_id' : 'customer_id', identity_value: value };
	return {
		request: { ...endpoints.deleteUser(workspaceId), body },
		cost: { deletes: 1 },
		headerBuckets: ['deletes'],
		summary: { [body.identity_type]: value, deleted: true },
	};
}

export const deleteUser: DataOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		description: 'Delete a user by customer ID or MoEngage ID',
		action: 'Delete a user',
	},
	description,
	delivery: deliverRequestPerItem(build),
};
