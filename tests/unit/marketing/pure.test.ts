import { describe, expect, it } from 'vitest';
import { campaignIdFor } from '../../../src/main/core/marketing/campaigns';
import { toPythonDomain } from '../../../src/main/core/marketing/segments';
import { percent } from '../../../src/main/core/marketing/stats';
import { campaignStatus, type MailingProgress } from '../../../src/main/core/marketing/status';
import { CampaignId } from '../../../src/shared/schemas/common';

const now = new Date('2026-03-01T12:00:00Z');
const progress = (over: Partial<MailingProgress>): MailingProgress => ({
  state: 'done', schedule_type: 'now', schedule_date: null, scheduled: 0, process: 0, pending: 0, sent: 0, failed: 0, ...over,
});

describe('mailing domains written for Odoo', () => {
  it('writes leaves as Python tuples and booleans as True/False, as Odoo stores mailing_domain', () => {
    expect(toPythonDomain([['list_ids', 'in', [3]], ['opt_out', '=', false], ['is_blacklisted', '!=', true]]))
      .toBe("[('list_ids', 'in', [3]), ('opt_out', '=', False), ('is_blacklisted', '!=', True)]");
  });

  it('escapes quotes and backslashes in tag names so the domain still evaluates', () => {
    expect(toPythonDomain([['name', '=ilike', "O'Brien\\"]])).toBe("[('name', '=ilike', 'O\\'Brien\\\\')]");
  });

  it('keeps nested any-domains and prefix operators as lists', () => {
    expect(toPythonDomain(['!', ['tag_ids', 'any', [['name', '=', 'buyer']]]])).toBe("['!', ('tag_ids', 'any', [('name', '=', 'buyer')])]");
  });
});

describe('campaign status from Odoo state and statistics', () => {
  it('calls an in-queue mailing with a future date scheduled', () => {
    expect(campaignStatus(progress({ state: 'in_queue', schedule_type: 'scheduled', schedule_date: new Date('2026-03-02T00:00:00Z') }), now)).toBe('scheduled');
  });

  it('calls an in-queue mailing whose date has passed sending', () => {
    expect(campaignStatus(progress({ state: 'in_queue', schedule_type: 'scheduled', schedule_date: new Date('2026-02-28T00:00:00Z') }), now)).toBe('sending');
  });

  it('keeps a done mailing whose mails still wait in the queue sending (odoo18-wire/183)', () => {
    expect(campaignStatus(progress({ scheduled: 4 }), now)).toBe('sending');
  });

  it('calls a done mailing whose every mail failed failed (odoo18-wire/196)', () => {
    expect(campaignStatus(progress({ failed: 4 }), now)).toBe('failed');
  });

  it('calls a done mailing that reached someone sent', () => {
    expect(campaignStatus(progress({ sent: 3, failed: 1 }), now)).toBe('sent');
  });

  it('calls a done mailing that mailed nobody canceled', () => {
    expect(campaignStatus(progress({}), now)).toBe('canceled');
  });
});

describe('figures', () => {
  it('rounds rates to one decimal and never divides by zero', () => {
    expect([percent(1, 3), percent(2, 3), percent(5, 0), percent(3, 4)]).toEqual([33.3, 66.7, 0, 75]);
  });

  it('derives the same valid campaign id from the same store and request id', () => {
    const id = campaignIdFor('demo-store-a', 'req-0001-abcdef');
    expect(CampaignId.parse(id)).toBe(campaignIdFor('demo-store-a', 'req-0001-abcdef'));
    expect(id).not.toBe(campaignIdFor('demo-store-b', 'req-0001-abcdef'));
  });
});
