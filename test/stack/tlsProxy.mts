/**
 * A TLS-terminating reverse proxy in front of n8n: https://<host>:<port>/… → http://127.0.0.1:<n8n>/….
 * It stands for the load balancer or tunnel a real n8n sits behind, so n8n can advertise an
 * https WEBHOOK_URL. Bodies are streamed through byte for byte (signatures cover raw bytes).
 */
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface TlsProxy {
	port: number;
	/** Where requests go; change it when the backend moves. */
	target: { port: number };
	close(): Promise<void>;
}

export async function startTlsProxy(options: { cert: string; key: string; targetPort: number; port?: number }): Promise<TlsProxy> {
	const target = { port: options.targetPort };
	const server: Server = createServer({ cert: options.cert, key: options.key }, (incoming, outgoing) => {
		const forwarded = httpRequest(
			{
				host: '127.0.0.1',
				port: target.port,
				method: incoming.method,
				path: incoming.url,
				headers: {
					...incoming.headers,
					'x-forwarded-proto': 'https',
					'x-forwarded-host': incoming.headers.host ?? '',
					'x-forwarded-for': incoming.socket.remoteAddress ?? '',
				},
			},
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
				answer.pipe(outgoing);
			},
		);
		forwarded.on('error', (error) => {
			if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
			outgoing.end(`TLS proxy: n8n is not reachable (${error.message})`);
		});
		incoming.pipe(forwarded);
	});
	const sockets = new Set<Socket>();
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	return {
		port: (server.address() as AddressInfo).port,
		target,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				sockets.forEach((socket) => socket.destroy());
			}),
	};
}
