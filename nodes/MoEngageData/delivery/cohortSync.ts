import type { IDataObject } from 'n8n-workflow';

import type { MoEngageFailure } from '../../shared/transport/errors';
import { utf8Bytes } from '../../shared/validation/size';
import type { Build, BuildContext } from '../actions/operation';
import type { ParameterReader } from '../input/parameters';
import { MAX_COHORT_REQUEST_BYTES, MAX_EXPORT_USERS_PER_CALL } from '../limits';
import { exportAnswerSchema, flatExportAnswerSchema } from '../schemas/dataApi';
import { endpoints } from '../transport/endpoints';
import type { LeadingPeriodRule } from '../validation/cohortName';
import type { Delivery } from './delivery';
import { answerOf } from './delivery';
import type { DeliveryStrategy } from './strategy';

/**
 * Cohort sync (`POST /v1/integrations/cohortsync`): one cohort payload per request, many members.
 * Items with the same action, cohort name, ID and description are packed together in input order
 * into requests of at most MAX_COHORT_REQUEST_BYTES, measured on the exact bytes sent; an item's
 * members never span two requests. Each request counts once against the cohort request rate.
 * With Check Members Exist, every member is looked up first (Get User, 20 per call).
 */

export type CohortAction = 'add_members' | 'remove_members';

export interface CohortOptions {
	partner: string;
	checkMembersExist: boolean;
	leadingPeriod: LeadingPeriodRule;
}

export interface CohortJob {
	action: CohortAction;
	cohort: { cohort_name: string; cohort_id: string; cohort_description?: string };
	/** Distinct member IDs, in the item's order. */
	uids: string[];
}

type Entry = { itemIndex: number; job: CohortJob };

/** Said on every item when members were not checked: MoEngage does not report unknown users. */
export const UNCHECKED_MEMBERS_NOTE =
	'MoEngage ignores users it does not know without saying which; turn on Options → Check Members Exist to find them';

/** The body around the members: `{"action":…,"partner":…,"parameters":{…,"members":[` and `]}}`. */
function envelopeOf(job: CohortJob, partner: string): { head: string; tail: string; bytes: number } {
	const { cohort_name, cohort_id, cohort_description } = job.cohort;
	const head =
		`{"action":${JSON.stringify(job.action)},"partner":${JSON.stringify(partner)},"parameters":{` +
		`"cohort_name":${JSON.stringify(cohort_name)},"cohort_id":${JSON.stringify(cohort_id)},` +
		(cohort_description === undefined ? '' : `"cohort_description":${JSON.stringify(cohort_description)},`) +
		'"members":[';
	const tail = ']}}';
	return { head, tail, bytes: utf8Bytes(head) + utf8Bytes(tail) };
}

const memberText = (uid: string) => `{"uid":${JSON.stringify(uid)}}`;

/** Items of the same cohort payload, each list in input order, the lists in order of first appearance. */
function groupsOf(entries: Entry[]): Entry[][] {
	const groups = new Map<string, Entry[]>();
	for (const entry of entries) {
		const { action, cohort } = entry.job;
		const key = JSON.stringify([action, cohort.cohort_name, cohort.cohort_id, cohort.cohort_description ?? null]);
		let group = groups.get(key);
		if (!group) groups.set(key, (group = []));
		group.push(entry);
	}
	return [...groups.values()];
}

/** What MoEngage's Get User answer says it did not find. */
function notFoundIn(body: unknown): string[] | undefined {
	const documented = exportAnswerSchema.safeParse(body);
	if (documented.success) return documented.data.data.users_not_found.map((u) => u.identifier);
	const flat = flatExportAnswerSchema.safeParse(body);
	return flat.success ? flat.data.not_found : undefined;
}

/** MoEngage answered as the older Get User form expects: `identifiers` missing (at the root). */
function asksForRootForm(failure: MoEngageFailure): boolean {
	return failure.httpCode === 400 && /identifiers is not found/i.test(failure.message);
}

function lookupHint(failure: MoEngageFailure): string {
	const enable =
		failure.httpCode === 403 || failure.httpCode === 404
			? "Check Members Exist uses MoEngage's Get User API, which MoEngage enables per workspace: ask your MoEngage contact to enable it, or turn the option off. "
			: '';
	return `${enable}The users were looked up before the cohort request; this item was not sent to the cohort.`;
}

/**
 * Looks every member up (Get User, 20 a call). Returns the users MoEngage does not know; an item
 * with a member whose lookup failed fails (and is left out of `failed` callers skip).
 */
