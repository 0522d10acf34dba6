/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test reads the repository's README */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions, TriggerPanelDefinition } from 'n8n-workflow';

import { MoEngageStreamsBasicAuthApi } from '../../credentials/MoEngageStreamsBasicAuthApi.credentials';
import { MoEngageStreamsHeaderAuthApi } from '../../credentials/MoEngageStreamsHeaderAuthApi.credentials';
import { MoEngageStreamsTrigger } from '../../nodes/MoEngageStreamsTrigger/MoEngageStreamsTrigger.node';
import codex from '../../nodes/MoEngageStreamsTrigger/MoEngageStreamsTrigger.node.json';
import { resetDuplicateMemory } from '../../nodes/MoEngageStreamsTrigger/webhook/deduplicate';
import { callWebhook } from './webhookHarness';

beforeEach(() => resetDuplicateMemory());

const { description } = new MoEngageStreamsTrigger();
const README_ANCHOR = 'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage#moengage-streams-trigger';

/** Labels n8n 2.41's editor shows around a webhook trigger (checked in n8n-editor-ui 2.41.1). */
const N8N_LABELS = ['Webhook URLs', 'Test URL', 'Production URL', 'Listen for test event', 'When will this node trigger my flow?'];

function property(name: string, properties: INodeProperties[] = description.properties): INodeProperties {
	const found = properties.find((p) => p.name === name);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

function optionsOf(p: INodeProperties): INodePropertyOptions[] {
	return (p.options ?? []) as INodePropertyOptions[];
}

/** Every label a text may name in bold: parameter, option, output and credential names, n8n's own labels. */
function knownLabels(): Set<string> {
	const labels = new Set<string>([...N8N_LABELS, ...(description.outputNames ?? [])]);
	const walk = (properties: INodeProperties[]) => {
		for (const p of properties) {
			labels.add(p.displayName);
			for (const option of p.options ?? []) {
				if ('displayName' in option) walk([option as INodeProperties]);
				else if ('name' in option) labels.add(option.name);
			}
		}
	};
	walk(description.properties);
	labels.add(new MoEngageStreamsBasicAuthApi().displayName);
	labels.add(new MoEngageStreamsHeaderAuthApi().displayName);
	return labels;
}

function panel(): TriggerPanelDefinition {
	const value = description.triggerPanel;
	if (typeof value !== 'object') throw new Error('no triggerPanel object');
	return value;
}

function panelTexts(): string[] {
	const { header, executionsHelp, activationHint } = panel();
	const texts: string[] = [];
	for (const entry of [header, executionsHelp, activationHint]) {
		if (typeof entry === 'string') texts.push(entry);
		else if (entry) texts.push(entry.active, entry.inactive);
	}
	return texts;
}

function decodeHtml(text: string): string {
	return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The curl command of a help text: its URL placeholder, headers and the JSON it sends. */
function curlOf(html: string) {
	const code = /<code>(curl [\s\S]*?)<\/code>/.exec(html);
	if (!code) throw new Error('no curl in the text');
	const command = decodeHtml(code[1]);
	const data = /--data '([^']*)'/.exec(command);
	if (!data) throw new Error('the curl sends no --data');
	return { command, body: JSON.parse(data[1]) as Record<string, unknown> };
}

describe('MoEngage Streams Trigger: panel texts', () => {
	it('explains in the trigger panel how to send a test batch, with a ready curl for the Test URL', () => {
		const { executionsHelp, activationHint, header } = panel();
		expect(header).toEqual(expect.any(String));
		expect(executionsHelp).toEqual({ inactive: expect.any(String), active: expect.any(String) });
		expect(activationHint).toEqual({ inactive: expect.any(String), active: expect.any(String) });
		for (const html of [(executionsHelp as { inactive: string }).inactive, (executionsHelp as { active: string }).active]) {
			expect(html).toMatch(/<b>Listen for test event<\/b>/);
			expect(html).toMatch(/<b>Test URL<\/b>/);
			const { command } = curlOf(html);
			expect(command).toMatch(/^curl -i -X POST '<Test URL>' -H 'Content-Type: application\/json' --data '/);
		}
	});

	it('its sample batch is one the node takes as it is, every event on the Events output', async () => {
		const { body } = curlOf((panel().executionsHelp as { inactive: string }).inactive);
		const run = await callWebhook({}, { body, bodyDelivery: 'parsed', typeVersion: description.defaultVersion });
		expect(run.started).toBe(true);
		expect(run.rejected).toEqual([]);
		expect(run.events).toHaveLength((body.events as unknown[]).length);
		expect(run.events.map((item) => item.json.channel)).toEqual(['Email', 'Push']);
	});

	it('says how to reach the Production URL (n8n opens its URL box collapsed, on the Test URL)', () => {
		const notice = property('setupNotice').displayName;
		expect(notice).toMatch(/<b>Webhook URLs<\/b>/);
		expect(notice).toMatch(/<b>Production URL<\/b>/);
		expect(notice).not.toMatch(/Production URL<\/b> above/);
	});

	it('names in <b> only labels that exist (headings use <strong>)', () => {
		const labels = knownLabels();
		const texts = [
			...panelTexts(),
			...description.properties.filter((p) => p.type === 'notice').map((p) => p.displayName),
			...description.properties.flatMap((p) => [p.description ?? '', ...optionsOf(p).map((o) => o.description ?? '')]),
		];
		const named = texts.flatMap((text) => [...text.matchAll(/<b>([^<]+)<\/b>/g)].map((m) => decodeHtml(m[1])));
		expect(named.length).toBeGreaterThan(5);
		for (const label of named) expect([label, labels.has(label)]).toEqual([label, true]);
	});

	it('points "None" at the IP allow-list where it is: Options → IP Allow-List', () => {
		const none = optionsOf(property('authentication')).find((o) => o.value === 'none');
		expect(none?.description).toMatch(/Options → IP Allow-List/);
		const settings = property('settings');
		expect(settings.displayName).toBe('Options');
		expect((settings.options as INodeProperties[]).map((p) => p.displayName)).toContain('IP Allow-List');
	});

	it('says what to choose when MoEngage is set up for OAuth 2.0, which the node cannot check', () => {
		const authentication = property('authentication');
		expect(authentication.description).toMatch(/OAuth 2\.0/);
		expect(authentication.description).toMatch(/Header Auth/);
		expect(authentication.description).toMatch(/Basic Auth/);
		const byValue = new Map(optionsOf(authentication).map((o) => [o.value, o.description ?? '']));
		expect(byValue.get('headerAuth')).toMatch(/OAuth 2\.0/);
		expect(byValue.get('basicAuth')).toMatch(/OAuth 2\.0/);
	});
});

describe('MoEngage Streams Trigger: documentation link', () => {
	it('points the node and its codex at the Streams Trigger section of the README', () => {
		expect(description.documentationUrl).toBe(README_ANCHOR);
		expect(codex.resources.primaryDocumentation).toEqual([{ url: README_ANCHOR }]);
		const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
		expect(readme).toMatch(/^## MoEngage Streams Trigger$/m);
	});
});
