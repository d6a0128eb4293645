/**
 * A faithful local Sendmux: both API surfaces on one loopback port, state in memory.
 *
 *   const sim = await startSimulator({ allowLoopbackHttpWebhooks: true });
 *   // credentials: sendingBaseUrl = sim.sendingBaseUrl, appBaseUrl = sim.appBaseUrl
 *   await sim.close();
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

import { KeyRing } from './auth';
import { SimClock } from './clock';
import type { Sim } from './context';
import { handleControl, SimulatorControl } from './control.mjs';
import { EventBus } from './events';
import { FaultInjector } from './faults';
import { sendJson } from './http.mjs';
import { IdempotencyStore } from './idempotency';
import { MailFlow } from './mail';
import { MailboxEventStreams } from './mailboxApi/realtime';
import { handleMailboxUpload, MAILBOX_UPLOAD_PATH } from './mailboxUploadUrl.mjs';
import { micros } from './money';
import { DEFAULT_LIMITS, DEFAULT_MAILBOX_EVENTS, DEFAULT_WEBHOOK_DELIVERY, rateLimitsFrom, type SimulatorOptions, type SimulatorSettings } from './options';
import { Pipeline, SURFACE_PREFIX } from './pipeline.mjs';
import { RateLimiter } from './rateLimit';
import { Recorder } from './recorder';
import { HANDLERS } from './routes';
import { Scheduler } from './scheduler.mjs';
import { SEEDED, seed, type SeededKeys } from './seed';
import { SimState } from './state';
import { WebhookDispatcher } from './webhookDelivery';
import { fetchPost, testNetworkPost } from './webhookTransport.mjs';

export interface RunningSimulator {
	/** `http://127.0.0.1:<port>` */
	url: string;
	/** Point the Mailbox credential's "Sending API Base URL" here. */
	sendingBaseUrl: string;
	/** Point both credentials' app / Management / Mailbox base URL here. */
	appBaseUrl: string;
	keys: SeededKeys;
	control: SimulatorControl;
	close(): Promise<void>;
}

function settingsFrom(options: SimulatorOptions): SimulatorSettings {
	return {
		allowLoopbackHttpWebhooks: options.allowLoopbackHttpWebhooks ?? false,
		limits: { ...DEFAULT_LIMITS, ...options.limits },
		webhookDelivery: { ...DEFAULT_WEBHOOK_DELIVERY, ...options.webhookDelivery },
		outcomeDelayMs: options.outcomeDelayMs ?? 50,
		pricePerMessageMicros: micros(options.pricePerMessage ?? '0.001'),
		pricePerInboundMicros: micros(options.pricePerInbound ?? '0.0005'),
		selfCheck: options.selfCheck ?? true,
		changeRetention: options.changeRetention ?? 10_000,
		sparseMessageSummaries: options.sparseMessageSummaries ?? false,
		maxBodyBytes: options.maxBodyBytes ?? 25 * 1024 * 1024,
		// The spec's own example of `max_size_bytes` (18 MiB).
		maxAttachmentBytes: options.maxAttachmentBytes ?? 18_874_368,
		mailboxEvents: { ...DEFAULT_MAILBOX_EVENTS, ...options.mailboxEvents },
	};
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
	const now = options.now ?? Date.now;
	const clock = new SimClock(now);
	const settings = settingsFrom(options);
	const initialSettings = structuredClone(settings);
	const state = new SimState(SEEDED.teamId);
	const keys = new KeyRing();
	const scheduler = new Scheduler();
	const post = options.webhookTestNetwork ? testNetworkPost(options.webhookTestNetwork) : fetchPost;
	const dispatcher = new WebhookDispatcher(state, clock, () => settings.webhookDelivery, scheduler, post);
	const events = new EventBus(state, clock, dispatcher);
	const mail = new MailFlow(state, clock, settings, events, scheduler);
	const faults = new FaultInjector(options.faults ?? [], options.faultSeed ?? 1);
	const limiter = new RateLimiter(rateLimitsFrom(options), now);
	const idempotency = new IdempotencyStore(options.idempotencyTtlMs ?? 24 * 60 * 60 * 1000, now);
	const recorder = new Recorder(options.recordLimit ?? 50_000);
	const violations: string[] = [];
	const hanging = new Set<NodeJS.Timeout>();
	const baseUrls = { sending: '', app: '' };
	const streams = new MailboxEventStreams(() => settings.mailboxEvents, now, scheduler);
	const sim: Sim = { clock, state, keys, settings, events, mail, streams, baseUrls };
	const credits = options.credits ?? '100.00';
	const reseed = () => seed(state, keys, clock, mail, credits, options.keys);
	reseed();

	const pipeline = new Pipeline({ sim, keys, faults, limiter, idempotency, recorder, handlers: HANDLERS, violations, hanging });
	const control = new SimulatorControl({
		state,
		dispatcher,
		settings,
		faults,
		limiter,
		recorder,
		events,
		mail,
		streams,
		scheduler,
		violations,
		now,
		reset: () => {
			streams.closeAll();
			scheduler.cancelPending();
			state.clear();
			keys.clear();
			events.published.length = 0;
			faults.reset(options.faults ?? []);
			Object.assign(settings, structuredClone(initialSettings));
			limiter.limits = rateLimitsFrom(options);
			limiter.reset();
			idempotency.clear();
			recorder.clear();
			violations.length = 0;
			reseed();
		},
	});

	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://simulator.invalid');
		const work = url.pathname === '/__control' || url.pathname.startsWith('/__control/')
			? handleControl(control, request, response, url)
			: url.pathname.startsWith(MAILBOX_UPLOAD_PATH)
				? handleMailboxUpload(sim, request, response, url)
				: url.pathname === '/'
				? Promise.resolve(sendJson(response, 200, { name: 'Sendmux simulator', sendingBaseUrl: baseUrls.sending, appBaseUrl: baseUrls.app, control: '/__control' }))
				: pipeline.handle(request, response, url);
		work.catch((error: unknown) => {
			console.error('Sendmux simulator: request failed', error);
			if (!response.headersSent) sendJson(response, 500, { ok: false, error: 'simulator failure' });
		});
	});
	const sockets = new Set<Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('The simulator did not get a TCP port');
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	const url = `http://${host}:${address.port}`;
	baseUrls.sending = `${url}${SURFACE_PREFIX.sending}`;
	baseUrls.app = `${url}${SURFACE_PREFIX.app}`;

	return {
		url,
		sendingBaseUrl: baseUrls.sending,
		appBaseUrl: baseUrls.app,
		keys: control.keys,
		control,
		async close() {
			streams.closeAll();
			scheduler.close();
			hanging.forEach(clearTimeout);
			hanging.clear();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				sockets.forEach((socket) => socket.destroy());
			});
		},
	};
}

function listen(server: Server, port: number, host: string): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}
