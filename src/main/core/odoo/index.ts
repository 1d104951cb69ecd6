export type {
  Context, Domain, OdooClient, OdooClientDeps, OdooConnectionSettings, OdooFieldInfo, OdooProtocol, OdooRecord,
  OdooVersionInfo, ReadGroupOptions, ReadGroupRow, SearchOptions,
} from './types';
export { createOdooClient } from './client';
export { many2one, odooDatetime, odooDatetimeField, odooText, parseRecords, toOdooDatetime } from './values';
export { countingClient, countingFetch, describeRequest, type CountedCall, type WireExchange } from './counting';
export { subscriptionModel, traceStatuses } from './versions';
export { andDomains, normalizeDomain } from './read-group';
