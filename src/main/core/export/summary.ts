import type { SubscriberStatus } from '../../../shared/schemas/export';
import type { SubscriberRow } from './columns';

export interface CampaignEngagement {
  subject: string;
  sentDate: Date | null;
  delivered: number;
  /** Percentages 0–100, as Odoo computes them. */
  openRate: number;
  clickRate: number;
}

export interface ReportSummary {
  title: string;
  listName: string;
  generatedAt: Date;
  figures: Record<SubscriberStatus, number> & { total: number };
  /** New subscribers per month (UTC, 'YYYY-MM') and the running total, oldest first. */
  growth: { month: string; added: number; cumulative: number }[];
  campaigns: CampaignEngagement[];
  topEngaged: { email: string; name: string; opened: number; clicked: number }[];
}

/**
 * Folds subscriber rows into the PDF's figures as they stream past: counters, a month map and
 * a top-N list, so the summary of a million subscribers needs no more memory than of ten.
 */
export function createSubscriberSummarizer(topN = 10) {
  const figures = { total: 0, active: 0, opted_out: 0, blacklisted: 0, bounced: 0 };
  const perMonth = new Map<string, number>();
  const top: ReportSummary['topEngaged'] = [];
  const score = (entry: { opened: number; clicked: number }) => entry.clicked * 2 + entry.opened;

  function add(batch: SubscriberRow[]): void {
    for (const row of batch) {
      figures.total += 1;
      figures[row.status] += 1;
      if (row.subscribedDate) {
        const month = row.subscribedDate.toISOString().slice(0, 7);
        perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
      }
      if (row.opened + row.clicked === 0) continue;
      const entry = { email: row.email, name: row.name, opened: row.opened, clicked: row.clicked };
      const last = top.at(-1);
      if (top.length < topN || (last && score(entry) > score(last))) {
        top.push(entry);
        top.sort((a, b) => score(b) - score(a) || a.email.localeCompare(b.email));
        if (top.length > topN) top.pop();
      }
    }
  }

  function result(): Pick<ReportSummary, 'figures' | 'growth' | 'topEngaged'> {
    let cumulative = 0;
    const growth = [...perMonth.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, added]) => ({ month, added, cumulative: (cumulative += added) }));
    return { figures: { ...figures }, growth, topEngaged: [...top] };
  }

  return { add, result };
}
