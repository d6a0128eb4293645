/** The Sendmux simulator: start it, point credentials at it, steer it through `control`. */
export { startSimulator, type RunningSimulator } from './simulator.mjs';
export { SimulatorControl, type DeliveryView, type SettingsPatch } from './control.mjs';
export type { SimulatorOptions, TeamLimits, WebhookDeliverySettings } from './options';
export type { FaultKind, FaultMatch, FaultRule } from './faults';
export type { InboundMessage } from './mail';
export type { RecordedExchange, RequestFilter } from './recorder';
export type { AcceptedMessage } from './state';
export type { EventType, WebhookEventPayload } from './types';
export type { WebhookTestNetwork } from './webhookTransport.mjs';
export { SEEDED, type SeededKeys } from './seed';
export { sendmuxSignature } from './signing';
export { unsimulatedOperations } from './routes';
