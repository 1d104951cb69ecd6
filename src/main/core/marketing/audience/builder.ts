import type { Condition, SegmentRule } from '../../../../shared/schemas/segments';
import type { Domain } from '../../odoo';
import { BUYER_TAG, reachableOnLists } from '../segments';

/**
 * The segment builder's conditions as a mailing.contact domain Odoo evaluates itself, and back.
 * Every shape uses only fields and operators Odoo 18/19 have on mailing.contact (fields_get in
 * odoo18-wire/021-022, odoo19-json2-wire/031-032): tag_ids / subscription_ids with `any` and
 * `not any` (Odoo 17+), country_id.code, message_bounce, name / email with ilike, and the
 * subscription's create_date for when someone subscribed.
 *
 * Opens and clicks live on mailing.trace (res_id, a Many2oneReference with no inverse on the
 * contact), which no domain on mailing.contact can reach: Odoo itself answers "who opened" with
 * `[('id', 'in', res_ids)]` (_action_view_documents_filtered). So an activity condition is resolved
 * to ids when written, and carries a marker leaf that names the condition, so the builder reads it
 * back. The marker is `('email_normalized', '!=', 'markket-segment:…')`: email_normalized only ever
 * holds a normalized address (with an @), and the base domain already requires one, so the marker
 * is true for every contact the domain can select: Odoo's count is unchanged.
 */

/** The ids an activity condition resolved to, with the operator that applies them. */
export interface ResolvedActivity {
  op: 'in' | 'not in';
  ids: number[];
}

type Item = unknown;
type Activity = Extract<Condition, { type: 'activity' }>;

const MARKER = 'markket-segment:';
const DAY_START = ' 00:00:00';

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function markerOf(c: Activity): string {
  return c.odoo_campaign_id !== undefined ? `${MARKER}${c.action}:campaign:${c.odoo_campaign_id}` : `${MARKER}${c.action}:days:${c.days ?? 0}`;
}

/** "Did not open any campaign lately" excludes who opened; every other activity selects who did it. */
export const activityOp = (c: Activity): ResolvedActivity['op'] => (c.action === 'not_opened' && c.odoo_campaign_id === undefined ? 'not in' : 'in');

const tagLeaf = (op: 'any' | 'not any', name: string, match: '=ilike' | '='): Item => ['tag_ids', op, [['name', match, name]]];

/** One condition as one domain node (a leaf, or '&' with its two leaves), in prefix notation. */
export function conditionItems(c: Condition, listId: number, activity?: ResolvedActivity): Item[] {
  switch (c.type) {
    case 'tag':
      // Tag names are typed by people: matched whole, without regard to case (as hasTag does).
      return [tagLeaf(c.has ? 'any' : 'not any', c.tag, '=ilike')];
    case 'buyer':
      return [tagLeaf(c.is ? 'any' : 'not any', BUYER_TAG, '=')];
    case 'list':
      return [['subscription_ids', 'any', [['list_id', '=', c.list_id], ['opt_out', '=', false]]]];
    case 'subscribed':
      // When they joined this list: the subscription's create_date (UTC, as Odoo stores it).
      return [['subscription_ids', 'any', [['list_id', '=', listId], c.when === 'before' ? ['create_date', '<', c.date + DAY_START] : ['create_date', '>=', nextDay(c.date) + DAY_START]]]];
    case 'bounced':
      return [['message_bounce', '>', 0]];
    case 'country':
      return [['country_id.code', 'in', [...c.codes]]];
    case 'contains':
      return [[c.field, 'ilike', c.text]];
    case 'activity': {
      const resolved = activity ?? { op: activityOp(c), ids: [] };
      return ['&', ['email_normalized', '!=', markerOf(c)], ['id', resolved.op, [...resolved.ids]]];
    }
  }
}

/** The segment over the list: Odoo's send-time exclusions first, then the conditions AND-ed or OR-ed. */
export function ruleDomain(rule: SegmentRule, listId: number, activities: ReadonlyMap<number, ResolvedActivity> = new Map()): Domain {
  const nodes = rule.conditions.map((c, i) => conditionItems(c, listId, activities.get(i)));
  const ors = rule.match === 'any' ? Array.from({ length: nodes.length - 1 }, () => '|') : [];
  return [...reachableOnLists([listId]), ...ors, ...nodes.flat()] as Domain;
}

