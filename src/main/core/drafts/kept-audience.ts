import type { Draft, DraftContent, RemoteMailing } from '../../../shared/schemas/drafts';
import { describeAudience, sendDomain } from '../marketing/audience';
import type { OdooClient, OdooRecord } from '../odoo/types';

/** A mailing's audience as read with the draft's push (mailing_domain and contact_list_ids). */
export interface HeldAudience {
  mailing_domain?: string | false | undefined;
  contact_list_ids?: number[] | undefined;
}

const LABELS = { built: 'Built segment', custom: 'Custom audience (set in Odoo)' } as const;

/**
 * Odoo's audience for a draft in conflict, so "Take Odoo's version" can take it too. A domain no
 * segment names is counted as Odoo will send it (one search_count, only then), for the editor to
 * show while the draft is edited offline.
 */
export async function remoteAudience(odoo: OdooClient, held: HeldAudience): Promise<Pick<RemoteMailing, 'mailingDomain' | 'listIds' | 'recipients'>> {
  if (held.mailing_domain === undefined || held.contact_list_ids === undefined) return {};
  const source = { mailing_domain: held.mailing_domain, contact_list_ids: held.contact_list_ids };
  const base = { mailingDomain: held.mailing_domain || '', listIds: held.contact_list_ids };
  if (describeAudience(source).kind === 'segment') return base;
  const domain = sendDomain(source);
  return { ...base, recipients: domain ? await odoo.searchCount('mailing.contact', domain) : 0 };
}

/**
 * The audience a draft takes with Odoo's version: the segment Odoo's domain is, or that domain
 * kept as it is. A draft saved before Odoo's audience was kept with a conflict keeps its own.
 */
export function audienceFromRemote(remote: RemoteMailing, draft: Draft): Pick<DraftContent, 'segment' | 'listId'> & { keptAudience?: DraftContent['keptAudience'] } {
  if (remote.mailingDomain === undefined || !remote.listIds) return { segment: draft.segment, listId: remote.listId !== undefined ? remote.listId : draft.listId, ...(draft.keptAudience ? { keptAudience: draft.keptAudience } : {}) };
  const described = describeAudience({ mailing_domain: remote.mailingDomain, contact_list_ids: remote.listIds });
  if (described.kind === 'segment') return { segment: described.segment, listId: described.listId };
  const [first] = remote.listIds;
  // A mailing on no list is no campaign the console makes; the draft then keeps its own audience.
  if (first === undefined || !described.domain) return { segment: draft.segment, listId: draft.listId };
  return { segment: 'all', listId: first, keptAudience: { domain: described.domain, listIds: remote.listIds, label: LABELS[described.kind], recipients: remote.recipients ?? 0 } };
}

/**
 * Leaves the audience out of a push when Odoo holds exactly it already: a field the person did not
 * change is not written again (and a server that recomputes domains has nothing to reset).
 */
export function withoutHeldAudience(values: OdooRecord, held: HeldAudience): boolean {
  const lists = values.contact_list_ids as [number, number, number[]][] | undefined;
  if (values.mailing_domain === undefined || !lists) return false;
  const same = values.mailing_domain === held.mailing_domain && JSON.stringify(lists[0]?.[2] ?? []) === JSON.stringify(held.contact_list_ids ?? []);
  if (same) {
    delete values.mailing_domain;
    delete values.contact_list_ids;
  }
  return same;
}
