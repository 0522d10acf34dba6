import { makeStreamsBatch, sampleStreamsBatch } from '../../sandbox';
import { resetDuplicateMemory } from '../../nodes/MoEngageStreamsTrigger/webhook/deduplicate';
import { callWebhook } from './webhookHarness';

beforeEach(() => resetDuplicateMemory());

type Event = Record<string, unknown>;

function campaignEvent(code: string, campaignChannel?: unknown, extra: Event = {}): Event {
	const [base] = sampleStreamsBatch().events as unknown as Event[];
	const attributes = { ...(base.event_attributes as Event) };
	if (campaignChannel === undefined) delete attributes.campaign_channel;
	else attributes.campaign_channel = campaignChannel;
	return { ...base, event_code: code, event_name: code, event_uuid: `${code}-${String(campaignChannel)}`, event_attributes: attributes, ...extra };
}

async function channels(typeVersion: number, events: Event[], parameters: Record<string, unknown> = {}) {
	const run = await callWebhook(parameters, { body: { app_name: 'App', events }, bodyDelivery: 'parsed', typeVersion });
	return run.events.map((item) => [item.json.event_code, item.json.channel]);
}

/**
 * MoEngage's code table gives the control group no channel ("-"), but each control-group event
 * names its campaign's channel in event_attributes.campaign_channel. From version 1.2 the item's
 * channel (and the Channels filter) take it from there when the code implies none.
 */
describe('MoEngage Streams Trigger 1.2: the channel of codes that imply none comes from campaign_channel', () => {
	it('gives a control-group event its campaign’s channel, in the table’s spelling', async () => {
		expect(
			await channels(1.2, [
				campaignEvent('MOE_CAMPAIGN_CONTROL_GROUP', 'Push'),
				campaignEvent('MOE_CAMPAIGN_CONTROL_GROUP', 'EMAIL'),
				campaignEvent('MOE_CAMPAIGN_CONTROL_GROUP', ' sms '),
			]),
		).toEqual([
			['MOE_CAMPAIGN_CONTROL_GROUP', 'Push'],
			['MOE_CAMPAIGN_CONTROL_GROUP', 'Email'],
			['MOE_CAMPAIGN_CONTROL_GROUP', 'SMS'],
		]);
	});

	it('does the same for campaign codes outside the table, keeping a channel it does not know as sent', async () => {
		expect(
			await channels(1.2, [campaignEvent('MOE_WHATSAPP_SENT', 'WhatsApp'), campaignEvent('MOE_NEW_CODE', 'push')]),
		).toEqual([
			['MOE_WHATSAPP_SENT', 'WhatsApp'],
			['MOE_NEW_CODE', 'Push'],
		]);
	});

	it('keeps null without a usable campaign_channel, and for user actions', async () => {
		expect(
			await channels(1.2, [
				campaignEvent('MOE_CAMPAIGN_CONTROL_GROUP'),
				campaignEvent('MOE_CAMPAIGN_CONTROL_GROUP', ''),
				campaignEvent('MOE_CAMPAIGN_CONTROL_GROUP', 7),
				campaignEvent('MOE_CAMPAIGN_CONTROL_GROUP', null, { event_attributes: null }),
				campaignEvent('Added to Cart', 'Push', { event_type: 'USER_ACTION_EVENT' }),
			]),
		).toEqual([
			['MOE_CAMPAIGN_CONTROL_GROUP', null],
			['MOE_CAMPAIGN_CONTROL_GROUP', null],
			['MOE_CAMPAIGN_CONTROL_GROUP', null],
			['MOE_CAMPAIGN_CONTROL_GROUP', null],
			['Added to Cart', null],
		]);
	});

	it('keeps the channel a documented code implies, whatever campaign_channel says', async () => {
		expect(await channels(1.2, [campaignEvent('MOE_EMAIL_SENT', 'Push')])).toEqual([['MOE_EMAIL_SENT', 'Email']]);
	});

	it('filters on the same channel the item gets', async () => {
		const events = [campaignEvent('MOE_CAMPAIGN_CONTROL_GROUP', 'Push'), campaignEvent('MOE_CAMPAIGN_CONTROL_GROUP')];
		expect(await channels(1.2, events, { channels: ['Push'] })).toEqual([['MOE_CAMPAIGN_CONTROL_GROUP', 'Push']]);
		expect(await channels(1.2, events, { channels: ['none'] })).toEqual([['MOE_CAMPAIGN_CONTROL_GROUP', null]]);
	});

	it('gives every event of a generated batch a channel, control group included', async () => {
		const batch = makeStreamsBatch({ events: 66 });
		const run = await callWebhook({}, { body: batch, bodyDelivery: 'parsed', typeVersion: 1.2 });
		expect(run.events).toHaveLength(66);
		for (const item of run.events) expect(item.json.channel).toEqual(expect.any(String));
	});

	it.each([1, 1.1])('version %s keeps the code-only channel (null for the control group), items and filter alike', async (typeVersion) => {
		const events = [campaignEvent('MOE_CAMPAIGN_CONTROL_GROUP', 'Push'), campaignEvent('MOE_WHATSAPP_SENT', 'WhatsApp')];
		expect(await channels(typeVersion, events)).toEqual([
			['MOE_CAMPAIGN_CONTROL_GROUP', null],
			['MOE_WHATSAPP_SENT', null],
		]);
		expect(await channels(typeVersion, events, { channels: ['Push'] })).toEqual([]);
		expect(await channels(typeVersion, events, { channels: ['none'] })).toHaveLength(2);
	});
});
