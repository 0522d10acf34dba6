import type { INodeProperties } from 'n8n-workflow';

/**
 * How the node checks the caller. MoEngage Streams sends no signature; MoEngage support can set
 * it up to send Basic auth or a fixed custom header, which these mirror. They are node
 * parameters, not n8n credentials, because the same values are typed into MoEngage by hand.
 */
export const authenticationProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'Accept any caller (use the IP allow-list below to narrow it)' },
			{ name: 'Basic Auth', value: 'basicAuth', description: 'MoEngage sends an Authorization: Basic header' },
			{ name: 'Header Auth', value: 'headerAuth', description: 'MoEngage sends a custom header with a fixed value' },
		],
		default: 'none',
		description:
			'What MoEngage must send. A request without it is answered 401, a wrong one 403; neither starts the workflow.',
	},
	{
		displayName: 'User',
		name: 'basicAuthUser',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { authentication: ['basicAuth'] } },
		description: 'The Basic auth user name given to MoEngage',
	},
	{
		displayName: 'Password',
		name: 'basicAuthPassword',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show: { authentication: ['basicAuth'] } },
		description: 'The Basic auth password given to MoEngage',
	},
	{
		displayName: 'Header Name',
		name: 'headerAuthName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. X-Streams-Token',
		displayOptions: { show: { authentication: ['headerAuth'] } },
		description: 'The custom header MoEngage sends (not case-sensitive)',
	},
	{
		displayName: 'Header Value',
		name: 'headerAuthValue',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show: { authentication: ['headerAuth'] } },
		description: 'The exact value MoEngage sends in that header',
	},
];
