// @ts-check
'use strict';
/**
 * Reading and decoding request bodies.
 */

/**
 * Reads the whole body. Bytes beyond `keepBytes` are counted but not kept (so an oversized
 * upload cannot exhaust memory); `truncated` tells when that happened.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} keepBytes
 * @param {(result: { buf: Buffer, bytes: number, truncated: boolean, aborted: boolean }) => void} done
 */
function readBody(req, keepBytes, done) {
	/** @type {Buffer[]} */
	const chunks = [];
	let bytes = 0;
	let kept = 0;
	let finished = false;
	/** @param {boolean} aborted */
	const finish = (aborted) => {
		if (finished) return;
		finished = true;
		const buf = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, kept);
		done({ buf, bytes, truncated: bytes > kept, aborted });
	};
	req.on('data', (/** @type {Buffer} */ chunk) => {
		bytes += chunk.length;
		if (kept < keepBytes) {
			const take = Math.min(chunk.length, keepBytes - kept);
			chunks.push(take === chunk.length ? chunk : chunk.subarray(0, take));
			kept += take;
		}
	});
	req.on('end', () => finish(false));
	req.on('error', () => finish(true));
	req.on('close', () => finish(!req.complete));
}

/**
 * @param {string | undefined} header
 * @returns {'missing' | 'unsupported' | null}
 */
function contentTypeProblem(header) {
	if (header === undefined || header.trim() === '') return 'missing';
	const media = header.split(';')[0].trim().toLowerCase();
	return media === 'application/json' ? null : 'unsupported';
}

/**
 * @param {Buffer} buf
 * @returns {{ ok: true, value: unknown, text: string } | { ok: false, reason: 'empty' | 'malformed', text: string }}
 */
function parseJson(buf) {
	const text = buf.toString('utf8');
	if (text.trim() === '') return { ok: false, reason: 'empty', text };
	try {
		return { ok: true, value: JSON.parse(text), text };
	} catch {
		return { ok: false, reason: 'malformed', text };
	}
}

module.exports = { readBody, contentTypeProblem, parseJson };
