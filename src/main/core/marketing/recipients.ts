import { z } from 'zod';
import type { RecipientsQuery, RecipientsResult, RecipientStatus } from '../../../shared/schemas/marketing-views';
import { odooDatetimeField, parseRecords, type Domain, type OdooClient } from '../odoo';
import { campaignDomain, findMailing, storeMailings, unknownCampaign } from './mailings';
import { storeLists } from './stores';

type Query = z.infer<typeof RecipientsQuery>;
type Status = z.infer<typeof RecipientStatus>;

const text = z.union([z.string(), z.literal(false)]).transform((v) => (v === false ? null : v));
const TraceRow = z.object({
  email: text,
  model: text,
  res_id: z.union([z.number().int(), z.literal(false)]),
  trace_status: z.string(),
  sent_datetime: odooDatetimeField,
  open_datetime: odooDatetimeField,
  links_click_datetime: odooDatetimeField,
  failure_reason: text,
});
type TraceRow = z.infer<typeof TraceRow>;
const Page = z.object({ length: z.number().int().nonnegative(), records: z.array(z.unknown()) });
const Name = z.object({ id: z.number().int(), name: text });

const SPECIFICATION = Object.fromEntries(['email', 'model', 'res_id', 'trace_status', 'sent_datetime', 'open_datetime', 'links_click_datetime', 'failure_reason'].map((f) => [f, {}]));

/** A mailing.mailing domain moved onto the traces: each leaf goes through mass_mailing_id. */
export function onTheirMailing(domain: Domain): Domain {
  return domain.map((leaf) => {
    if (!Array.isArray(leaf)) return leaf;
    const [field, ...rest] = leaf as [string, ...unknown[]];
    return [field === 'id' ? 'mass_mailing_id' : `mass_mailing_id.${field}`, ...rest];
  });
}

const FILTERS: Record<Query['filter'], Domain> = {
  all: [],
  // Odoo's own "opened" counts open and reply (a click opens too, odoo18-wire/122).
  opened: [['trace_status', 'in', ['open', 'reply']]],
  clicked: [['links_click_datetime', '!=', false]],
  bounced: [['trace_status', '=', 'bounce']],
  not_opened: [['trace_status', '=', 'sent']],
};

export function recipientStatus(t: Pick<TraceRow, 'trace_status' | 'links_click_datetime'>): Status {
  switch (t.trace_status) {
    case 'sent':
      return 'sent';
    case 'open':
      return t.links_click_datetime ? 'clicked' : 'opened';
    case 'reply':
      return 'replied';
    case 'bounce':
      return 'bounced';
    case 'error':
      return 'failed';
    case 'cancel':
      return 'canceled';
    default:
      return 'queued';
  }
}

/**
 * One page of a campaign's recipients in two calls: the traces (web_search_read gives the page
 * and the total at once, and reaches the mailing through mass_mailing_id, so it need not be looked
 * up first) and the names of the page's contacts. An empty answer may mean an unknown campaign:
 * only then is it looked up.
 */
export async function campaignRecipients(odoo: OdooClient, query: Query): Promise<z.infer<typeof RecipientsResult>> {
  const domain: Domain = [
    ...onTheirMailing([...campaignDomain(query.campaignId), ...storeMailings(query.storeId)]),
    ...FILTERS[query.filter],
    ...(query.search ? [['email', 'ilike', query.search]] : []),
  ];
  const raw = Page.parse(await odoo.call('mailing.trace', 'web_search_read', [], {
    domain, specification: SPECIFICATION, offset: query.offset, limit: query.limit, order: 'id asc',
  }, { mutating: false }));
  if (raw.length === 0 && !(await findMailing(odoo, query.storeId, query.campaignId))) {
    await storeLists(odoo, query.storeId);
    throw unknownCampaign(query.storeId, query.campaignId);
  }
  const traces = parseRecords(TraceRow, raw.records, 'mailing.trace');
  const contactIds = [...new Set(traces.flatMap((t) => (t.model === 'mailing.contact' && t.res_id ? [t.res_id] : [])))];
  const names = new Map(
    contactIds.length === 0 ? [] : parseRecords(Name, await odoo.read('mailing.contact', contactIds, ['name']), 'mailing.contact').map((c) => [c.id, c.name ?? '']),
  );
  return {
    recipients: traces.map((t) => {
      const contactId = t.model === 'mailing.contact' && t.res_id ? t.res_id : null;
      return {
        email: t.email ?? '',
        name: contactId !== null ? (names.get(contactId) ?? '') : '',
        contact_id: contactId,
        status: recipientStatus(t),
        sent_at: t.sent_datetime?.toISOString() ?? null,
        opened_at: t.open_datetime?.toISOString() ?? null,
        clicked_at: t.links_click_datetime?.toISOString() ?? null,
        bounce_reason: t.trace_status === 'bounce' ? (t.failure_reason ?? '') : null,
      };
    }),
    total: raw.length,
  };
}
