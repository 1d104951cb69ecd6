import type { Condition, SegmentRule } from '../../../../shared/schemas/segments';

/**
 * The builder's rows as the person edits them. A row may be half filled (a tag not named yet); only
 * complete rows become the contract's conditions, so Odoo counts what is there and the form never
 * sends a condition the server would refuse.
 */
export type ConditionKind =
  | 'tag_has' | 'tag_not' | 'list' | 'subscribed_before' | 'subscribed_after'
  | 'opened_campaign' | 'clicked_campaign' | 'not_opened_campaign'
  | 'opened_days' | 'clicked_days' | 'not_opened_days'
  | 'bounced' | 'country' | 'name_contains' | 'email_contains' | 'buyer' | 'not_buyer';

export interface ConditionDraft {
  /** Stable per row, so React keeps each row's inputs (and focus) while others are removed. */
  key: string;
  kind: ConditionKind;
  tag: string;
  listId: string | null;
  /** A calendar day, YYYY-MM-DD. */
  date: string;
  campaignId: string | null;
  days: number;
  codes: string[];
  text: string;
}

export const kindGroups: { group: string; items: { value: ConditionKind; label: string }[] }[] = [
  { group: 'Tags and lists', items: [
    { value: 'tag_has', label: 'Has the tag' },
    { value: 'tag_not', label: 'Does not have the tag' },
    { value: 'list', label: 'Is subscribed to the list' },
    { value: 'buyer', label: 'Is a buyer' },
    { value: 'not_buyer', label: 'Is not a buyer' },
  ] },
  { group: 'When they joined', items: [
    { value: 'subscribed_before', label: 'Subscribed before' },
    { value: 'subscribed_after', label: 'Subscribed after' },
  ] },
  { group: 'Engagement', items: [
    { value: 'opened_campaign', label: 'Opened the campaign' },
    { value: 'clicked_campaign', label: 'Clicked in the campaign' },
    { value: 'not_opened_campaign', label: 'Did not open the campaign' },
    { value: 'opened_days', label: 'Opened any campaign in the last…' },
    { value: 'clicked_days', label: 'Clicked in any campaign in the last…' },
    { value: 'not_opened_days', label: 'Opened no campaign in the last…' },
    { value: 'bounced', label: 'Has bounced' },
  ] },
  { group: 'Who they are', items: [
    { value: 'country', label: 'Lives in' },
    { value: 'name_contains', label: 'Name contains' },
    { value: 'email_contains', label: 'Email contains' },
  ] },
];

export const kindLabel = (kind: ConditionKind): string => kindGroups.flatMap((g) => g.items).find((i) => i.value === kind)?.label ?? kind;

let nextKey = 0;
export function newDraft(kind: ConditionKind = 'tag_has'): ConditionDraft {
  nextKey += 1;
  return { key: `c${nextKey}`, kind, tag: '', listId: null, date: '', campaignId: null, days: 30, codes: [], text: '' };
}

const isDay = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const validDays = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 3650;

/** What a row still needs before it can be counted; null when it is complete. */
export function missing(d: ConditionDraft): string | null {
  switch (d.kind) {
    case 'tag_has': case 'tag_not': return d.tag.trim() ? null : 'Name the tag';
    case 'list': return d.listId ? null : 'Pick a list';
    case 'subscribed_before': case 'subscribed_after': return isDay(d.date) ? null : 'Pick a day';
    case 'opened_campaign': case 'clicked_campaign': case 'not_opened_campaign': return d.campaignId ? null : 'Pick a campaign';
    case 'opened_days': case 'clicked_days': case 'not_opened_days': return validDays(d.days) ? null : 'Give a number of days from 1 to 3650';
    case 'country': return d.codes.length > 0 ? null : 'Pick at least one country';
    case 'name_contains': case 'email_contains': return d.text.trim() ? null : 'Type the text to look for';
    case 'bounced': case 'buyer': case 'not_buyer': return null;
  }
}

const ACTION = { opened: 'opened', clicked: 'clicked', not_opened: 'not_opened' } as const;

