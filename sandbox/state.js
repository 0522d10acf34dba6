// @ts-check
'use strict';
/**
 * Sandbox state (options with defaults, stores, counters) and the per-request context.
 */
const { FaultQueue } = require('./faults');
const { RateLimiter } = require('./rateLimit');
const { UserStore } = require('./userStore');
const { BusinessEventRegistry, DEFAULT_BUSINESS_EVENTS } = require('./businessEventRegistry');
const { InformState } = require('./inform');
const { CohortStore } = require('./cohortStore');
const { identitySettings } = require('./identity');

/**
 * @typedef {'data' | 'businessEvents' | 'inform' | 'campaignStats' | 'unknown'} Family
 *
 * @typedef {{
 *   method: string, path: string, query: Record<string, string>, headers: Record<string, string | string[] | undefined>,
 *   rawBody: string, body: unknown, bytes: number, status: number, family: Family, receivedAt: number,
 *   index: number, route?: string, fault?: import('./faults').Fault['kind'], intendedStatus?: number,
 *   requestId?: string, response?: unknown, durationMs?: number, acceptedCount: number,
 *   acceptedElements?: number, rejectedElements?: Array<{ index: number, reason: string }>, ignoredMembers?: string[]
 * }} RecordedRequest
 *
 * @typedef {{
 *   kind: 'customer' | 'event' | 'device' | 'merge' | 'delete' | 'businessEvent' | 'businessEventCreate' | 'cohortMember',
 *   requestIndex: number, route: string, elementIndex?: number, customer_id?: string, action?: string,
 *   device_id?: string, merged_user?: string, identity_type?: string, identity_value?: string,
 *   event_name?: string, updateExistingOnly?: boolean, cohort_id?: string, identifiers?: Record<string, string>,
 *   campaign_ids?: string[], flow_ids?: string[]
 * }} AcceptedItem
 *
 * @typedef {{
 *   port?: number, workspaceId?: string, dataApiKey?: string, businessEventsApiKey?: string, informApiKey?: string,
 *   informAlerts?: import('./inform').InformAlert[], inform?: Partial<import('./inform').InformSettings>,
 *   rateLimits?: import('./rateLimit').RateLimitSettings,
 *   businessEvents?: import('./businessEventRegistry').BusinessEventDef[],
 *   log?: (line: string) => void, exportEnabled?: boolean, getUserBodyForm?: 'data' | 'root', maxBodyBytes?: number, maxBulkBytes?: number,
 *   maxBusinessEvents?: number, recordBodies?: boolean, clockSkewMs?: number, dbName?: string,
 *   campaignStats?: Partial<import('./campaignStats').CampaignStatsConfig>,
 *   cohortNameLeadingPeriod?: import('./cohortStore').LeadingPeriodRule,
 *   identityResolution?: boolean | Partial<import('./identity').IdentitySettings>,
 *   legacyEmptySearch?: LegacyEmptySearch, v5QuotaUnit?: V5QuotaUnit, v5QuotaAnswer?: V5QuotaAnswer
 * }} SandboxOptions
 *
 * @typedef {'refuse' | 'all'} LegacyEmptySearch
 * @typedef {'trigger' | 'launch'} V5QuotaUnit
 * @typedef {'skip' | '429'} V5QuotaAnswer
 *
 * @typedef {{
 *   workspaceId: string, dataApiKey: string, businessEventsApiKey: string, informApiKey: string, exportEnabled: boolean, getUserBodyForm: 'data' | 'root',
 *   maxBodyBytes: number, maxBulkBytes: number, maxBusinessEvents: number, recordBodies: boolean,
 *   clockSkewMs: number, log?: (line: string) => void,
 *   requests: RecordedRequest[], acceptedItems: AcceptedItem[], faults: FaultQueue, limits: RateLimiter,
 *   users: UserStore, registry: BusinessEventRegistry, inform: InformState,
 *   campaignStats?: Partial<import('./campaignStats').CampaignStatsConfig>,
 *   cohorts: import('./cohortStore').CohortStore, cohortNameLeadingPeriod: import('./cohortStore').LeadingPeriodRule,
 *   identity: import('./identity').IdentitySettings
 *   legacyEmptySearch: LegacyEmptySearch, v5QuotaUnit: V5QuotaUnit, v5QuotaAnswer: V5QuotaAnswer
 * }} SandboxState
 *
 * @typedef {{
 *   state: SandboxState, rec: RecordedRequest, method: string, path: string, query: Record<string, string>,
 *   headers: import('node:http').IncomingHttpHeaders, buf: Buffer, bytes: number, truncated: boolean, now: number
 * }} Ctx
 */

/**
 * @param {SandboxOptions} options
 * @returns {SandboxState}
 */
function createState(options) {
	const workspaceId = options.workspaceId || 'SANDBOXWORKSPACE';
	return {
		workspaceId,
		dataApiKey: options.dataApiKey || 'sandbox-data-key',
		businessEventsApiKey: options.businessEventsApiKey || 'sandbox-be-key',
		informApiKey: options.informApiKey || 'sandbox-inform-key',
		exportEnabled: options.exportEnabled !== false,
		getUserBodyForm: options.getUserBodyForm === 'root' ? 'root' : 'data',
		maxBodyBytes: options.maxBodyBytes || 128 * 1024,
		maxBulkBytes: options.maxBulkBytes || 100 * 1024,
		maxBusinessEvents: options.maxBusinessEvents || 50,
		recordBodies: options.recordBodies !== false,
		clockSkewMs: options.clockSkewMs === undefined ? 5 * 60 * 1000 : options.clockSkewMs,
		log: options.log,
		requests: [],
		acceptedItems: [],
		faults: new FaultQueue(),
		limits: new RateLimiter(options.rateLimits),
		users: new UserStore(),
		registry: new BusinessEventRegistry(options.businessEvents || DEFAULT_BUSINESS_EVENTS, options.dbName || 'Sandbox_App'),
		inform: new InformState({ alerts: options.informAlerts, settings: options.inform }),
		campaignStats: options.campaignStats,
		cohorts: new CohortStore(),
		cohortNameLeadingPeriod: options.cohortNameLeadingPeriod === 'require' ? 'require' : 'refuse',
		identity: identitySettings(options.identityResolution),
		legacyEmptySearch: options.legacyEmptySearch === 'all' ? 'all' : 'refuse',
		v5QuotaUnit: options.v5QuotaUnit === 'launch' ? 'launch' : 'trigger',
		v5QuotaAnswer: options.v5QuotaAnswer === '429' ? '429' : 'skip',
	};
}

/**
 * Records one logical item the sandbox accepted.
 * @param {Ctx} ctx
 * @param {Omit<AcceptedItem, 'requestIndex' | 'route'>} item
 */
function accept(ctx, item) {
	ctx.state.acceptedItems.push({ ...item, requestIndex: ctx.rec.index, route: ctx.rec.route || ctx.path });
	ctx.rec.acceptedCount += 1;
}

module.exports = { createState, accept };
