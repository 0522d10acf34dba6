// @ts-check
'use strict';
/**
 * Cohort sync (`POST /v1/integrations/cohortsync`, current reference §5): one cohort payload per
 * request; members are matched against the users the sandbox knows, unknown ones are ignored (as
 * MoEngage does, answering 200 anyway) but recorded, so tests can see them.
 */
const { dataFail, dataSuccess } = require('./responses');
const { accept } = require('./state');
const v = require('./validation');

/** @typedef {import('./cohortStore').LeadingPeriodRule} LeadingPeriodRule */

/** Characters the reference forbids in `cohort_name`. */
const FORBIDDEN = ['|', '*', '?', '\\', ':', '<', '>', '=', '$', '"'];

/**
 * @param {string} rid
 * @param {string} field
 */
function missing(rid, field) {
	return dataFail(400, 'MissingAttributeError', `${field} is not found in the payload`, rid);
}

/**
 * @param {string} rid
 * @param {string} message
 */
function invalid(rid, message) {
	return dataFail(400, 'InvalidParams', message, rid);
}

/**
 * @param {import('./state').Ctx} ctx
 * @param {Record<string, unknown>} body
 * @param {string} rid
 * @returns {import('./responses').SandboxResponse}
 */
function handleCohortSync(ctx, body, rid) {
	const { state } = ctx;
	if (body.action === undefined) return missing(rid, 'action');
	if (body.action !== 'add_members' && body.action !== 'remove_members') {
		return invalid(rid, 'action must be "add_members" or "remove_members"');
	}
	if (body.partner === undefined) return missing(rid, 'partner');
	if (typeof body.partner !== 'string' || body.partner === '') return invalid(rid, 'partner must be a non-empty string');
	const p = body.parameters;
	if (p === undefined) return missing(rid, 'parameters');
	if (!v.isPlainObject(p)) return invalid(rid, 'parameters must be an object');
	for (const field of ['cohort_name', 'cohort_id']) {
		if (p[field] === undefined) return missing(rid, field);
		if (typeof p[field] !== 'string' || p[field] === '') return invalid(rid, `${field} must be a non-empty string`);
	}
	if (p.cohort_description !== undefined && typeof p.cohort_description !== 'string') {
		return invalid(rid, 'cohort_description must be a string');
	}
	const name = /** @type {string} */ (p.cohort_name);
	const bad = FORBIDDEN.find((c) => name.includes(c));
	if (bad !== undefined) return invalid(rid, `cohort_name must not contain any of ${FORBIDDEN.join(' ')} (found ${JSON.stringify(bad)})`);
	if (state.cohortNameLeadingPeriod === 'refuse' && name.startsWith('.')) return invalid(rid, 'cohort_name must not start with "."');
	if (state.cohortNameLeadingPeriod === 'require' && !name.startsWith('.')) return invalid(rid, 'cohort_name must start with "."');
	if (p.members === undefined) return missing(rid, 'members');
	const members = p.members;
	if (!Array.isArray(members) || members.some((m) => !v.isPlainObject(m) || typeof m.uid !== 'string' || m.uid === '')) {
		return invalid(rid, 'members must be a list of {"uid": "<user id>"}');
	}

	const hit = state.limits.takeCohort(ctx.now);
	if (hit) {
		return {
			status: 429,
			body: { status: 'fail', error: { type: 'Rate Limit Exceeded', message: 'Rate limits for customers exceeded. Please Try After Some Time', request_id: rid } },
			headers: { ...hit.headers, 'retry-after': String(hit.retryAfter) },
		};
	}

	const id = /** @type {string} */ (p.cohort_id);
	let cohort = state.cohorts.cohorts.get(id);
	if (!cohort) {
		cohort = { cohort_id: id, cohort_name: name, partner: body.partner, members: new Set(), ignored: [] };
		state.cohorts.cohorts.set(id, cohort);
	}
	cohort.cohort_name = name;
	if (typeof p.cohort_description === 'string') cohort.cohort_description = p.cohort_description;
	/** @type {string[]} */
	const ignored = [];
	for (const m of /** @type {Array<{ uid: string }>} */ (members)) {
		if (!state.users.users.has(m.uid)) {
			ignored.push(m.uid);
			continue;
		}
		if (body.action === 'add_members') cohort.members.add(m.uid);
		else cohort.members.delete(m.uid);
		accept(ctx, { kind: 'cohortMember', customer_id: m.uid, action: body.action, cohort_id: id });
	}
	cohort.ignored.push(...ignored);
	ctx.rec.ignoredMembers = ignored;
	return dataSuccess(rid);
}

module.exports = { handleCohortSync, COHORT_NAME_FORBIDDEN: FORBIDDEN };
