import type { IWebhookFunctions } from 'n8n-workflow';

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;

/** What n8n's HTTP layer adds to the request: the raw bytes, and a reader when not yet read. */
interface RequestWithRawBody {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	/** the media type alone, as n8n read it from Content-Type */
	contentType?: string;
	body?: unknown;
}

/**
 * `parsed`: n8n's own JSON.parse of `raw`, when it made one (see `parsedByN8n`), so that the
 * batch is not parsed twice.
 */
export type BodyResult = { ok: true; raw: Buffer; parsed?: unknown } | { ok: false; message: string };

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json$/;

function contentTypeProblem(header: string | undefined): string | undefined {
	const mediaType = (header ?? '').split(';')[0].trim().toLowerCase();
	if (JSON_TYPE.test(mediaType)) return undefined;
	return `Content-Type must be application/json (got ${mediaType === '' ? 'none' : mediaType})`;
}

function tooLarge(maxBytes: number): string {
	return `The body is larger than this node accepts (${Math.floor(maxBytes / 1024)} KB; see the node's Max Body Size option)`;
}

/**
 * n8n 2.x parses the body before the node runs when the node's version is not 1 and the
 * Content-Type is exactly application/json; `req.body` is then JSON.parse of `req.rawBody`. In
 * every other case `req.body` is not the body (n8n may leave `{}` there), so it is not used.
 */
function parsedByN8n(request: RequestWithRawBody, n8nParsesJson: boolean): unknown {
	if (!n8nParsesJson || request.contentType !== 'application/json') return undefined;
	const { body } = request;
	return typeof body === 'object' && body !== null ? body : undefined;
}

/**
 * The raw body, after the checks that need no parsing: content type and size. The size is
 * checked from Content-Length before reading, and again on the bytes (chunked or compressed
 * bodies have no usable Content-Length). `n8nParsesJson`: the node's version lets n8n parse JSON
 * bodies itself (versions after 1).
 */
export async function readRawBody(req: WebhookRequest, maxBytes: number, n8nParsesJson = false): Promise<BodyResult> {
	const typeProblem = contentTypeProblem(req.headers['content-type']);
	if (typeProblem) return { ok: false, message: typeProblem };

	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, message: tooLarge(maxBytes) };

	const request = req as unknown as RequestWithRawBody;
	if (!request.rawBody && typeof request.readRawBody === 'function') {
		try {
			await request.readRawBody();
		} catch (error) {
			const status = (error as { status?: unknown }).status;
			const message =
				status === 413
					? 'The body is larger than n8n accepts (N8N_PAYLOAD_SIZE_MAX)'
					: `The body could not be read (${error instanceof Error ? error.message : String(error)})`;
			return { ok: false, message };
		}
	}
	const raw = request.rawBody;
	if (!raw || raw.length === 0) {
		return { ok: false, message: 'The body is empty: expected a JSON Streams batch {"events": [...]}' };
	}
	if (raw.length > maxBytes) return { ok: false, message: tooLarge(maxBytes) };
	return { ok: true, raw, parsed: parsedByN8n(request, n8nParsesJson) };
}