/** The contract's condition for a complete row; null while it is not. */
export function toCondition(d: ConditionDraft): Condition | null {
  if (missing(d) !== null) return null;
  switch (d.kind) {
    case 'tag_has': return { type: 'tag', has: true, tag: d.tag.trim() };
    case 'tag_not': return { type: 'tag', has: false, tag: d.tag.trim() };
    case 'list': return { type: 'list', list_id: Number(d.listId) };
    case 'subscribed_before': return { type: 'subscribed', when: 'before', date: d.date };
    case 'subscribed_after': return { type: 'subscribed', when: 'after', date: d.date };
    case 'opened_campaign': return { type: 'activity', action: ACTION.opened, odoo_campaign_id: Number(d.campaignId) };
    case 'clicked_campaign': return { type: 'activity', action: ACTION.clicked, odoo_campaign_id: Number(d.campaignId) };
    case 'not_opened_campaign': return { type: 'activity', action: ACTION.not_opened, odoo_campaign_id: Number(d.campaignId) };
    case 'opened_days': return { type: 'activity', action: ACTION.opened, days: d.days };
    case 'clicked_days': return { type: 'activity', action: ACTION.clicked, days: d.days };
    case 'not_opened_days': return { type: 'activity', action: ACTION.not_opened, days: d.days };
    case 'bounced': return { type: 'bounced' };
    case 'country': return { type: 'country', codes: [...d.codes] };
    case 'name_contains': return { type: 'contains', field: 'name', text: d.text.trim() };
    case 'email_contains': return { type: 'contains', field: 'email', text: d.text.trim() };
    case 'buyer': return { type: 'buyer', is: true };
    case 'not_buyer': return { type: 'buyer', is: false };
  }
}

/** A saved segment's condition back into a row, to edit it. */
export function fromCondition(c: Condition): ConditionDraft {
  switch (c.type) {
    case 'tag': return { ...newDraft(c.has ? 'tag_has' : 'tag_not'), tag: c.tag };
    case 'list': return { ...newDraft('list'), listId: String(c.list_id) };
    case 'subscribed': return { ...newDraft(c.when === 'before' ? 'subscribed_before' : 'subscribed_after'), date: c.date };
    case 'activity': {
      const byCampaign = c.odoo_campaign_id !== undefined;
      const kind = `${c.action}_${byCampaign ? 'campaign' : 'days'}` as ConditionKind;
      return { ...newDraft(kind), ...(byCampaign ? { campaignId: String(c.odoo_campaign_id) } : { days: c.days ?? 30 }) };
    }
    case 'bounced': return newDraft('bounced');
    case 'country': return { ...newDraft('country'), codes: [...c.codes] };
    case 'contains': return { ...newDraft(c.field === 'name' ? 'name_contains' : 'email_contains'), text: c.text };
    case 'buyer': return newDraft(c.is ? 'buyer' : 'not_buyer');
  }
}

/**
 * The rule Odoo is asked to count, and which row each of its conditions came from (incomplete rows
 * are left out, so the answer's per-condition counts are matched back by position). Null when no
 * row is complete yet.
 */
export function ruleOf(match: SegmentRule['match'], drafts: readonly ConditionDraft[]): { rule: SegmentRule; rows: string[] } | null {
  const complete = drafts.flatMap((d) => {
    const c = toCondition(d);
    return c ? [{ key: d.key, c }] : [];
  });
  if (complete.length === 0) return null;
  return { rule: { match, conditions: complete.map((x) => x.c) }, rows: complete.map((x) => x.key) };
}

/** "Has the tag vip and opened any of the store's campaigns in the last 30 days": a saved segment in one line. */
export function describeRule(rule: SegmentRule, names: { list: (id: number) => string; campaign: (id: number) => string }): string {
  const one = (c: Condition): string => {
    switch (c.type) {
      case 'tag': return `${c.has ? 'has' : 'does not have'} the tag ${c.tag}`;
      case 'list': return `is on ${names.list(c.list_id)}`;
      case 'subscribed': return `subscribed ${c.when} ${c.date}`;
      case 'activity': {
        const verb = c.action === 'opened' ? 'opened' : c.action === 'clicked' ? 'clicked in' : 'did not open';
        return c.odoo_campaign_id !== undefined ? `${verb} ${names.campaign(c.odoo_campaign_id)}` : `${c.action === 'not_opened' ? 'opened none' : `${verb} any`} of the store's campaigns in the last ${c.days ?? 0} days`;
      }
      case 'bounced': return 'has bounced';
      case 'country': return `lives in ${c.codes.join(', ')}`;
      case 'contains': return `${c.field} contains “${c.text}”`;
      case 'buyer': return c.is ? 'is a buyer' : 'is not a buyer';
    }
  };
  const text = rule.conditions.map(one).join(rule.match === 'all' ? ' and ' : ' or ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
