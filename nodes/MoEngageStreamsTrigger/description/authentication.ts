import type { INodeProperties } from 'n8n-workflow';

/**
 * How the node checks the caller. MoEngage Streams sends no signature; MoEngage support can set
 * it up to send Basic auth or a fixed custom header, which these mirror. Its third way, OAuth 2.0
 * client credentials, has MoEngage fetch rotating tokens from the customer's own server: the node
 * has nothing to check those against, so the texts steer to a fixed header or Basic auth. The values themselves
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
			{
				name: 'None',
				value: 'none',
				description: 'Accept any caller (narrow callers with Options → IP Allow-List below)',
			},
			{
				name: 'Basic Auth',
				value: 'basicAuth',
				description:
					'MoEngage sends an Authorization: Basic header with the user and password of a credential. Also a choice instead of MoEngage’s OAuth 2.0, which this node cannot check.',
			},
			{
				name: 'Header Auth',
				value: 'headerAuth',
				description:
					'MoEngage sends a custom header with the name and value of a credential, e.g. a fixed secret token. The usual choice instead of MoEngage’s OAuth 2.0, which this node cannot check.',
			},
		],
		default: 'none',
		description:
			'What MoEngage must send. A request without it is answered 401, a wrong one 403; neither starts the workflow. MoEngage’s OAuth 2.0 (client credentials) cannot be checked here (your own server issues its rotating tokens): ask MoEngage support for Header Auth with a fixed secret header, or Basic Auth, instead.',
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
