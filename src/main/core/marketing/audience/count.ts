import type { Domain, OdooClient } from '../../odoo';
import { describeAudience, type AudienceSource } from './describe';

/**
 * Who Odoo drops at send time from a mailing on lists (_get_opt_out_list for mailing.contact, and
 * the blacklist and invalid-address checks; the peer's queue cancels the same, odoo18-wire/113):
 * blacklisted, no usable address, or opted out of the mailing's lists and subscribed to none of them.
 */
export function keptAtSend(listIds: readonly number[]): Domain {
  return [
    ['is_blacklisted', '=', false],
    ['email_normalized', '!=', false],
    '|',
    ['subscription_ids', 'not any', [['list_id', 'in', [...listIds]], ['opt_out', '=', true]]],
    ['subscription_ids', 'any', [['list_id', 'in', [...listIds]], ['opt_out', '=', false]]],
  ];
}

/**
 * The mailing.contact domain of the people Odoo will really mail, exclusions included; null when
 * the mailing does not send to contacts (its own `total` is then the only count). Odoo reads
 * mailing_domain with literal_eval and sends to nobody when it cannot (_parse_mailing_domain).
 */
export function sendDomain(m: AudienceSource): Domain | null {
  const audience = describeAudience(m);
  if (m.mailing_model_real && m.mailing_model_real !== 'mailing.contact') return null;
  // The console's own domains carry these exclusions already.
  if ((audience.kind === 'segment' || audience.kind === 'built') && audience.writtenBy === 'console') return audience.parsed;
  if (!audience.parsed) return [['id', 'in', []]];
  return [...audience.parsed, ...keptAtSend(audience.listIds)];
}

/**
 * Odoo's live count of who the mailing will reach. For the console's own domains that is the
 * mailing's `total` (Odoo's search_count of mailing_domain, odoo18-wire/103), no extra call; any
 * other domain is counted with the exclusions Odoo applies at send (one search_count).
 */
export async function countAudience(odoo: OdooClient, m: AudienceSource & { total: number }): Promise<number> {
  const audience = describeAudience(m);
  if ((audience.kind === 'segment' || audience.kind === 'built') && audience.writtenBy === 'console') return m.total;
  const domain = sendDomain(m);
  return domain ? odoo.searchCount('mailing.contact', domain) : m.total;
}
