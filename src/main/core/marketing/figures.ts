import type { z } from 'zod';
import { isAppError } from '../../../shared/errors';
import type { CampaignStats } from '../../../shared/schemas/marketing';
import type { SendgridService, StatsMetrics } from '../sendgrid';

/** The SendGrid counters the merge uses, summed over the campaign's days. */
export interface SendgridTotals {
  opens: number;
  unique_opens: number;
  clicks: number;
  unique_clicks: number;
  unsubscribes: number;
  delivered: number;
  requests: number;
}
import type { CampaignEngagement } from './engagement';
import { percent } from './stats';

type Stats = z.infer<typeof CampaignStats>;
export type FigureSource = 'odoo' | 'sendgrid' | 'events';

const day = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * SendGrid's own totals for a campaign: its category is the campaign id (issue 4), so one
 * /v3/categories/stats call from the send day to today, summed. A SendGrid that is down, refuses
 * the key or does not know the category (no mail sent through it yet) leaves Odoo's figures alone
 * rather than failing the stats view.
 */
export async function sendgridTotals(sendgrid: SendgridService, campaignId: string, sentDate: Date, today: Date): Promise<SendgridTotals | null> {
  const start = day(sentDate);
  const end = day(today) < start ? start : day(today);
  try {
    const rows = await sendgrid.categoryStats([campaignId], { start_date: start, end_date: end });
    const metrics = rows.flatMap((r) => r.stats.filter((s) => s.name === undefined || s.name === campaignId).map((s) => s.metrics));
    if (metrics.length === 0) return null;
    const sum = (key: keyof StatsMetrics) => metrics.reduce((acc, m) => acc + (typeof m[key] === 'number' ? (m[key] as number) : 0), 0);
    const total: SendgridTotals = { opens: sum('opens'), unique_opens: sum('unique_opens'), clicks: sum('clicks'), unique_clicks: sum('unique_clicks'), unsubscribes: sum('unsubscribes'), delivered: sum('delivered'), requests: sum('requests') };
    return total.requests > 0 || total.delivered > 0 ? total : null;
  } catch (error) {
    if (isAppError(error) && error.code.startsWith('sendgrid.')) return null;
    throw error;
  }
}

/**
 * Odoo keeps one open and one click per recipient; SendGrid (its stats, or the events the webhook
 * counted) knows every open and click. Totals come from SendGrid when it has them, unique figures
 * stay Odoo's unless SendGrid saw more recipients (opens Odoo could not track), and delivery
 * figures stay Odoo's: the webhook already writes them onto the traces. Rates keep Odoo's
 * definition (unique over delivered) so they match what the owner sees in Odoo.
 */
export function mergeFigures(odoo: Stats, sendgrid: SendgridTotals | null, events: CampaignEngagement | null): { stats: Stats; sources: FigureSource[] } {
  const totalOpens = sendgrid?.opens ?? events?.opens ?? 0;
  const totalClicks = sendgrid?.clicks ?? events?.clicks ?? 0;
  const uniqueOpened = Math.max(odoo.unique_opened, sendgrid?.unique_opens ?? 0);
  const uniqueClicked = Math.max(odoo.unique_clicked, sendgrid?.unique_clicks ?? 0);
  const stats: Stats = {
    ...odoo,
    opened: Math.max(odoo.opened, totalOpens, uniqueOpened),
    unique_opened: uniqueOpened,
    clicked: Math.max(odoo.clicked, totalClicks, uniqueClicked),
    unique_clicked: uniqueClicked,
    unsubscribed: Math.max(odoo.unsubscribed, sendgrid?.unsubscribes ?? 0, events?.unsubscribes ?? 0),
    open_rate: percent(uniqueOpened, odoo.delivered),
    click_rate: percent(uniqueClicked, odoo.delivered),
  };
  const sources: FigureSource[] = ['odoo'];
  if (sendgrid) sources.push('sendgrid');
  if (events) sources.push('events');
  return { stats, sources };
}
