/** MoEngage Inform's endpoint (current reference §4). The path decides the key: see shared apiRoutes.ts. */
export const SEND_ALERT_PATH = '/v1.0/alerts/send';

/** The five channels an alert can use, as MoEngage names them in `payloads`. */
export const CHANNELS = ['SMS', 'RCS', 'WHATSAPP', 'EMAIL', 'PUSH'] as const;

export type Channel = (typeof CHANNELS)[number];

/** MoEngage refuses a longer `transaction_id`. */
export const MAX_TRANSACTION_ID_LENGTH = 50;

/** How long MoEngage refuses a repeated `transaction_id` (409 "Duplicate Transaction ID"). */
export const DUPLICATE_WINDOW_MINUTES = 5;

/** Inform's default rate limit. */
export const REQUESTS_PER_MINUTE = 10_000;
