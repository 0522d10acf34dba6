import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { DEFAULT_RATE_LIMITS } from '../../../sandbox';
import type { RunOptions } from '../helpers';
import { requestsTo, runBusinessEvent, triggerJsonParameters, useSandbox } from '../helpers';

/**
 * Version 2's own quota check: before each trigger the node counts what this execution has spent
 * (campaigns: 10 per 5 minutes, 50 per hour, 200 per day; flows: 3 per hour, 10 per day) and fails
 * the items that would go over, saying which quota and when the next trigger is possible.
 */
let sb: Sandbox;

useSandbox(
	(s) => {
		sb = s;
		sb.addBusinessEvent({ event_name: 'FlowOnly', flow_ids: ['f1'] });
	},
	{},
	(s) => {
		// The sandbox's own windows are opened wide, so that what is tested is the node's count.
		s.setRateLimits({ ...DEFAULT_RATE_LIMITS, beTriggerPer5Min: 1000, beTriggerPerHour: 1000, beTriggerPerDay: 1000, beFlowTriggerPerHour: 1000, beFlowTriggerPerDay: 1000 });
		s.v5QuotaAnswer = 'skip';
	},
);

async function fire(count: number, options: INodeParameters = {}, event = 'NewMovies', runOptions: RunOptions = {}) {
	const parameters: INodeParameters = triggerJsonParameters(event, '{}', { options });
	const started = Date.now();
	const result = await runBusinessEvent(sb, parameters, Array.from({ length: count }, () => ({})), {
		typeVersion: 2,
		continueOnFail: true,
		...runOptions,
	});
	return { ...result, started, finished: Date.now() };
}

const ISO = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)/;

function nextAtOf(message: unknown): number {
	const match = ISO.exec(String(message));
	expect(match).not.toBeNull();
	return Date.parse(match![1]);
}

const triggers = () => requestsTo(sb, 'businessEventTriggerV5');

describe('Trigger quotas (version 2)', () => {
	test('5 minutes: the 11th trigger of a run fails without sending, saying the quota and when the next one fits', async () => {
		const { outputs, started, finished } = await fire(12);
		expect(triggers()).toHaveLength(10);
		const json = outputs[0].map((o) => o.json);
		expect(json.slice(0, 10).every((j) => j.triggered_status === 'SUCCESS')).toBe(true);
		for (const [index, item] of json.slice(10).entries()) {
			expect(String(item.error)).toMatch(
				new RegExp(
					`^Business event quota: this execution already made 10 triggers that started campaigns within the last 5 minutes \\(quota: 10 per 5 minutes\\); the next trigger is possible at \\S+ \\(in \\d+ min\\) \\[item ${10 + index}\\]$`,
				),
			);
			expect(String(item.description)).toMatch(/^Nothing was sent for this item\. MoEngage allows per workspace 10 per 5 minutes, 50 per hour, 200 per day for campaigns/);
			const nextAt = nextAtOf(item.error);
			expect(nextAt).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 + 5 * 60_000);
			expect(nextAt).toBeLessThanOrEqual(finished + 5 * 60_000);
		}
		expect(outputs[0].map((o) => o.pairedItem)).toEqual(Array.from({ length: 12 }, (_, item) => ({ item })));
	});

	test('hour: with the 5-minute check off, the 51st trigger fails naming 50 per hour', async () => {
		const { outputs, started, finished } = await fire(51, { quotaPer5Minutes: 0 });
		expect(triggers()).toHaveLength(50);
		const last = outputs[0][50].json;
		expect(String(last.error)).toMatch(
			/^Business event quota: this execution already made 50 triggers that started campaigns within the last hour \(quota: 50 per hour\); the next trigger is possible at \S+ \(in (59|60) min\) \[item 50\]$/,
		);
		const nextAt = nextAtOf(last.error);
		expect(nextAt).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 + 60 * 60_000);
		expect(nextAt).toBeLessThanOrEqual(finished + 60 * 60_000);
	});

	test('day: with the shorter checks off, the 201st trigger fails naming 200 per day', async () => {
		const { outputs, started, finished } = await fire(201, { quotaPer5Minutes: 0, quotaPerHour: 0 });
		expect(triggers()).toHaveLength(200);
		const last = outputs[0][200].json;
		expect(String(last.error)).toMatch(
			/^Business event quota: this execution already made 200 triggers that started campaigns within the last day \(quota: 200 per day\); the next trigger is possible at \S+ \(in 24 h\) \[item 200\]$/,
		);
		const nextAt = nextAtOf(last.error);
		expect(nextAt).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 + 24 * 60 * 60_000);
		expect(nextAt).toBeLessThanOrEqual(finished + 24 * 60 * 60_000);
	});

	test('a raised quota set in Options is used instead of the documented one', async () => {
		const { outputs } = await fire(13, { quotaPer5Minutes: 12 });
		expect(triggers()).toHaveLength(12);
		expect(String(outputs[0][12].json.error)).toContain('(quota: 12 per 5 minutes)');
	});

	test('an event known to start only flows is held to the flow quota: 3 per hour', async () => {
		const { outputs } = await fire(5, {}, 'FlowOnly');
		expect(triggers()).toHaveLength(3);
		expect(String(outputs[0][3].json.error)).toMatch(
			/^Business event quota: this execution already made 3 triggers that started flows within the last hour \(quota: 3 per hour\)/,
		);
		expect(String(outputs[0][3].json.description)).toContain('3 per hour, 10 per day for flows');
	});

	test('MoEngage\'s own figures win: a 429 with Retry-After beyond the wait fails the item with MoEngage\'s time, and later items are not sent', async () => {
		sb.setRateLimits({ beTriggerPer5Min: 2 });
		sb.v5QuotaAnswer = '429';
		const { outputs, finished } = await fire(4);
		expect(triggers()).toHaveLength(3);
		const [third, fourth] = outputs[0].slice(2).map((o) => o.json);
		expect(String(third.error)).toMatch(/^MoEngage business event quota reached \(.*\): try again after \S+ \(in 5 min\)$/);
		expect(nextAtOf(third.error)).toBeLessThanOrEqual(finished + 5 * 60_000);
		expect(String(fourth.error)).toMatch(/try again after/);
		expect(String(fourth.description)).toMatch(/^This item was not sent/);
	});
});
