import { describe, expect, it } from 'vitest';
import { activitiesOf, activityOp, ruleDomain, ruleOfDomain } from '../../../src/main/core/marketing/audience/builder';
import { describeAudience } from '../../../src/main/core/marketing/audience';
import { parsePythonDomain } from '../../../src/main/core/marketing/python-domain';
import { toPythonDomain } from '../../../src/main/core/marketing/segments';
import { SegmentRule, type Condition } from '../../../src/shared/schemas/segments';

/** Issue 17: every domain the builder writes reads back into the same rule, through Odoo's stored literal. */
const LIST = 3;
const every: Condition[] = [
  { type: 'tag', has: true, tag: 'vip' },
  { type: 'tag', has: false, tag: "Rock 'n' roll" },
  { type: 'list', list_id: 7 },
  { type: 'subscribed', when: 'before', date: '2026-03-01' },
  { type: 'subscribed', when: 'after', date: '2026-02-28' },
  { type: 'activity', action: 'opened', odoo_campaign_id: 42 },
  { type: 'activity', action: 'clicked', days: 30 },
  { type: 'activity', action: 'not_opened', odoo_campaign_id: 42 },
  { type: 'activity', action: 'not_opened', days: 90 },
  { type: 'bounced' },
  { type: 'country', codes: ['BE', 'NL'] },
  { type: 'contains', field: 'email', text: '@example.org' },
  { type: 'contains', field: 'name', text: 'Ann' },
  { type: 'buyer', is: true },
  { type: 'buyer', is: false },
];

function roundTrip(rule: SegmentRule): SegmentRule | null {
  // Who each activity named when it was written, as resolveActivities answers.
  const resolved = new Map(activitiesOf(rule).map(({ index, condition }) => [index, { op: activityOp(condition), ids: [5, 9] }]));
  const stored = toPythonDomain(ruleDomain(rule, LIST, resolved));
  return ruleOfDomain(parsePythonDomain(stored) ?? [], LIST);
}

describe('the segment builder’s domains', () => {
  it.each(['all', 'any'] as const)('read every condition back, combined with %s', (match) => {
    const rule = { match, conditions: every };
    expect(roundTrip(rule)).toEqual(rule);
  });

  it.each(every.map((c) => [c.type, c] as const))('reads a single %s condition back', (_type, condition) => {
    expect(roundTrip({ match: 'all', conditions: [condition] })).toEqual({ match: 'all', conditions: [condition] });
  });

  it('writes "any" as Odoo prefix ORs after the list’s exclusions', () => {
    const domain = ruleDomain({ match: 'any', conditions: [{ type: 'bounced' }, { type: 'country', codes: ['BE'] }] }, LIST);
    expect(domain.slice(-3)).toEqual(['|', ['message_bounce', '>', 0], ['country_id.code', 'in', ['BE']]]);
  });

  it('calls a builder domain with one more leaf custom, and a domain on another list custom', () => {
    const domain = ruleDomain({ match: 'all', conditions: [{ type: 'bounced' }] }, LIST);
    expect(ruleOfDomain([...domain, ['company_name', '!=', false]], LIST)).toBeNull();
    expect(ruleOfDomain(domain, LIST + 1)).toBeNull();
    expect(describeAudience({ mailing_domain: toPythonDomain([...domain, ['company_name', '!=', false]]), contact_list_ids: [LIST] }).kind).toBe('custom');
    expect(describeAudience({ mailing_domain: toPythonDomain(domain), contact_list_ids: [LIST] })).toMatchObject({ kind: 'built', rule: { match: 'all', conditions: [{ type: 'bounced' }] } });
  });

  it('refuses an activity condition with both a campaign and a period, or neither', () => {
    expect(SegmentRule.safeParse({ match: 'all', conditions: [{ type: 'activity', action: 'opened', odoo_campaign_id: 1, days: 3 }] }).success).toBe(false);
    expect(SegmentRule.safeParse({ match: 'all', conditions: [{ type: 'activity', action: 'opened' }] }).success).toBe(false);
  });
});
