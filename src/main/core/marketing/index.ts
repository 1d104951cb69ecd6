import { moveCampaign } from './move';
import type { CampaignListQuery } from './list/campaign-list';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type {
  CampaignDetail, CampaignsResult, CreateCampaignInput, CreateCampaignResult, ListsResult, Overview, ProcessQueueResult,
  SendCampaignResult, StoresResult, SubscribersQuery, SubscribersResult,
} from '../../../shared/schemas/marketing';
import { parseRecords, type OdooClient } from '../odoo';
import { createCampaigns } from './campaigns';
import { lists, overview } from './overview';
import { listStores, storeLists, type KnownStore } from './stores';
import { unknownCampaign } from './mailings';
import { subscribersPage } from './subscribers';
import type { SendgridService } from '../sendgrid';
import type * as views from '../../../shared/schemas/marketing-views';
import { createEditing } from './editing';
import type { EngagementReader } from './engagement';
import type { FigureSource } from './figures';
import { findMailingDetail } from './mailings';
import { precheck } from './precheck';
import { campaignRecipients } from './recipients';
import { campaignReport } from './report';
import type { SubscriberDelete, SubscriberUpdate } from '../../../shared/ops/subscriber-edit';
import { bulkAction, storeTags, subscriberDetail } from './subscriber-detail';
import { deleteSubscriber, updateSubscriber } from './subscriber-edit';
import { createBulkRuns, type BulkRuns } from './subscriber-bulk';
import { createAbTests, type AbTests } from './ab';
import { createSegments, type Segments } from './audience/saved';

export { campaignIdFor, odooCampaignId, odooMailingIdOf } from './campaign-ids';
export { campaignStatus, statusDomain } from './status';
export { segmentDomain, reachableOnLists, toPythonDomain } from './segments';
export type { KnownStore } from './stores';
export { engagementFromMetas, type EngagementBook, type EngagementReader, type CampaignEngagement } from './engagement';

export interface MarketingDeps {
  odoo: OdooClient;
  now: () => Date;
  /** Opaque part of a new campaign id (camp_<id>); random by default. */
  newId?: () => string;
  /** The stores this profile serves, with their names (Odoo only knows their ids). */
  stores?: readonly KnownStore[];
  /** The profile's SendGrid (templates, suppressions, category stats); absent without a key. */
  sendgrid?: () => SendgridService | undefined;
  /** What the store's stats extensions counted from SendGrid's events, per campaign. */
  engagement?: EngagementReader;
}

type Out<T extends z.ZodType> = z.infer<T>;

export interface MarketingService {
  stores(): Promise<z.infer<typeof StoresResult>>;
  lists(storeId: string): Promise<z.infer<typeof ListsResult>>;
  subscribers(query: z.infer<typeof SubscribersQuery>): Promise<z.infer<typeof SubscribersResult>>;
  createCampaign(input: z.infer<typeof CreateCampaignInput>): Promise<z.infer<typeof CreateCampaignResult>>;
  /** schedule: absent, the draft's own; an instant, scheduled for it; null, now. acknowledge: the pre-send warnings accepted, by code. */
  sendCampaign(storeId: string, campaignId: string, schedule?: string | null, acknowledge?: readonly string[]): Promise<z.infer<typeof SendCampaignResult>>;
  getCampaign(storeId: string, campaignId: string): Promise<z.infer<typeof CampaignDetail> & { sources: FigureSource[] }>;
  listCampaigns(query: CampaignListQuery): Promise<z.infer<typeof CampaignsResult>>;
  overview(storeId: string): Promise<z.infer<typeof Overview> & { trends: Out<typeof views.OverviewTrends> }>;
  estimateCampaign(input: Out<typeof views.EstimateInput>): Promise<Out<typeof views.EstimateResult>>;
  updateCampaign(input: Out<typeof views.UpdateCampaignInput>): Promise<Out<typeof views.UpdateCampaignResult>>;
  cancelCampaign(storeId: string, campaignId: string): Promise<Out<typeof views.CancelCampaignResult>>;
  /** The calendar's move: only the schedule date changes (a scheduled one passes the pre-send check again). */
  moveCampaign(input: Out<typeof views.MoveCampaignInput>): Promise<Out<typeof views.MoveCampaignResult>>;
  /** Removes a draft's Odoo mailing; anything but a console-made draft is refused. */
  deleteCampaign(storeId: string, campaignId: string): Promise<Out<typeof views.DeleteCampaignResult>>;
  processQueue(storeId: string, campaignId: string): Promise<z.infer<typeof ProcessQueueResult>>;
  duplicateCampaign(input: Out<typeof views.DuplicateCampaignInput>): Promise<Out<typeof views.DuplicateCampaignResult>>;
  precheckCampaign(storeId: string, campaignId: string): Promise<Out<typeof views.PrecheckResult>>;
  campaignReport(storeId: string, campaignId: string): Promise<Out<typeof views.CampaignReport>>;
  campaignRecipients(query: Out<typeof views.RecipientsQuery>): Promise<Out<typeof views.RecipientsResult>>;
  subscriber(storeId: string, id: number): Promise<Out<typeof views.SubscriberDetail>>;
  tags(storeId: string): Promise<Out<typeof views.TagsResult>>;
  bulkSubscribers(input: Out<typeof views.BulkInput>): Promise<Out<typeof views.BulkResult>>;
  updateSubscriber(input: Out<typeof SubscriberUpdate>): ReturnType<typeof updateSubscriber>;
  deleteSubscriber(input: Out<typeof SubscriberDelete>): ReturnType<typeof deleteSubscriber>;
  /** Bulk actions over picked subscribers or a whole filter, in batches (subscriber-bulk.ts). */
  bulkRun: BulkRuns['run'];
  bulkStop: BulkRuns['stop'];
  /** A/B tests on Odoo's own A/B testing (issue 17). */
  ab: AbTests;
  /** The segment builder's counts and saved segments (issue 17, audience/saved.ts). */
  segments: Segments;
}

