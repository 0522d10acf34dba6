import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { shown } from '../../../shared/validation/problem';
import type { MoEngageFailure } from '../../../shared/transport/errors';
import { splitList } from '../../../shared/values';
import type { ItemRequest } from '../../delivery/requestPerItem';
import { deliverRequestPerItem } from '../../delivery/requestPerItem';
import { identifierTypeProperty } from '../../descriptions/identifierType';
import { optionsProperty, RETRY_OPTIONS } from '../../descriptions/options';
import { showFor } from '../../descriptions/show';
import { MAX_EXPORT_USERS_PER_CALL } from '../../limits';
import type { ExportBody } from '../../schemas/dataApi';
import { exportAnswerSchema, flatExportAnswerSchema } from '../../schemas/dataApi';
import { endpoints } from '../../transport/endpoints';
import type { BuildContext, DataOperation } from '../operation';

/**
 * User → Get (Get User, `POST /v1/customers/export?app_id=`) sends the body of MoEngage's API reference,
 * `{identifiers: [{identifier_type: "customer_id" | "id", identifier}], user_fields_to_export?}`,
 * one request per item (up to 20 IDs each). The answer is read in the reference's shape
 * (`data.users[].user_attributes`, `data.users_not_found`) and in an older flat one.
 */

const show = showFor('user', 'get');

const description: INodeProperties[] = [
	{
		displayName:
			'MoEngage enables Get User per workspace: ask MoEngage support to turn it on, otherwise MoEngage answers 403',
		name: 'getUserNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	identifierTypeProperty('Identify Users By', show),
	{
		displayName: 'Identifiers',
		name: 'identifiers',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.user_id }}',
		description: `One or more IDs (comma-separated, or a list from an expression), at most ${MAX_EXPORT_USERS_PER_CALL} per item. MoEngage must have enabled Get User for the workspace.`,
		displayOptions: { show },
	},
	optionsProperty('user', 'get', ['fieldsToReturn', ...RETRY_OPTIONS]),
];

/** MoEngage's answer, in the API reference's shape or the older flat one, as users and misses. */
function usersOf(body: unknown): IDataObject {
	const documented = exportAnswerSchema.safeParse(body);
	if (documented.success) {
		const { users, users_not_found } = documented.data.data;
		const list = users.map(({ user_attributes, ...rest }) => ({ ...rest, ...user_attributes }) as IDataObject);
		return { users: list, found: list.length, notFound: users_not_found.map((u) => u.identifier) };
	}
	const flat = flatExportAnswerSchema.safeParse(body);
	if (flat.success) {
		return { users: flat.data.users as IDataObject[], found: flat.data.users.length, notFound: flat.data.not_found };
	}
	return { users: [], found: 0, notFound: [], answer: (body ?? null) as IDataObject };
}

/** IDs separated by commas, a list of IDs, or one number (an ID mapped from a numeric field). */
function readIdentifiers(raw: unknown, scope: BuildContext['scope']): string[] {
	if (raw === undefined || raw === null) return [];
	const entries: unknown[] = Array.isArray(raw) ? raw : [raw];
	for (const entry of entries) {
		if (typeof entry === 'string' || (typeof entry === 'number' && Number.isFinite(entry))) continue;
		return scope.fail('Identifiers', {
			message: `${Array.isArray(raw) ? 'holds' : 'is'} ${shown(entry)}, but IDs are text or numbers`,
			fix: 'Give user IDs separated by commas, or a list of IDs.',
		});
	}
	return splitList(raw);
}

/** MoEngage answered as the older form expects: `identifiers` missing (at the root). */
function asksForRootIdentifiers(failure: MoEngageFailure): boolean {
	return failure.httpCode === 400 && /identifiers is not found/i.test(failure.message);
}

function notEnabledHint(failure: MoEngageFailure): string | undefined {
	if (failure.httpCode !== 403 && failure.httpCode !== 404) return undefined;
	return 'Get User must be enabled for the workspace by MoEngage: ask your MoEngage contact (customer success manager) to enable the Get User (customers/export) API.';
}

function build(itemIndex: number, { scope, params, settings, workspaceId }: BuildContext): ItemRequest {
	const byMoEngageId = params.get<string>('identifierType', itemIndex, 'customerId') === 'moengageId';
	const values = [...new Set(readIdentifiers(params.get<unknown>('identifiers', itemIndex, ''), scope))];
	if (values.length === 0) {
		scope.fail('Identifiers', { message: 'is empty', fix: 'Give at least one user ID.' });
	}
	if (values.length > MAX_EXPORT_USERS_PER_CALL) {
		scope.fail('Identifiers', {
			message: `has ${values.length} IDs, but MoEngage returns at most ${MAX_EXPORT_USERS_PER_CALL} users per call`,
			fix: `Give each item at most ${MAX_EXPORT_USERS_PER_CALL} IDs (split the list over several items).`,
		});
	}
	const body: ExportBody = {
		identifiers: values.map((identifier) => ({ identifier_type: byMoEngageId ? 'id' : 'customer_id', identifier })),
	};
	if (settings.fieldsToReturn.length > 0) body.user_fields_to_export = settings.fieldsToReturn;
	const endpoint = endpoints.exportUsers(workspaceId);
	return {
		// MoEngage's current reference wants the lookup inside `data`; an older page shows it at the root.
		request: { ...endpoint, body: { data: body } },
		olderForm: { request: { ...endpoint, body }, refusedWhen: asksForRootIdentifiers },
		refusalHint: notEnabledHint,
		cost: { lookups: values.length },
		headerBuckets: ['lookups'],
		summary: {},
		toJson: usersOf,
	};
}

export const get: DataOperation = {
	option: {
		name: 'Get',
		value: 'get',
		description: 'Get users by their IDs (MoEngage must enable this for the workspace)',
		action: 'Get users',
	},
	description,
	delivery: deliverRequestPerItem(build),
};
