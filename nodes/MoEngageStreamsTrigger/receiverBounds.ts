/** Bounds the Streams receiver applies to what it accepts, and the defaults of its settings. */

/**
 * Default body bound, in KB (1 KB = 1024 bytes). A Streams batch is about 100 events (tens to a
 * few hundred KB); 10 MB leaves room for large attribute sets and stays under n8n's own
 * N8N_PAYLOAD_SIZE_MAX (16 MB by default), so the node's clear 400 answers first.
 */
export const DEFAULT_MAX_BODY_KB = 10_240;

/** Deepest JSON nesting accepted (the documented batch is 4 levels deep). */
export const MAX_JSON_DEPTH = 64;

/**
 * Largest `event_time` accepted: 9999-12-31T23:59:59Z in epoch seconds. It also refuses epoch
 * milliseconds sent by mistake (today's are about 1.7e12).
 */
export const MAX_EPOCH_SECONDS = 253_402_300_799;

/** De-duplication defaults: MoEngage's retries of a batch span about 3.5 minutes. */
export const DEFAULT_DEDUPE_WINDOW_MINUTES = 10;
export const DEFAULT_DEDUPE_MAX_ENTRIES = 100_000;
