// @ts-check
'use strict';
/** The cohorts cohort sync made (./cohorts.js), kept apart so state.js can hold them without a require cycle. */

/**
 * @typedef {{ cohort_id: string, cohort_name: string, cohort_description?: string, partner: string,
 *   members: Set<string>, ignored: string[] }} CohortRecord
 * @typedef {'refuse' | 'require'} LeadingPeriodRule
 */

class CohortStore {
	constructor() {
		/** @type {Map<string, CohortRecord>} cohort_id -> record */
		this.cohorts = new Map();
	}

	clear() {
		this.cohorts.clear();
	}
}

module.exports = { CohortStore };
