import type { OdooClient } from '../odoo';
import type { SendgridService, Suppression, SuppressionKind } from '../sendgrid';
import { normalizeEmail } from '../extensions/handlers/email';
import { blacklistAddresses } from './blacklist';

/**
 * Pulls SendGrid's suppression lists into Odoo so Odoo never mails those addresses: global
 * unsubscribes, spam reports, invalid addresses and hard bounces go on mail.blacklist; blocks (and
 * soft bounces) are temporary refusals by the receiving server and are only reported. Batched:
 * one blacklist search, one create for the new entries, one write to revive archived ones (see
 * blacklist.ts for what a store owner's key may do there).
 * Running it twice changes nothing the second time.
 */

export const SUPPRESSION_KINDS: readonly SuppressionKind[] = ['bounces', 'blocks', 'spam_reports', 'invalid_emails', 'unsubscribes'];
const BLACKLISTED_KINDS = new Set<SuppressionKind>(['bounces', 'spam_reports', 'invalid_emails', 'unsubscribes']);
/** Addresses listed in the report; the counts are always complete. */
const LISTED = 100;

export interface SuppressionSyncReport {
  pulled: Record<SuppressionKind, number>;
  /**
   * readable false (a store owner's key): Odoo lets it add to the blacklist, not read it. `added`
   * and `already` then count the store's own contacts, `kept_off` those an administrator took off
   * (they stay off), and `unconfirmed` the other addresses handed over.
   */
  blacklist: { added: number; revived: number; already: number; added_emails: string[]; revived_emails: string[]; readable: boolean; kept_off: number; unconfirmed: number };
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

  const result = await blacklistAddresses(deps.odoo, [...toBlacklist]);

  return {
    pulled,
    blacklist: {
      added: result.added.length,
      revived: result.revived.length,
      already: result.already,
      added_emails: result.added.slice(0, LISTED),
      revived_emails: result.revived.slice(0, LISTED),
      readable: result.readable,
      kept_off: result.keptOff.length,
      unconfirmed: result.unconfirmed,
    },
    temporary: { blocks, soft_bounces: softBounces },
    unusable,
    changed: result.added.length + result.revived.length + result.unconfirmed > 0,
  };
}
