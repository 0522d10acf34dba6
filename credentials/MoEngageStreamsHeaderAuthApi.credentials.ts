import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The fixed header MoEngage Streams must send to the MoEngage Streams Trigger. Inbound only:
 * nothing here calls MoEngage. A credential rather than node parameters so that n8n stores the
 * value encrypted and keeps it out of workflow exports. Same fields as n8n's own "Header Auth"
 * credential (community nodes may only use credentials of their own package).
 * Checked on save by the trigger's credential test `streamsHeaderAuthCheck`.
 */
export class MoEngageStreamsHeaderAuthApi implements ICredentialType {
	name = 'moEngageStreamsHeaderAuthApi';

	displayName = 'MoEngage Streams Header Auth API';

	icon: Icon = { light: 'file:../icons/moengage.svg', dark: 'file:../icons/moengage.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage/blob/main/nodes/MoEngageStreamsTrigger/README.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. X-Streams-Token',
			description: 'The header MoEngage sends (letters, digits and - _ .; not case-sensitive)',
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The exact value MoEngage sends in that header: visible ASCII characters (letters, digits, punctuation, inner spaces), no space at either end',
		},
	];
}
