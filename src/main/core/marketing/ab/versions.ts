import { z } from 'zod';
import { many2one, parseRecords, type OdooClient } from '../../odoo';
import { MAILING_FIELDS, MailingRecord } from '../mailings';
import { cancelMailing, scheduleMailing } from '../mailing-actions';

const Sibling = z.object({ id: z.number().int().positive(), state: z.string(), ab_testing_pc: z.number().int() });

/**
 * The mailings a send, schedule or cancel of an A/B version acts on: every test version of its
 * campaign in `states` (the winner, a 100 % copy, is Odoo's to send). Sending the campaign sends
 * its test, as Odoo's form sends each version; a single mailing acts on itself alone.
 */
export async function testVersionIds(odoo: OdooClient, mailing: MailingRecord & { ab_testing_enabled?: boolean | undefined; campaign_id?: { id: number } | null | undefined }, states: string[]): Promise<number[]> {
  if (!mailing.ab_testing_enabled || !mailing.campaign_id) return [mailing.id];
  const rows = await odoo.searchRead('mailing.mailing', [['campaign_id', '=', mailing.campaign_id.id], ['ab_testing_enabled', '=', true], ['state', 'in', states]], ['id', 'state', 'ab_testing_pc'], { order: 'id asc' });
  const ids = parseRecords(Sibling, rows, 'mailing.mailing').filter((m) => m.ab_testing_pc < 100).map((m) => m.id);
  return ids.includes(mailing.id) || !states.includes(mailing.state) ? ids : [mailing.id, ...ids];
}

const AbFields = z.object({ ab_testing_enabled: z.boolean(), campaign_id: many2one });

/** The mailing with what tells whether it is an A/B version (one read). */
export async function abFields<M extends MailingRecord>(odoo: OdooClient, mailing: M): Promise<M & z.infer<typeof AbFields>> {
  const [row] = parseRecords(AbFields, await odoo.read('mailing.mailing', [mailing.id], ['ab_testing_enabled', 'campaign_id']), 'mailing.mailing');
  return { ...mailing, ab_testing_enabled: row?.ab_testing_enabled ?? false, campaign_id: row?.campaign_id ?? null };
}

type AbAware = MailingRecord & { ab_testing_enabled?: boolean | undefined; campaign_id?: { id: number } | null | undefined };
const SiblingMailing = MailingRecord.extend({ ab_testing_pc: z.number().int() });

/** The other test versions of an A/B version still to go (draft or queued), as scheduleMailing reads them; the winner (100 %) is Odoo's. */
export async function waitingVersions(odoo: OdooClient, mailing: AbAware): Promise<MailingRecord[]> {
  if (!mailing.ab_testing_enabled || !mailing.campaign_id) return [];
  const domain = [['campaign_id', '=', mailing.campaign_id.id], ['ab_testing_enabled', '=', true], ['state', 'in', ['draft', 'in_queue']], ['id', '!=', mailing.id]];
  const rows = await odoo.searchRead('mailing.mailing', domain, [...MAILING_FIELDS, 'ab_testing_pc'], { order: 'id asc' });
  return parseRecords(SiblingMailing, rows, 'mailing.mailing').filter((m) => m.ab_testing_pc < 100);
}

/**
 * Schedules (or moves) a campaign and, when it is an A/B version, its whole test: Odoo sends each
 * version on its own schedule, so moving only one would send the test in pieces. Each version is
 * scheduled as scheduleMailing does it (a retry with the same date changes nothing).
 */
export async function scheduleTest(odoo: OdooClient, mailing: AbAware, at: Date, now: Date): Promise<'scheduled' | 'unchanged'> {
  const siblings = await waitingVersions(odoo, mailing);
  let outcome = await scheduleMailing(odoo, mailing, at, now);
  for (const sibling of siblings) if ((await scheduleMailing(odoo, sibling, at, now)) === 'scheduled') outcome = 'scheduled';
  return outcome;
}

/** Cancels a queued campaign and, when it is an A/B version, the other queued versions of its test. */
export async function cancelTest(odoo: OdooClient, mailing: AbAware): Promise<'canceled' | 'unchanged'> {
  const siblings = await waitingVersions(odoo, mailing);
  let outcome = await cancelMailing(odoo, mailing);
  for (const sibling of siblings) if ((await cancelMailing(odoo, sibling)) === 'canceled') outcome = 'canceled';
  return outcome;
}

const VersionAudience = z.object({ id: z.number().int().positive(), ab_testing_pc: z.number().int(), mailing_domain: z.union([z.string(), z.literal(false)]), contact_list_ids: z.array(z.number().int()) });

/**
 * Odoo keeps each version's audience on its own mailing: a version is a copy of the mailing made
 * when the test was set up (action_duplicate → copy, contact_list_ids included), and mailing.py's
 * write() never copies a change to the other versions. The console's versions differ only in
 * subject, sender or email, so the audience of version A, changed here, is written to the other
 * versions still in draft, on the same terms (only what differs). Returns the versions changed.
 */
export async function keepTestAudience(odoo: OdooClient, mailing: MailingRecord, audience: { mailing_domain: string; listId: number }): Promise<number[]> {
  const marked = await abFields(odoo, mailing);
  if (!marked.ab_testing_enabled || !marked.campaign_id) return [];
  const domain = [['campaign_id', '=', marked.campaign_id.id], ['ab_testing_enabled', '=', true], ['state', '=', 'draft'], ['id', '!=', mailing.id]];
  const rows = parseRecords(VersionAudience, await odoo.searchRead('mailing.mailing', domain, ['id', 'ab_testing_pc', 'mailing_domain', 'contact_list_ids'], { order: 'id asc' }), 'mailing.mailing');
  const changed: number[] = [];
  for (const version of rows.filter((v) => v.ab_testing_pc < 100)) {
    const sameList = version.contact_list_ids.length === 1 && version.contact_list_ids[0] === audience.listId;
    const values = {
      ...(sameList ? {} : { contact_list_ids: [[6, 0, [audience.listId]]] }),
      // Odoo recomputes mailing_domain from the lists when they change, so it is written with them.
      ...(!sameList || version.mailing_domain !== audience.mailing_domain ? { mailing_domain: audience.mailing_domain } : {}),
    };
    if (Object.keys(values).length === 0) continue;
    await odoo.write('mailing.mailing', [version.id], values);
    changed.push(version.id);
  }
  return changed;
}