async function lookUp(delivery: Delivery, entries: Entry[], failed: Set<number>): Promise<Set<string>> {
	const unknown = new Set<string>();
	const itemsOf = new Map<string, number[]>();
	for (const { itemIndex, job } of entries) {
		for (const uid of job.uids) {
			const items = itemsOf.get(uid);
			if (items) items.push(itemIndex);
			else itemsOf.set(uid, [itemIndex]);
		}
	}
	const uids = [...itemsOf.keys()];
	const endpoint = endpoints.exportUsers(delivery.workspaceId);
	// As User → Get: the current reference's `data` form, and once the older root form when MoEngage asks for it.
	let rootFormWorks = false;
	for (let start = 0; start < uids.length; start += MAX_EXPORT_USERS_PER_CALL) {
		const chunk = uids.slice(start, start + MAX_EXPORT_USERS_PER_CALL);
		const lookup = {
			identifiers: chunk.map((identifier) => ({ identifier_type: 'customer_id', identifier })),
			user_fields_to_export: ['customer_id'],
		};
		const cost = { lookups: chunk.length };
		let sent = await delivery.send({ ...endpoint, body: rootFormWorks ? lookup : { data: lookup } }, cost, ['lookups']);
		if (!sent.ok && !rootFormWorks && asksForRootForm(sent.failure)) {
			sent = await delivery.send({ ...endpoint, body: lookup }, cost, ['lookups']);
			rootFormWorks = sent.ok;
		}
		const notFound = sent.ok ? notFoundIn(sent.response.body) : undefined;
		if (sent.ok && notFound) {
			for (const uid of notFound) unknown.add(uid);
			continue;
		}
		const affected = [...new Set(chunk.flatMap((uid) => itemsOf.get(uid) ?? []))].sort((a, b) => a - b);
		for (const itemIndex of affected) {
			if (failed.has(itemIndex)) continue;
			failed.add(itemIndex);
			if (sent.ok) {
				// An answer without the documented list of users not found: say so rather than guess.
				delivery.failItem(
					itemIndex,
					{
						requestIndex: sent.requestIndex,
						ok: false,
						attempts: sent.response.attempts,
						failure: {
							httpCode: sent.response.statusCode,
							message: 'MoEngage answered the user lookup without saying which users it did not find',
							details: [],
							requestId: sent.response.requestId,
						},
					},
					'The item was not sent to the cohort.',
				);
			} else {
				delivery.failItem(itemIndex, sent, `${lookupHint(sent.failure)} Lookup request ${sent.requestIndex} carried ${chunk.length} user(s).`);
			}
		}
	}
	return unknown;
}

/** Sends one group's items in requests of at most MAX_COHORT_REQUEST_BYTES. */
async function sendGroup(delivery: Delivery, group: Entry[], options: CohortOptions, unknown?: Set<string>): Promise<void> {
	const { head, tail, bytes: envelopeBytes } = envelopeOf(group[0].job, options.partner);
	const endpoint = endpoints.cohortSync();
	for (let next = 0; next < group.length; ) {
		const parts: string[] = [];
		const inRequest = new Set<string>();
		const carried: Entry[] = [];
		let bytes = envelopeBytes;
		for (; next < group.length; next++) {
			const entry = group[next];
			const fresh = entry.job.uids.filter((uid) => !inRequest.has(uid)).map(memberText);
			let added = 0;
			for (const text of fresh) added += utf8Bytes(text) + 1;
			if (parts.length === 0 && fresh.length > 0) added -= 1;
			// An item always fits a request of its own (checked when it was built).
			if (carried.length > 0 && bytes + added > MAX_COHORT_REQUEST_BYTES) break;
			for (const uid of entry.job.uids) inRequest.add(uid);
			parts.push(...fresh);
			bytes += added;
			carried.push(entry);
		}
		const body = head + parts.join(',') + tail;
		const sent = await delivery.send({ ...endpoint, body }, { cohortRequests: 1 }, ['cohortRequests']);
		const answer = sent.ok ? answerOf(sent) : undefined;
		for (const { itemIndex, job } of carried) {
			if (sent.ok) {
				delivery.outcomes.succeed(itemIndex, itemJson(job, unknown, {
					...answer,
					batchSize: carried.length,
					membersInRequest: parts.length,
				}));
			} else {
				delivery.failItem(
					itemIndex,
					sent,
					`Cohort request ${sent.requestIndex} carried ${parts.length} member(s) of ${carried.length} item(s) for cohort ${JSON.stringify(job.cohort.cohort_name)} (ID ${JSON.stringify(job.cohort.cohort_id)}); MoEngage did not confirm it.`,
				);
			}
		}
	}
}

function itemJson(job: CohortJob, unknown: Set<string> | undefined, answer: IDataObject): IDataObject {
	const { cohort_name, cohort_id } = job.cohort;
	const checked: IDataObject = unknown
		? (() => {
				const unknownUsers = job.uids.filter((uid) => unknown.has(uid));
				return { membersChecked: true, known: unknownUsers.length === 0, unknownUsers };
			})()
		: { membersChecked: false, note: UNCHECKED_MEMBERS_NOTE };
	return {
		status: 'success',
		action: job.action,
		cohortName: cohort_name,
		cohortId: cohort_id,
		members: job.uids,
		...checked,
		...answer,
	};
}

/** Fails an item whose members alone would not fit one request. */
function checkFits(job: CohortJob, options: CohortOptions, context: BuildContext): void {
	let bytes = envelopeOf(job, options.partner).bytes - 1;
	for (const uid of job.uids) bytes += utf8Bytes(memberText(uid)) + 1;
	if (bytes <= MAX_COHORT_REQUEST_BYTES) return;
	context.scope.fail('Customer ID', {
		message: `holds ${job.uids.length.toLocaleString('en-US')} IDs, ${bytes.toLocaleString('en-US')} bytes once serialised; MoEngage takes at most ${MAX_COHORT_REQUEST_BYTES.toLocaleString('en-US')} bytes per cohort request`,
		fix: 'Split the list over several items (one ID per item is simplest): items of the same cohort are packed into as few requests as fit.',
	});
}

export function deliverCohortSync(
	build: Build<CohortJob>,
	readOptions: (params: ParameterReader) => CohortOptions,
): DeliveryStrategy {
	return {
		start() {
			const entries: Entry[] = [];
			let options: CohortOptions | undefined;
			return {
				add(itemIndex, context) {
					options ??= readOptions(context.params);
					const job = build(itemIndex, context);
					checkFits(job, options, context);
					entries.push({ itemIndex, job });
				},
				async send(delivery) {
					if (!options || entries.length === 0) return;
					const failed = new Set<number>();
					const unknown = options.checkMembersExist ? await lookUp(delivery, entries, failed) : undefined;
					const remaining = failed.size > 0 ? entries.filter((e) => !failed.has(e.itemIndex)) : entries;
					for (const group of groupsOf(remaining)) await sendGroup(delivery, group, options, unknown);
				},
			};
		},
	};
}
