import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Segment } from '../../../shared/schemas/marketing';
import { parseRecords, type Domain, type OdooClient } from '../odoo';
// A cycle of functions only (saved.ts writes with toPythonDomain): nothing runs while modules load.
import { savedSegmentDomain } from './audience/saved';

/** The tag that marks a buyer, as the newsletter extension sets it (issue 4). */
export const BUYER_TAG = 'buyer';

/**
 * Who Odoo will actually mail on a list: subscribed and not opted out of *that* list, not
 * blacklisted, with a usable address. Odoo drops the others itself at send time (traces
 * "cancel" with mail_optout / mail_bl / mail_email_invalid, odoo18-wire/113), and mailing.list's
 * contact_count_email counts exactly this set; putting it in the mailing's own domain makes
 * Odoo's `total` equal to our estimate.
 * `any` on a one2many (Odoo 17+) keeps "this list" and "not opted out" on the same subscription.
 */
export function reachableWhere(listCondition: readonly unknown[]): Domain {
  return [
    ['subscription_ids', 'any', [[...listCondition], ['opt_out', '=', false]]],
    ['is_blacklisted', '=', false],
    ['email_normalized', '!=', false],
  ];
}

export const reachableOnLists = (listIds: readonly number[]): Domain => reachableWhere(['list_id', 'in', [...listIds]]);

/** Tag names are typed by people: matched whole but without regard to case. */
export const hasTag = (name: string): Domain => ['tag_ids', 'any', [['name', '=ilike', name]]];

const OpenedTrace = z.object({ res_id: z.number().int() });
const LastMailing = z.object({ id: z.number().int().positive(), subject: z.union([z.string(), z.literal(false)]) });

/** The mailing.contact ids who opened (or clicked, which also opens: odoo18-wire/122) the list's last sent mailing. */
async function openedLastCampaign(odoo: OdooClient, listId: number): Promise<number[]> {
  const last = parseRecords(
    LastMailing,
    await odoo.searchRead('mailing.mailing', [['contact_list_ids', 'in', [listId]], ['state', '=', 'done']], ['id', 'subject'], { order: 'sent_date desc, id desc', limit: 1 }),
    'mailing.mailing',
  )[0];
  if (!last) {
    throw new AppError('input.invalid', 'No campaign has been sent to this list yet, so nobody can have opened the last one. Choose another segment.', {
      fields: [{ field: 'segment', problem: 'no campaign has been sent to this list yet' }],
      list_id: listId,
    });
  }
  const traces = await odoo.searchRead(
    'mailing.trace',
    [['mass_mailing_id', '=', last.id], ['model', '=', 'mailing.contact'], ['trace_status', 'in', ['open', 'reply']]],
    ['res_id'],
  );
  return [...new Set(parseRecords(OpenedTrace, traces, 'mailing.trace').map((t) => t.res_id))].sort((a, b) => a - b);
}

/**
 * The segment as a mailing.contact domain over the list, exclusions included. "opened the last
 * campaign" is resolved to contact ids now: the mailing keeps the audience it was created with.
 */
export async function segmentDomain(odoo: OdooClient, listId: number, segment: Segment, now: Date = new Date()): Promise<Domain> {
  if (segment === 'opened_last_campaign') return [...reachableOnLists([listId]), ['id', 'in', await openedLastCampaign(odoo, listId)]];
  // A saved segment's activity conditions are read from Odoo's traces as of `now`.
  if (segment.startsWith('saved:')) return savedSegmentDomain(odoo, listId, Number(segment.slice('saved:'.length)), now);
  return fixedSegmentDomain(listId, segment as Exclude<Segment, 'opened_last_campaign'>);
}

/**
 * The domain of a segment that needs no lookup: every segment but "opened the last campaign",
 * whose people are resolved when the mailing is written. audience/ reads these shapes back.
 */
export function fixedSegmentDomain(listId: number, segment: Exclude<Segment, 'opened_last_campaign'>): Domain {
  const base = reachableOnLists([listId]);
  if (segment.startsWith('saved:')) throw new AppError('internal', 'A saved segment needs Odoo to be read; segmentDomain reads it.');
  if (segment === 'all') return base;
  if (segment === 'buyers') return [...base, ['tag_ids', 'any', [['name', '=', BUYER_TAG]]]];
  if (segment === 'subscribers') return [...base, ['tag_ids', 'not any', [['name', '=', BUYER_TAG]]]];
  return [...base, hasTag(segment.slice('tag:'.length))];
}

/** estimated_recipients: Odoo's own count of the domain the mailing will be sent to. */
export function estimateRecipients(odoo: OdooClient, domain: Domain): Promise<number> {
  return odoo.searchCount('mailing.contact', domain);
}

/**
 * mailing.mailing.mailing_domain is a Char that Odoo reads with safe_eval/literal_eval, so it must
 * be written as a *Python* literal: True/False/None, quoted strings, tuples for leaves
 * (odoo18-wire/103: "[('list_ids', 'in', [3])]"). JSON's true/false would not evaluate.
 */
export function toPythonDomain(domain: Domain): string {
  return pythonLiteral(domain);
}

function pythonLiteral(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AppError('internal', 'A campaign audience contains a number Odoo cannot store.');
    return String(value);
  }
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) {
    const items = value.map(pythonLiteral);
    // A leaf is a 3-item list whose first item is a field path: Odoo writes it as a tuple.
    const isLeaf = value.length === 3 && typeof value[0] === 'string' && typeof value[1] === 'string' && !['&', '|', '!'].includes(value[0]);
    return isLeaf ? `(${items.join(', ')})` : `[${items.join(', ')}]`;
  }
  throw new AppError('internal', 'A campaign audience contains a value Odoo cannot store.');
}

function pythonString(s: string): string {
  const escaped = s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `'${escaped}'`;
}
