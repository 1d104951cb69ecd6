import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { FlowStats } from '../../../shared/schemas/flow';
import type { MarketingService } from '../../core/marketing';

/**
 * The spec's flow routes answer through the Dashboard API's own operations: the same service
 * calls, only the input names (template_id) and the stats' flat shape differ.
 */

/** "The list defaults to the store's list": the store's first mailing list in Odoo. */
export async function storeListId(marketing: MarketingService, storeId: string): Promise<number> {
  const { stores } = await marketing.stores();
  const listId = stores.find((store) => store.id === storeId)?.list_ids[0];
  if (listId === undefined) {
    throw new AppError('not_found', `The store "${storeId}" has no mailing list in Odoo yet. Run the store setup in Settings, or pass list_id.`, { storeId });
  }
  return listId;
}

type Detail = Awaited<ReturnType<MarketingService['getCampaign']>>;

/** The campaign detail in the spec's flat shape; sendgrid_stats are the same counts, total and unique. */
export function flatStats(detail: Detail): z.infer<typeof FlowStats> {
  const s = detail.stats;
  return {
    campaign_id: detail.campaign_id,
    subject: detail.subject,
    sent: s.sent,
    delivered: s.delivered,
    opened: s.opened,
    clicked: s.clicked,
    bounced: s.bounced,
    unsubscribed: s.unsubscribed,
    sent_date: detail.sent_date,
    sendgrid_stats: { opens: s.opened, unique_opens: s.unique_opened, clicks: s.clicked, unique_clicks: s.unique_clicked },
  };
}
