import type { INodeProperties } from 'n8n-workflow';

/**
 * How the node checks the caller. MoEngage Streams sends no signature; MoEngage support can set
 * it up to send Basic auth or a fixed custom header, which these mirror. The values themselves
 * are in a credential (see `credentials` in the node description), which n8n stores encrypted
 * and leaves out of workflow exports.
 */
export const authenticationProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'None', value: 'none', description: 'Accept any caller (use the IP allow-list below to narrow it)' },
			{
				name: 'Basic Auth',
				value: 'basicAuth',
				description: 'MoEngage sends an Authorization: Basic header with the user and password of a credential',
			},
			{
				name: 'Header Auth',
				value: 'headerAuth',
				description: 'MoEngage sends a custom header with the name and value of a credential',
			},
		],
		default: 'none',
		description:
			'What MoEngage must send. A request without it is answered 401, a wrong one 403; neither starts the workflow.',
	},
	{
		displayName:
			'Create a <b>MoEngage Streams Basic Auth API</b> credential with the user and password that MoEngage support will send, and select it above. n8n keeps it encrypted; it is not part of the workflow export.',
		name: 'basicAuthNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['basicAuth'] } },
	},
	{
		displayName:
			'Create a <b>MoEngage Streams Header Auth API</b> credential with the header name and value that MoEngage support will send, and select it above. n8n keeps it encrypted; it is not part of the workflow export.',
		name: 'headerAuthNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { authentication: ['headerAuth'] } },
	},
];
