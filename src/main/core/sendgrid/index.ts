export { createSendgrid, rateLimitWait, queryString } from './client';
export type { SendgridService, SendgridSettings, SendgridDeps } from './client';
export { OutboundMail, EmailAddress, assertOpaqueTracking, toMailSendBody } from './mail';
export * from './schemas';
export { mapTemplateFields } from './fields';
export type { FieldMapping } from './fields';
export * from './events';
export * from './webhook';
