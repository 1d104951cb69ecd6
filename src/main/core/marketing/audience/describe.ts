import { createHash } from 'node:crypto';
import { Segment } from '../../../../shared/schemas/marketing';
import type { SegmentRule } from '../../../../shared/schemas/segments';
import { ruleOfDomain } from './builder';
import type { Domain } from '../../odoo';
import { parsePythonDomain } from '../python-domain';
import { fixedSegmentDomain, hasTag, reachableOnLists } from '../segments';

/** What the audience is read from: the mailing as Odoo holds it. */
export interface AudienceSource {
  mailing_domain: string | false;
  contact_list_ids: readonly number[];
  /** The model the mailing sends to (odoo18-wire/103: "mailing.contact" for mailings on lists). */
  mailing_model_real?: string | false | undefined;
}

/**
 * A mailing's audience as the console can name it.
 * - `segment`: a segment the editor can show and write again. `written_by` tells the console's own
 *   domain (exclusions inside) from Odoo's default for a list ("[('list_ids', 'in', [3])]",
 *   odoo18-wire/103), which reaches the same people because Odoo drops opt-outs and blacklisted at send.
 * - `built`: a domain the segment builder wrote (a saved segment, issue 17): read back into its rule.
 * - `custom`: any other domain (edited in Odoo, written by a script, several lists). It is shown as
 *   "Custom audience (set in Odoo)" and never rewritten unless the person picks another audience.
 */
export type DescribedAudience =
  | { kind: 'segment'; segment: Segment; listId: number; writtenBy: 'console' | 'odoo'; domain: string; listIds: number[]; version: string; parsed: Domain }
  | { kind: 'built'; segment: null; rule: SegmentRule; listId: number; writtenBy: 'console'; domain: string; listIds: number[]; version: string; parsed: Domain }
  | { kind: 'custom'; segment: null; domain: string; listIds: number[]; version: string; parsed: Domain | null };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A tag leaf as hasTag writes it, with the tag's name. */
function tagOf(leaf: unknown): string | null {
  if (!Array.isArray(leaf) || leaf.length !== 3 || leaf[0] !== 'tag_ids' || leaf[1] !== 'any') return null;
  const inner: unknown = leaf[2];
  const condition: unknown = Array.isArray(inner) && inner.length === 1 ? inner[0] : null;
  const name: unknown = Array.isArray(condition) && condition.length === 3 && condition[0] === 'name' && condition[1] === '=ilike' ? condition[2] : null;
  return typeof name === 'string' && Segment.safeParse(`tag:${name}`).success ? name : null;
}

/** "Opened the last campaign" is written as the people who had opened it then: an id leaf after the list's base. */
function isOpenedLeaf(leaf: unknown): boolean {
  return Array.isArray(leaf) && leaf.length === 3 && leaf[0] === 'id' && leaf[1] === 'in' && Array.isArray(leaf[2]) && leaf[2].every((v) => Number.isInteger(v));
}

/** The segment whose domain this is, on this list; null for anything the segment picker cannot show. */
export function segmentOfDomain(domain: Domain, listId: number): Segment | null {
  for (const segment of ['all', 'buyers', 'subscribers'] as const) if (same(domain, fixedSegmentDomain(listId, segment))) return segment;
  const base = reachableOnLists([listId]);
  if (domain.length !== base.length + 1 || !same(domain.slice(0, base.length), base)) return null;
  const last = domain[base.length];
  const tag = tagOf(last);
  if (tag !== null && same(last, hasTag(tag))) return `tag:${tag}`;
  return isOpenedLeaf(last) ? 'opened_last_campaign' : null;
}

/** Changes whenever Odoo's audience changes (domain or lists): an editor gives it back to say what it saw. */
export function audienceVersion(m: AudienceSource): string {
  const lists = [...m.contact_list_ids].sort((a, b) => a - b).join(',');
  return createHash('sha256').update(`${lists}\n${m.mailing_domain || ''}`).digest('base64url').slice(0, 16);
}

export function describeAudience(m: AudienceSource): DescribedAudience {
  const domain = m.mailing_domain || '';
  const listIds = [...m.contact_list_ids];
  const version = audienceVersion(m);
  const parsed = domain ? parsePythonDomain(domain) : null;
  const custom: DescribedAudience = { kind: 'custom', segment: null, domain, listIds, version, parsed };
  const onContacts = !m.mailing_model_real || m.mailing_model_real === 'mailing.contact';
  const [listId] = listIds;
  if (!onContacts || listIds.length !== 1 || listId === undefined || !parsed) return custom;
  const segment = segmentOfDomain(parsed, listId);
  if (segment) return { kind: 'segment', segment, listId, writtenBy: 'console', domain, listIds, version, parsed };
  const rule = ruleOfDomain(parsed, listId);
  if (rule) return { kind: 'built', segment: null, rule, listId, writtenBy: 'console', domain, listIds, version, parsed };
  // Odoo's own domain for a mailing on a list (_compute_mailing_domain).
  if (same(parsed, [['list_ids', 'in', [listId]]])) return { kind: 'segment', segment: 'all', listId, writtenBy: 'odoo', domain, listIds, version, parsed };
  return custom;
}