const IrModel = z.object({ id: z.number().int().positive(), model: z.string() });

/** The marketing operations of the Dashboard API, on one Odoo. No state but the ir.model id cache and the bulk runs under way. */
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

  const optional = { ...(deps.sendgrid ? { sendgrid: deps.sendgrid } : {}), ...(deps.engagement ? { engagement: deps.engagement } : {}) };
  const campaigns = createCampaigns({ odoo, now, newId, mailingListModelId, ...optional });
  const bulk = createBulkRuns(odoo);
  const editing = createEditing({ odoo, now, newId, ...(deps.sendgrid ? { sendgrid: deps.sendgrid } : {}) });

  async function report(storeId: string, campaignId: string) {
    // The same read as the campaign's details (campaigns.get), which the stats screen asks for at the
    // same moment: the client then sends it once for both.
    const [mailing, book] = await Promise.all([findMailingDetail(odoo, storeId, campaignId), deps.engagement ? deps.engagement(storeId) : null]);
    if (!mailing) {
      await storeLists(odoo, storeId);
      throw unknownCampaign(storeId, campaignId);
    }
    return campaignReport(odoo, mailing, book?.[campaignId] ?? null, now());
  }

  return {
    ab: createAbTests({ odoo, now, ...(deps.sendgrid ? { sendgrid: deps.sendgrid } : {}) }),
    segments: createSegments({ odoo, now }),
    stores: async () => ({ stores: await listStores(odoo, deps.stores ?? []) }),
    lists: (storeId) => lists(odoo, storeId),
    subscribers: (query) => subscribersPage(odoo, query, now()),
    createCampaign: (input) => campaigns.create(input),
    sendCampaign: (storeId, campaignId, schedule, acknowledge) => campaigns.send(storeId, campaignId, schedule, acknowledge),
    getCampaign: (storeId, campaignId) => campaigns.get(storeId, campaignId),
    listCampaigns: (query) => campaigns.list(query),
    overview: (storeId) => overview(odoo, storeId, now()),
    estimateCampaign: (input) => editing.estimate(input),
    updateCampaign: (input) => editing.update(input),
    cancelCampaign: (storeId, campaignId) => editing.cancel(storeId, campaignId),
    moveCampaign: ({ storeId, campaignId, schedule, acknowledge }) => moveCampaign({ odoo, now, ...(deps.sendgrid ? { sendgrid: deps.sendgrid } : {}) }, storeId, campaignId, schedule, acknowledge),
    deleteCampaign: (storeId, campaignId) => editing.remove(storeId, campaignId),
    processQueue: (storeId, campaignId) => campaigns.processQueue(storeId, campaignId),
    duplicateCampaign: (input) => editing.duplicate(input),
    precheckCampaign: (storeId, campaignId) => precheck(odoo, deps.sendgrid?.(), storeId, campaignId, now()),
    campaignReport: report,
    campaignRecipients: (query) => campaignRecipients(odoo, query),
    subscriber: (storeId, id) => subscriberDetail(odoo, storeId, id),
    tags: (storeId) => storeTags(odoo, storeId),
    bulkSubscribers: (input) => bulkAction(odoo, input),
    updateSubscriber: (input) => updateSubscriber(odoo, input),
    deleteSubscriber: (input) => deleteSubscriber(odoo, input),
    bulkRun: bulk.run,
    bulkStop: bulk.stop,
  };
}
