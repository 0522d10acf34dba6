import type { RecordedRequest, Sandbox } from '../../../sandbox';

/** A cohort sync body as the node sends it. */
export interface CohortBody {
	action: string;
	partner: string;
	parameters: { cohort_name: string; cohort_id: string; cohort_description?: string; members: Array<{ uid: string }> };
}

export const COHORT_PATH = '/v1/integrations/cohortsync';
export const MAX_COHORT_BYTES = 128_000;

export function cohortRequests(sb: Sandbox): RecordedRequest[] {
	return sb.requests.filter((r) => r.path === COHORT_PATH);
}

export function bodyOf(request: RecordedRequest): CohortBody {
	return (request.body ?? JSON.parse(request.rawBody)) as CohortBody;
}

export function uidsOf(request: RecordedRequest): string[] {
	return bodyOf(request).parameters.members.map((m) => m.uid);
}

/** `count` user IDs of the same length, e.g. `cohort-user-00042`. */
export function userIds(prefix: string, count: number): string[] {
	return Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
}

/**
 * The fewest requests `count` members of `memberBytes` each can take, given the exact envelope
 * of one request (its bytes with no member).
 */
export function fewestRequests(count: number, memberBytes: number, envelopeBytes: number): number {
	const perRequest = Math.floor((MAX_COHORT_BYTES - envelopeBytes + 1) / (memberBytes + 1));
	return Math.ceil(count / perRequest);
}
