export { startSendgridPeer, SENDGRID_DEMO_API_KEY, ALL_SCOPES } from './peer';
export type { SendgridPeer, SendgridPeerOptions } from './peer';
export type { SentMail } from './state';
export type { Outcome } from './event-factory';
export type { WebhookDelivery } from './webhook-emitter';
export type { PeerTemplate, PeerTemplateVersion } from './demo-templates';
export { demoTemplates } from './demo-templates';
export { createSendgridDelivery } from './delivery';
export type { OutgoingMail, DeliveryOutcome, SendgridDeliveryOptions } from './delivery';
