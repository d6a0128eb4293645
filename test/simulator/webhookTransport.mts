/**
 * How the simulator POSTs a webhook delivery. By default with `fetch`, like any client on the
 * internet. For end-to-end tests that run n8n behind a local TLS proxy under a made-up host
 * name, `webhookTestNetwork` (test-only, explicit) resolves chosen host names to chosen
 * addresses and trusts an extra CA, without touching the machine's DNS or trust store.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { lookup as systemLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';

/** Test-only network overrides for webhook deliveries. */
export interface WebhookTestNetwork {
	/** Host name → IPv4 address, e.g. `{ 'n8n.e2e.test': '127.0.0.1' }`. Other names resolve normally. */
	hosts?: Record<string, string>;
	/** PEM certificate(s) to trust in addition to the default CAs (e.g. a self-signed proxy cert). */
	ca?: string | string[];
}

export interface WebhookPostResult {
	status: number;
	body: string;
}

/** POSTs `body`; rejects on a network failure (`cause.code`) or a timeout (`name: 'TimeoutError'`). */
export type WebhookPost = (url: string, headers: Record<string, string>, body: string, timeoutMs: number) => Promise<WebhookPostResult>;

export const fetchPost: WebhookPost = async (url, headers, body, timeoutMs) => {
	const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
	return { status: response.status, body: await response.text() };
};

/** A `WebhookPost` over node:http(s) with the test network's host map and extra CA. */
export function testNetworkPost(network: WebhookTestNetwork): WebhookPost {
	const hosts = new Map(Object.entries(network.hosts ?? {}).map(([name, address]) => [name.toLowerCase(), address]));
	const lookup: LookupFunction = (hostname, options, callback) => {
		const address = hosts.get(hostname.toLowerCase());
		if (address === undefined) {
			// Not overridden: the system resolver, as fetch would use.
			systemLookup(hostname, options, callback);
			return;
		}
		const family = address.includes(':') ? 6 : 4;
		if (options.all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
		else callback(null, address, family);
	};
	const ca = network.ca === undefined ? undefined : Array.isArray(network.ca) ? network.ca : [network.ca];
	return (url, headers, body, timeoutMs) =>
		new Promise<WebhookPostResult>((resolve, reject) => {
			const target = new URL(url);
			const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
			const request = send(
				target,
				{
					method: 'POST',
					headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
					lookup,
					...(target.protocol === 'https:' && ca ? { ca: [...ca, ...rootCertificates] } : {}),
				},
				(response: IncomingMessage) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
					response.on('error', reject);
				},
			);
			request.setTimeout(timeoutMs, () => {
				const timeout = new Error(`No answer within ${timeoutMs} ms`);
				timeout.name = 'TimeoutError';
				request.destroy(timeout);
			});
			request.on('error', (error: Error & { code?: string }) => {
				if (error.name === 'TimeoutError') reject(error);
				else reject(new Error(error.message, { cause: { code: error.code } }));
			});
			request.end(body);
		});
}
