import { describe, expect, it } from 'vitest';
import { SegmentRule, type Condition } from '../../src/shared/schemas/segments';
import { describeRule, fromCondition, missing, newDraft, ruleOf, toCondition } from '../../src/renderer/src/views/segments/conditions';

const every: Condition[] = [
  { type: 'tag', has: true, tag: 'vip' },
  { type: 'tag', has: false, tag: 'wholesale' },
  { type: 'list', list_id: 4 },
  { type: 'subscribed', when: 'before', date: '2025-01-31' },
  { type: 'subscribed', when: 'after', date: '2024-06-01' },
  { type: 'activity', action: 'opened', odoo_campaign_id: 12 },
  { type: 'activity', action: 'clicked', odoo_campaign_id: 12 },
  { type: 'activity', action: 'not_opened', odoo_campaign_id: 12 },
  { type: 'activity', action: 'opened', days: 30 },
  { type: 'activity', action: 'clicked', days: 7 },
  { type: 'activity', action: 'not_opened', days: 90 },
  { type: 'bounced' },
  { type: 'country', codes: ['US', 'CA'] },
  { type: 'contains', field: 'name', text: 'Smith' },
  { type: 'contains', field: 'email', text: '@gmail.com' },
  { type: 'buyer', is: true },
  { type: 'buyer', is: false },
];

describe('the segment builder rows', () => {
  it('turn every condition the contract knows into a row and back, unchanged', () => {
    for (const condition of every) expect(toCondition(fromCondition(condition))).toEqual(condition);
  });

  it('leave a half-filled row out of the count and say what it needs', () => {
    const tag = newDraft('tag_has');
    const bounced = newDraft('bounced');
    expect(missing(tag)).toBe('Name the tag');
    expect(missing({ ...newDraft('opened_days'), days: 0 })).toBe('Give a number of days from 1 to 3650');
    const built = ruleOf('any', [tag, bounced]);
    expect(built).toEqual({ rule: { match: 'any', conditions: [{ type: 'bounced' }] }, rows: [bounced.key] });
    expect(ruleOf('all', [tag])).toBeNull();
  });

  it('build a rule the contract accepts from every kind of row', () => {
    const built = ruleOf('all', every.map(fromCondition));
    expect(SegmentRule.safeParse(built?.rule).success).toBe(true);
  });

  it('describe a saved segment in one sentence', () => {
    const text = describeRule({ match: 'all', conditions: [{ type: 'tag', has: true, tag: 'vip' }, { type: 'activity', action: 'opened', days: 30 }] }, { list: () => 'Newsletter', campaign: () => '“Spring”' });
    expect(text).toBe("Has the tag vip and opened any of the store's campaigns in the last 30 days");
  });
});
