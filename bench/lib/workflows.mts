/** The two ways to send one email per input item, as a user would configure them. */
import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { SimulatorProcess } from './simulator.mjs';

export const FROM = { name: 'Acme', email: 'orders@example.com' };

/** Input items: one customer each, every one with its own address (duplicates are countable). */
export function customers(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, n) => ({
		json: { email: `customer${n}@example.net`, name: `Customer ${n}`, order: 100_000 + n },
	}));
}

const SUBJECT = '={{ "Order " + $json.order + " has shipped" }}';
const HTML = '=<p>Hello {{ $json.name }}, order {{ $json.order }} is on its way.</p>';

/** Sendmux → Email → Send Batch, one email per item, defaults otherwise (100 a call, 4 calls in parallel). */
export function sendmuxSendBatch(): INodeParameters {
	return {
		resource: 'email',
		operation: 'sendBatch',
		source: 'items',
		fromEmail: `${FROM.name} <${FROM.email}>`,
		toEmail: '={{ $json.email }}',
		subject: SUBJECT,
		emailFormat: 'html',
		html: HTML,
		options: {},
	};
}

export function sendmuxGetAllDeliveryLogs(): INodeParameters {
	return { resource: 'deliveryLog', operation: 'getMany', returnAll: true, simplify: false, filters: {} };
}

/**
 * n8n's HTTP Request node posting one /emails/send per item: the Bearer key as a header, the
 * same message as a JSON body built by an expression, options left at their defaults.
 */
export function httpRequestPerItem(sim: SimulatorProcess): INodeParameters {
	const body = `={{ JSON.stringify({ from: { name: "${FROM.name}", email: "${FROM.email}" }, to: { email: $json.email }, subject: "Order " + $json.order + " has shipped", html_body: "<p>Hello " + $json.name + ", order " + $json.order + " is on its way.</p>" }) }}`;
	return {
		method: 'POST',
		url: `${sim.sendingBaseUrl}/emails/send`,
		authentication: 'none',
		sendHeaders: true,
		specifyHeaders: 'keypair',
		headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${sim.keys.mailbox}` }] },
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody: body,
		options: {},
	};
}

export function simulatorCredentials(sim: SimulatorProcess): Record<string, ICredentialDataDecryptedObject> {
	return {
		sendmuxMailboxApi: { apiKey: sim.keys.mailbox, sendingBaseUrl: sim.sendingBaseUrl, appBaseUrl: sim.appBaseUrl },
		sendmuxRootApi: { apiKey: sim.keys.root, appBaseUrl: sim.appBaseUrl },
	};
}
