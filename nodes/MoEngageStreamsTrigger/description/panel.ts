import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

/**
 * What the editor shows around the webhook URLs: the setup notice at the top of the parameters and
 * the trigger panel (header, hint and "When will this node trigger my flow?"). n8n opens its
 * Webhook URLs box collapsed, on the Test URL, and while listening for a test event shows a fixed
 * text for community triggers ("Go to MoEngage Streams and create an event"): so the texts say
 * where each URL is, and the help shown before listening carries a ready test request.
 * In these texts `<b>` names a label the editor shows (a test checks each exists); `<strong>`
 * marks a heading.
 */

/** A short batch in MoEngage's documented format: it is what MoEngage would send. */
const SAMPLE_BATCH = {
	app_name: 'n8n test',
	source: 'MOENGAGE',
	moe_request_id: 'n8n-test-request',
	events: [
		{
			event_name: 'Email Sent',
			event_code: 'MOE_EMAIL_SENT',
			event_uuid: 'n8n-test-event-1',
			event_time: 1580967474,
			event_type: 'CAMPAIGN_EVENT',
			event_source: 'MOENGAGE',
			email_id: 'user@example.com',
			uid: 'n8n-test-user',
			event_attributes: {
				campaign_id: 'n8n-test-campaign',
				campaign_name: 'Test campaign',
				campaign_type: 'General',
				campaign_channel: 'Email',
			},
			user_attributes: { moengage_user_id: 'n8n-test-moengage-user' },
			device_attributes: {},
		},
		{
			event_name: 'User Added to Control Group',
			event_code: 'MOE_CAMPAIGN_CONTROL_GROUP',
			event_uuid: 'n8n-test-event-2',
			event_time: 1580967474,
			event_type: 'CAMPAIGN_EVENT',
			event_source: 'MOENGAGE',
			uid: 'n8n-test-user',
			event_attributes: {
				campaign_id: 'n8n-test-campaign',
				campaign_name: 'Test campaign',
				campaign_type: 'General',
				campaign_channel: 'Push',
			},
			user_attributes: { moengage_user_id: 'n8n-test-moengage-user' },
			device_attributes: {},
		},
	],
};

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const CURL = escapeHtml(
	`curl -i -X POST '<Test URL>' -H 'Content-Type: application/json' --data '${JSON.stringify(SAMPLE_BATCH)}'`,
);

const TEST_STEPS =
	'<strong>To try it</strong>: click <b>Listen for test event</b>, then open <b>Webhook URLs</b> in the parameters, choose <b>Test URL</b> and copy it. MoEngage cannot send to it (it listens for about 2 minutes), so send a sample batch yourself, with the Test URL in place of &lt;Test URL&gt;:' +
	`<pre><code>${CURL}</code></pre>` +
	'With Basic Auth add <code>-u user:password</code>, with Header Auth <code>-H \'Name: value\'</code> (the values of the selected credential). With <b>Deduplicate Events</b> on, change the event_uuid values to send it again.';

export const triggerPanel: TriggerPanelDefinition = {
	header: 'Receive MoEngage Streams batches',
	executionsHelp: {
		inactive:
			`${TEST_STEPS}<br /><br />` +
			'<strong>For MoEngage</strong>: open <b>Webhook URLs</b>, choose <b>Production URL</b>, give that URL to MoEngage (Streams settings, or MoEngage support) and publish this workflow. Every batch MoEngage posts then starts an execution; these show in the <a data-key="executions">executions list</a>, not in the editor.',
		active:
			`${TEST_STEPS}<br /><br />` +
			'<strong>This workflow is published</strong>: every batch MoEngage posts to the <b>Production URL</b> starts an execution; these show in the <a data-key="executions">executions list</a>, not in the editor.',
	},
	activationHint: {
		inactive:
			'MoEngage posts to the <b>Production URL</b> (under <b>Webhook URLs</b>), which answers once this workflow is published.',
		active: 'Batches MoEngage posts to the <b>Production URL</b> start executions (shown in the executions list, not here).',
	},
};

export const setupNoticeProperties: INodeProperties[] = [
	{
		displayName:
			'MoEngage has no API to register this URL: open <b>Webhook URLs</b> above, choose <b>Production URL</b>, give that URL to MoEngage (your Streams settings, or MoEngage support) and publish (activate) this workflow. To try the node first, click <b>Listen for test event</b> and post the sample shown under <b>When will this node trigger my flow?</b> to the <b>Test URL</b>. To have callers checked, ask MoEngage support to send Basic auth or a fixed header and choose the matching <b>Authentication</b> below. MoEngage resends a batch that gets no 2xx answer 3 times over about 3.5 minutes, then drops it. Events that break MoEngage’s documented format go to the <b>Rejected</b> output, with the reason.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
];
