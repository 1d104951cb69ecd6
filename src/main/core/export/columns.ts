import type { z } from 'zod';
import type { RecipientColumnKey, SubscriberColumnKey, SubscriberStatus } from '../../../shared/schemas/export';
import type { RecipientStatus } from '../../../shared/schemas/marketing-views';

export type CellValue = string | number | Date | boolean | null;
export type ColumnType = 'text' | 'number' | 'date' | 'boolean';

/** One column of a report: how it is titled, typed (for XLSX) and read from a row. */
export interface ColumnDef<R> {
  key: string;
  header: string;
  type: ColumnType;
  /** Approximate width in characters, for XLSX. */
  width: number;
  value(row: R): CellValue;
}

/** What a writer consumes: the chosen columns and the rows, batch by batch, as they arrive. */
export interface Table<R> {
  columns: ColumnDef<R>[];
  batches: AsyncIterable<R[]>;
  /** Known up front (search_count) so progress can show "x of y"; null when unknown. */
  total: number | null;
}

export interface SubscriberRow {
  id: number;
  email: string;
  name: string;
  subscribedDate: Date | null;
  tags: string[];
  lists: string[];
  status: SubscriberStatus;
  campaignsReceived: number;
  opened: number;
  clicked: number;
  lastOpened: Date | null;
}

export const STATUS_LABELS: Record<SubscriberStatus, string> = {
  active: 'Active',
  opted_out: 'Opted out',
  blacklisted: 'Blacklisted',
  bounced: 'Bounced',
};

export const subscriberColumns: Record<SubscriberColumnKey, ColumnDef<SubscriberRow>> = {
  email: { key: 'email', header: 'Email', type: 'text', width: 32, value: (r) => r.email },
  name: { key: 'name', header: 'Name', type: 'text', width: 24, value: (r) => r.name },
  subscribed_date: { key: 'subscribed_date', header: 'Subscribed', type: 'date', width: 20, value: (r) => r.subscribedDate },
  tags: { key: 'tags', header: 'Tags', type: 'text', width: 24, value: (r) => r.tags.join(', ') },
  lists: { key: 'lists', header: 'Lists', type: 'text', width: 28, value: (r) => r.lists.join(', ') },
  status: { key: 'status', header: 'Status', type: 'text', width: 12, value: (r) => STATUS_LABELS[r.status] },
  campaigns_received: { key: 'campaigns_received', header: 'Campaigns received', type: 'number', width: 12, value: (r) => r.campaignsReceived },
  opened: { key: 'opened', header: 'Opened', type: 'number', width: 10, value: (r) => r.opened },
  clicked: { key: 'clicked', header: 'Clicked', type: 'number', width: 10, value: (r) => r.clicked },
  last_opened: { key: 'last_opened', header: 'Last opened', type: 'date', width: 20, value: (r) => r.lastOpened },
};

export const ALL_SUBSCRIBER_COLUMNS = Object.keys(subscriberColumns) as SubscriberColumnKey[];

export interface RecipientRow {
  traceId: number;
  email: string;
  name: string;
  /** The same word the API and the recipients table use (opened, bounced...), mapped from Odoo's trace_status. */
  status: z.infer<typeof RecipientStatus>;
  sentAt: Date | null;
  openedAt: Date | null;
  clickedAt: Date | null;
  failure: string;
}

export const recipientColumns: Record<RecipientColumnKey, ColumnDef<RecipientRow>> = {
  email: { key: 'email', header: 'Email', type: 'text', width: 32, value: (r) => r.email },
  name: { key: 'name', header: 'Name', type: 'text', width: 24, value: (r) => r.name },
  status: { key: 'status', header: 'Status', type: 'text', width: 12, value: (r) => r.status },
  sent_at: { key: 'sent_at', header: 'Sent', type: 'date', width: 20, value: (r) => r.sentAt },
  opened: { key: 'opened', header: 'Opened', type: 'boolean', width: 9, value: (r) => r.openedAt !== null },
  opened_at: { key: 'opened_at', header: 'Opened at', type: 'date', width: 20, value: (r) => r.openedAt },
  clicked: { key: 'clicked', header: 'Clicked', type: 'boolean', width: 9, value: (r) => r.clickedAt !== null },
  clicked_at: { key: 'clicked_at', header: 'Clicked at', type: 'date', width: 20, value: (r) => r.clickedAt },
  bounced: { key: 'bounced', header: 'Bounced', type: 'boolean', width: 9, value: (r) => r.status === 'bounced' },
  failure: { key: 'failure', header: 'Failure', type: 'text', width: 28, value: (r) => r.failure },
};

export const ALL_RECIPIENT_COLUMNS = Object.keys(recipientColumns) as RecipientColumnKey[];

export function pickColumns<K extends string, R>(all: Record<K, ColumnDef<R>>, keys: readonly K[]): ColumnDef<R>[] {
  return keys.map((key) => all[key]);
}
