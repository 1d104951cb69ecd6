import type { DeliveryChoice, ProfileKind } from '../../../shared/schemas/profile';

/** Everything the services need to talk to a profile's Odoo. Main process only: it holds the API key. */
export interface OdooConnection {
  url: string;
  database: string;
  login: string;
  apiKey: string;
  protocol: 'auto' | 'jsonrpc' | 'json2';
}

export interface SendgridConnection {
  apiKey: string;
  region: 'global' | 'eu';
  webhookPublicKey: string | undefined;
  delivery: DeliveryChoice;
  /** Only for the demo workspace's SendGrid peer; real profiles reach SendGrid's API host for their region. */
  baseUrl?: string;
}

/**
 * What `resolveConnection` hands to the host when it builds services for a profile.
 * `sendgrid` is absent when no SendGrid key is saved (delivery through the Odoo mail server, or not set up yet).
 */
export interface ResolvedConnection {
  profileId: string;
  kind: ProfileKind;
  odoo: OdooConnection;
  sendgrid: SendgridConnection | undefined;
  storeIds: string[];
  hipaa: { enabled: boolean; idleLockMinutes: number };
}

/** How the host provides the demo workspace's peers (it starts the workspace on first use). */
export type DemoConnectionProvider = () => Promise<{ odoo: OdooConnection; sendgrid?: SendgridConnection; storeIds?: string[] }>;
