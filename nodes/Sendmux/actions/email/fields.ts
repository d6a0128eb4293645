import type { INodeProperties } from 'n8n-workflow';

/**
 * The fields of one email, shared by Send and Send Batch. In Send Batch they are read for
 * every input item, so expressions like {{ $json.email }} give each item its own email.
 */
export function messageFields(forBatch: boolean): INodeProperties[] {
	return [
		{
			displayName: 'From Email',
			name: 'fromEmail',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'Acme <orders@acme.com>',
			description:
				'Sender address, on a domain verified in Sendmux (or myagent.mx). "Name &lt;address&gt;" sets the display name too.',
		},
		{
			displayName: 'To Email',
			name: 'toEmail',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'customer@example.com',
			description: forBatch
				? 'The one main recipient of this item\'s email, e.g. {{ $json.email }}; add others with CC or BCC. "Name &lt;address&gt;" sets the display name too.'
				: 'The one main recipient; add others with CC or BCC. "Name &lt;address&gt;" sets the display name too.',
		},
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'Your order has shipped',
			description: 'Subject line, on one line, at most 998 characters',
		},
		{
			displayName: 'Email Format',
			name: 'emailFormat',
			type: 'options',
			options: [
				{ name: 'Both', value: 'both', description: 'Send an HTML body and its plain-text alternative' },
				{ name: 'HTML', value: 'html', description: 'Send an HTML body' },
				{ name: 'Text', value: 'text', description: 'Send plain text (a simple HTML version is added)' },
			],
			default: 'html',
			description: 'Which body to write',
		},
		{
			displayName: 'HTML',
			name: 'html',
			type: 'string',
			typeOptions: { rows: 5 },
			default: '',
			placeholder: '<p>Hello {{ $json.firstName }},</p>',
			description: 'The HTML body of the email',
			displayOptions: { show: { emailFormat: ['html', 'both'] } },
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 5 },
			default: '',
			description:
				'The plain-text body of the email. With Email Format "Text", the HTML version sent with it is this text escaped, with its paragraphs and line breaks kept.',
			hint: 'Sendmux requires an HTML body: with Email Format "Text", a simple HTML version of this text is sent with it.',
			displayOptions: { show: { emailFormat: ['text', 'both'] } },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Attachments',
					name: 'attachments',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Attachment',
					default: {},
					description:
						'Files from the binary data of the input item, at most 10 per email. Large files are uploaded to Sendmux first, automatically.',
					options: [
						{
							displayName: 'Attachment',
							name: 'attachment',
							values: [
								{
									displayName: 'Input Binary Field',
									name: 'binaryPropertyName',
									type: 'string',
									default: 'data',
									placeholder: 'data',
									description:
										'Name of the binary field holding the file (see the Binary tab of the previous node). Several names separated by commas attach several files.',
								},
								{
									displayName: 'File Name',
									name: 'fileName',
									type: 'string',
									default: '',
									placeholder: 'invoice.pdf',
									description: "Name the recipient sees. Leave empty to keep the file's own name.",
								},
								{
									displayName: 'MIME Type',
									name: 'mimeType',
									type: 'string',
									default: '',
									placeholder: 'application/pdf',
									description: "Leave empty to keep the file's own type",
								},
							],
						},
					],
				},
				{
					displayName: 'BCC',
					name: 'bcc',
					type: 'string',
					default: '',
					placeholder: 'audit@acme.com',
					description:
						'Hidden recipients, separated by commas ("Name &lt;address&gt;" works). To, CC and BCC together: at most 50 addresses.',
				},
				{
					displayName: 'CC',
					name: 'cc',
					type: 'string',
					default: '',
					placeholder: 'ann@example.com, Bob <bob@example.com>',
					description:
						'Copy recipients, separated by commas ("Name &lt;address&gt;" works), or an array from an expression. To, CC and BCC together: at most 50 addresses.',
				},
				{
					displayName: 'Custom Headers',
					name: 'customHeaders',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Header',
					default: {},
					description: 'Extra email headers; names must start with X-',
					options: [
						{
							displayName: 'Header',
							name: 'header',
							values: [
								{
									displayName: 'Name',
									name: 'name',
									type: 'string',
									default: '',
									placeholder: 'X-Order-ID',
									description: 'Header name, starting with X-',
								},
								{
									displayName: 'Value',
									name: 'value',
									type: 'string',
									default: '',
									placeholder: '4711',
									description: 'Header value, on one line',
								},
							],
						},
					],
				},
				{
					displayName: 'From Name',
					name: 'fromName',
					type: 'string',
					default: '',
					placeholder: 'Acme Orders',
					description: 'Display name of the sender; replaces a name given in From Email',
				},
				{
					displayName: 'Reply-To',
					name: 'replyTo',
					type: 'string',
					default: '',
					placeholder: 'Support <support@acme.com>',
					description: 'Where replies go, if not to the sender: one address (the Sending API has one Reply-To)',
				},
				{
					displayName: 'Return Path',
					name: 'returnPath',
					type: 'string',
					default: '',
					placeholder: 'bounces@acme.com',
					description: 'Envelope sender that receives bounces (VERP). Leave empty to let Sendmux choose.',
				},
				{
					displayName: 'To Name',
					name: 'toName',
					type: 'string',
					default: '',
					placeholder: 'Jane Doe',
					description: 'Display name of the main recipient; replaces a name given in To Email',
				},
			],
		},
	];
}

/** The Idempotency Key option, worded for one email or for batch calls. */
export function idempotencyKeyOption(forBatch: boolean): INodeProperties {
	return {
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: 'order-{{ $json.orderId }}',
		description: forBatch
			? 'Sendmux sends each batch call only once per key within 24 hours. Leave empty: a key is derived from this execution, node and batch, so retries and Retry On Fail never send twice. Set one (e.g. a campaign ID) to stay exactly-once across executions: each call uses it, evaluated for its first item, followed by the batch number.'
			: 'Sendmux sends an email only once per key within 24 hours. Leave empty: a key is derived from this execution, node and item, so retries and Retry On Fail never send twice. Set one (e.g. an order ID) to stay exactly-once across executions too, such as when the workflow is run again.',
	};
}
