/**
 * The bench's load generator, on undici: keep-alive connections to one origin, a fixed number of
 * requests in flight, every response body read to the end.
 */
import { Pool } from 'undici';

export interface PlannedRequest {
	path: string;
	body: string;
	headers?: Record<string, string>;
}

export interface LoadResult {
	sent: number;
	byStatus: Record<string, number>;
	bytesSent: number;
	wallMs: number;
	/** per request, ms from send to the end of the response (same order as the plan) */
	latenciesMs: number[];
}

export interface LoadOptions {
	/** requests in flight at once (one keep-alive connection each) */
	concurrency: number;
	headers?: Record<string, string>;
	/** keep per-request latencies (costs memory for big runs) */
	keepLatencies?: boolean;
	/** called after each response with the status; may wait (e.g. on a 429) and ask to send again */
	onResponse?: (status: number, headers: Record<string, string | string[] | undefined>) => Promise<'again' | 'next'> | 'next';
}

export class LoadGenerator {
	private readonly pool: Pool;

	constructor(readonly origin: string, connections: number) {
		this.pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
	}

	/** Sends `count` requests built by `plan(i)`, `concurrency` at a time. */
	async run(count: number, plan: (i: number) => PlannedRequest, options: LoadOptions): Promise<LoadResult> {
		const result: LoadResult = { sent: 0, byStatus: {}, bytesSent: 0, wallMs: 0, latenciesMs: [] };
		let next = 0;
		const started = performance.now();
		const worker = async () => {
			for (;;) {
				const i = next++;
				if (i >= count) return;
				const request = plan(i);
				for (;;) {
					const t0 = performance.now();
					const response = await this.pool.request({
						method: 'POST',
						path: request.path,
						headers: { 'content-type': 'application/json', ...options.headers, ...request.headers },
						body: request.body,
					});
					await response.body.dump();
					if (options.keepLatencies) result.latenciesMs[i] = performance.now() - t0;
					result.sent++;
					result.bytesSent += Buffer.byteLength(request.body);
					result.byStatus[response.statusCode] = (result.byStatus[response.statusCode] ?? 0) + 1;
					const verdict = options.onResponse
						? await options.onResponse(response.statusCode, response.headers)
						: 'next';
					if (verdict === 'next') break;
				}
			}
		};
		await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
		result.wallMs = performance.now() - started;
		return result;
	}

	async close(): Promise<void> {
		await this.pool.close();
	}
}

/** `Authorization` and `MOE-APPKEY` headers of the Data API for a workspace and key. */
export function dataApiHeaders(workspaceId: string, dataApiKey: string): Record<string, string> {
	return {
		authorization: `Basic ${Buffer.from(`${workspaceId}:${dataApiKey}`).toString('base64')}`,
		'moe-appkey': workspaceId,
	};
}
