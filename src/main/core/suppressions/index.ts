import { z } from 'zod';
import { parseRecords, type OdooClient } from '../odoo';
import type { SendgridService, Suppression, SuppressionKind } from '../sendgrid';
import { normalizeEmail } from '../extensions/handlers/email';

/**
 * Pulls SendGrid's suppression lists into Odoo so Odoo never mails those addresses: global
 * unsubscribes, spam reports, invalid addresses and hard bounces go on mail.blacklist; blocks (and
 * soft bounces) are temporary refusals by the receiving server and are only reported. Batched:
 * one blacklist search, one create for the new entries, one write to revive archived ones.
 * Running it twice changes nothing the second time.
 */

export const SUPPRESSION_KINDS: readonly SuppressionKind[] = ['bounces', 'blocks', 'spam_reports', 'invalid_emails', 'unsubscribes'];
const BLACKLISTED_KINDS = new Set<SuppressionKind>(['bounces', 'spam_reports', 'invalid_emails', 'unsubscribes']);
/** Addresses listed in the report; the counts are always complete. */
const LISTED = 100;

export interface SuppressionSyncReport {
  pulled: Record<SuppressionKind, number>;
  blacklist: { added: number; revived: number; already: number; added_emails: string[]; revived_emails: string[] };
  /** Reported, not blacklisted: the receiving server may accept the address later. */
  temporary: { blocks: number; soft_bounces: number };
  /** Entries whose address Odoo would refuse (odoo18-wire/067), so they were left out. */
  unusable: { kind: SuppressionKind; email: string }[];
  changed: boolean;
}

/** SendGrid's bounce list holds soft bounces (4.x.x) too; only a permanent failure blacklists. */
function isHardBounce(entry: Suppression): boolean {
  return !entry.status || !entry.status.trim().startsWith('4');
}

const BlacklistEntry = z.object({ id: z.number(), email: z.string(), active: z.boolean() });

export async function syncSuppressions(deps: { sendgrid: SendgridService; odoo: OdooClient }): Promise<SuppressionSyncReport> {
  const pulled = {} as Record<SuppressionKind, number>;
  const toBlacklist = new Set<string>();
  const unusable: SuppressionSyncReport['unusable'] = [];
  let blocks = 0;
  let softBounces = 0;
  for (const kind of SUPPRESSION_KINDS) {
    const entries = await deps.sendgrid.suppressions(kind);
    pulled[kind] = entries.length;
    for (const entry of entries) {
      if (kind === 'blocks') {
        blocks += 1;
        continue;
      }
      if (kind === 'bounces' && !isHardBounce(entry)) {
        softBounces += 1;
        continue;
      }
      if (!BLACKLISTED_KINDS.has(kind)) continue;
      const email = normalizeEmail(entry.email);
      if (!email) unusable.push({ kind, email: entry.email });
      else toBlacklist.add(email);
    }
  }

  const emails = [...toBlacklist];
  const existing = emails.length === 0 ? [] : parseRecords(
    BlacklistEntry,
    await deps.odoo.searchRead('mail.blacklist', [['email', 'in', emails]], ['email', 'active'], { context: { active_test: false } }),
    'mail.blacklist',
  );
  const known = new Map(existing.map((e) => [e.email.toLowerCase(), e]));
  const archived = existing.filter((e) => !e.active);
  const missing = emails.filter((e) => !known.has(e));
  if (archived.length > 0) await deps.odoo.write('mail.blacklist', archived.map((e) => e.id), { active: true });
  if (missing.length > 0) await deps.odoo.createMany('mail.blacklist', missing.map((email) => ({ email })));

  return {
    pulled,
    blacklist: {
      added: missing.length,
      revived: archived.length,
      already: existing.length - archived.length,
      added_emails: missing.slice(0, LISTED),
      revived_emails: archived.slice(0, LISTED).map((e) => e.email),
    },
    temporary: { blocks, soft_bounces: softBounces },
    unusable,
    changed: missing.length + archived.length > 0,
  };
}
