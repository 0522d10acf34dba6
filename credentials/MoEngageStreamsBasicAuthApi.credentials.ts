import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * What MoEngage Streams must send in `Authorization: Basic ...` to the MoEngage Streams Trigger.
 * Inbound only: nothing here calls MoEngage. A credential rather than node parameters so that n8n
 * stores the values encrypted and keeps them out of workflow exports. Same fields as n8n's own
 * "Basic Auth" credential (community nodes may only use credentials of their own package).
 * Checked on save by the trigger's credential test `streamsBasicAuthCheck`.
 */
export class MoEngageStreamsBasicAuthApi implements ICredentialType {
	name = 'moEngageStreamsBasicAuthApi';

	displayName = 'MoEngage Streams Basic Auth API';

	icon: Icon = { light: 'file:../icons/moengage.svg', dark: 'file:../icons/moengage.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-moengage/n8n-nodes-moengage/blob/main/nodes/MoEngageStreamsTrigger/README.md';

	properties: INodeProperties[] = [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			description: 'The Basic auth user name MoEngage sends (agree it with MoEngage support)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Basic auth password MoEngage sends',
		},
	];
}
