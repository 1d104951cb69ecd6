/** Public types of the Odoo peer (re-exported by index.ts). */
export interface OutgoingMail {
  traceId: number;
  mailingId: number;
  messageId: string;
  emailTo: string;
  emailFrom: string;
  subject: string;
  bodyHtml: string;
  resModel: string;
  resId: number;
  xMarkketCampaignId: string | false;
}
export type DeliveryOutcome = { status: 'sent' } | { status: 'error'; failureType: string; failureReason: string };
export type DeliveryStep = (mails: OutgoingMail[]) => Promise<DeliveryOutcome[]>;
export interface PeerCall {
  protocol: 'jsonrpc' | 'json2' | 'web';
  service: string;
  model?: string;
  method: string;
}
export interface PeerFaults {
  stallMs: number;
  dropAfter(model: string, method: string, times?: number): void;
  failBefore(count: number): void;
  clear(): void;
}
export type OdooVersion = '16.0' | '17.0' | '18.0' | '19.0';