/** The domain of one condition alone over the list: its own live count. */
export function conditionDomain(c: Condition, listId: number, activity?: ResolvedActivity): Domain {
  return [...reachableOnLists([listId]), ...conditionItems(c, listId, activity)] as Domain;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const isLeaf = (x: unknown): x is [string, string, unknown] => Array.isArray(x) && x.length === 3 && typeof x[0] === 'string' && typeof x[1] === 'string';
const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const prevDay = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

function tagCondition(leaf: [string, string, unknown]): Condition | null {
  const [field, op, inner] = leaf;
  if (field !== 'tag_ids' || (op !== 'any' && op !== 'not any') || !Array.isArray(inner) || inner.length !== 1 || !isLeaf(inner[0])) return null;
  const [name, match, value] = inner[0];
  if (name !== 'name' || typeof value !== 'string' || value.trim() === '' || value.length > 100 || value !== value.trim()) return null;
  if (match === '=' && value === BUYER_TAG) return { type: 'buyer', is: op === 'any' };
  return match === '=ilike' ? { type: 'tag', has: op === 'any', tag: value } : null;
}

function subscriptionCondition(leaf: [string, string, unknown], listId: number): Condition | null {
  const [, , inner] = leaf;
  if (!Array.isArray(inner) || inner.length !== 2 || !isLeaf(inner[0]) || !isLeaf(inner[1])) return null;
  const [first, second] = inner as [[string, string, unknown], [string, string, unknown]];
  if (first[0] !== 'list_id' || first[1] !== '=' || typeof first[2] !== 'number' || !Number.isInteger(first[2]) || first[2] < 1) return null;
  if (same(second, ['opt_out', '=', false])) return { type: 'list', list_id: first[2] };
  const [field, op, value] = second;
  if (first[2] !== listId || field !== 'create_date' || typeof value !== 'string' || !value.endsWith(DAY_START)) return null;
  const day = value.slice(0, -DAY_START.length);
  if (!isDay(day)) return null;
  if (op === '<') return { type: 'subscribed', when: 'before', date: day };
  return op === '>=' ? { type: 'subscribed', when: 'after', date: prevDay(day) } : null;
}

function leafCondition(leaf: [string, string, unknown], listId: number): Condition | null {
  const [field, op, value] = leaf;
  if (field === 'tag_ids') return tagCondition(leaf);
  if (field === 'subscription_ids' && op === 'any') return subscriptionCondition(leaf, listId);
  if (same(leaf, ['message_bounce', '>', 0])) return { type: 'bounced' };
  if (field === 'country_id.code' && op === 'in' && Array.isArray(value) && value.length > 0 && value.length <= 50 && value.every((v) => typeof v === 'string' && /^[A-Z]{2}$/.test(v))) {
    return { type: 'country', codes: value as string[] };
  }
  if ((field === 'name' || field === 'email') && op === 'ilike' && typeof value === 'string' && value.trim() === value && value.length > 0 && value.length <= 100) {
    return { type: 'contains', field, text: value };
  }
  return null;
}

/** The activity condition a marker names, if its id leaf is the one the builder writes for it. */
function activityCondition(marker: unknown, ids: unknown): Condition | null {
  if (!isLeaf(marker) || marker[0] !== 'email_normalized' || marker[1] !== '!=' || typeof marker[2] !== 'string') return null;
  const m = /^markket-segment:(opened|clicked|not_opened):(campaign|days):(\d{1,10})$/.exec(marker[2]);
  if (!m || !isLeaf(ids) || ids[0] !== 'id' || !Array.isArray(ids[2]) || !ids[2].every((v) => Number.isInteger(v))) return null;
  const action = m[1] as Activity['action'];
  const n = Number(m[3]);
  if (n < 1) return null;
  const byCampaign = m[2] === 'campaign';
  const condition: Activity = byCampaign ? { type: 'activity', action, odoo_campaign_id: n } : { type: 'activity', action, days: n };
  return ids[1] === activityOp(condition) && (byCampaign || n <= 3650) ? condition : null;
}

/** Reads one condition node from `items` at `at`; null when the node is not one the builder writes. */
function readNode(items: readonly unknown[], at: number, listId: number): { condition: Condition; next: number } | null {
  const item = items[at];
  if (item === '&') {
    const condition = activityCondition(items[at + 1], items[at + 2]);
    return condition ? { condition, next: at + 3 } : null;
  }
  if (!isLeaf(item)) return null;
  const condition = leafCondition(item, listId);
  return condition ? { condition, next: at + 1 } : null;
}

/**
 * The builder's rule for a domain it wrote on this list; null for any other domain (shown as custom
 * and kept). A single condition reads back as "all": with one condition both mean the same.
 */
export function ruleOfDomain(domain: Domain, listId: number): SegmentRule | null {
  const base = reachableOnLists([listId]);
  if (domain.length <= base.length || !same(domain.slice(0, base.length), base)) return null;
  const rest: readonly unknown[] = domain.slice(base.length);
  let ors = 0;
  while (rest[ors] === '|') ors += 1;
  const conditions: Condition[] = [];
  let at = ors;
  while (at < rest.length) {
    const node = readNode(rest, at, listId);
    if (!node) return null;
    conditions.push(node.condition);
    at = node.next;
  }
  if (conditions.length === 0 || conditions.length > 20) return null;
  if (ors > 0 && ors !== conditions.length - 1) return null;
  return { match: ors > 0 ? 'any' : 'all', conditions };
}

/** The activity conditions of a rule that need their ids resolved, by position. */
export function activitiesOf(rule: SegmentRule): { index: number; condition: Activity }[] {
  return rule.conditions.flatMap((condition, index) => (condition.type === 'activity' ? [{ index, condition }] : []));
}
