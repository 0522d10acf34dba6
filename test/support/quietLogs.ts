/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
// n8n-core logs every failed node at error level; the tests assert those failures, so their log
// lines are noise. N8N_LOG_LEVEL=error (or debug) in the shell brings them back.
process.env.N8N_LOG_LEVEL ??= 'silent';
