import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type {
  CampaignDetail, CampaignsQuery, CampaignsResult, CreateCampaignInput, CreateCampaignResult, ListsResult, Overview,
  SendCampaignResult, StoresResult, SubscribersQuery, SubscribersResult,
} from '../../../shared/schemas/marketing';
import { parseRecords, type OdooClient } from '../odoo';
import { createCampaigns } from './campaigns';
import { lists, overview } from './overview';
import { listStores, type KnownStore } from './stores';
import { subscribersPage } from './subscribers';

export { campaignIdFor, odooCampaignId, odooMailingIdOf } from './campaign-ids';
export { campaignStatus, statusDomain } from './status';
export { segmentDomain, reachableOnLists, toPythonDomain } from './segments';
export type { KnownStore } from './stores';

export interface MarketingDeps {
  odoo: OdooClient;
  now: () => Date;
  /** Opaque part of a new campaign id (camp_<id>); random by default. */
  newId?: () => string;
  /** The stores this profile serves, with their names (Odoo only knows their ids). */
  stores?: readonly KnownStore[];
}

export interface MarketingService {
  stores(): Promise<z.infer<typeof StoresResult>>;
  lists(storeId: string): Promise<z.infer<typeof ListsResult>>;
  subscribers(query: z.infer<typeof SubscribersQuery>): Promise<z.infer<typeof SubscribersResult>>;
  createCampaign(input: z.infer<typeof CreateCampaignInput>): Promise<z.infer<typeof CreateCampaignResult>>;
  sendCampaign(storeId: string, campaignId: string): Promise<z.infer<typeof SendCampaignResult>>;
  getCampaign(storeId: string, campaignId: string): Promise<z.infer<typeof CampaignDetail>>;
  listCampaigns(query: z.infer<typeof CampaignsQuery>): Promise<z.infer<typeof CampaignsResult>>;
  overview(storeId: string): Promise<z.infer<typeof Overview>>;
}

const IrModel = z.object({ id: z.number().int().positive(), model: z.string() });

/** The marketing operations of the Dashboard API, on one Odoo. No state but the ir.model id cache. */
export function createMarketing(deps: MarketingDeps): MarketingService {
  const { odoo, now } = deps;
  const newId = deps.newId ?? (() => randomBytes(12).toString('base64url'));
  let mailingListModel: Promise<number> | undefined;

  /** mailing.mailing.mailing_model_id must be the ir.model of "mailing.list" to target lists (odoo18-wire/100, 102). */
  function mailingListModelId(): Promise<number> {
    mailingListModel ??= odoo.searchRead('ir.model', [['model', '=', 'mailing.list']], ['id', 'model'], { limit: 1 }).then((rows) => {
      const [row] = parseRecords(IrModel, rows, 'ir.model');
      if (!row) throw new AppError('odoo.unknown_model', 'This Odoo has no mailing lists. Install the Email Marketing app (mass_mailing) in Odoo.', { model: 'mailing.list' });
      return row.id;
    });
    // A failed lookup is not cached: the next campaign asks again.
    mailingListModel.catch(() => (mailingListModel = undefined));
    return mailingListModel;
  }

  const campaigns = createCampaigns({ odoo, now, newId, mailingListModelId });
  return {
    stores: async () => ({ stores: await listStores(odoo, deps.stores ?? []) }),
    lists: (storeId) => lists(odoo, storeId),
    subscribers: (query) => subscribersPage(odoo, query),
    createCampaign: (input) => campaigns.create(input),
    sendCampaign: (storeId, campaignId) => campaigns.send(storeId, campaignId),
    getCampaign: (storeId, campaignId) => campaigns.get(storeId, campaignId),
    listCampaigns: (query) => campaigns.list(query),
    overview: (storeId) => overview(odoo, storeId, now()),
  };
}
