/**
 * MoEngage's campaign stats endpoint (reference §6), relative to the API host. Its `/core-services/`
 * prefix makes the shared client sign it with the Business Events key and send MOE-APPKEY
 * (`nodes/shared/transport/apiRoutes.ts`).
 */
export const CAMPAIGN_STATS_PATH = '/core-services/v1/campaign-stats';
