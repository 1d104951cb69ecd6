// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { emptyValues, toUpdateInput, valuesFromCampaign } from '../../src/renderer/src/views/editor/values';

/** Issue 10, item 1: the editor writes to an Odoo draft only what the person changed. */
describe('the editor’s write to a draft in Odoo', () => {
  // What the editor opens an Odoo draft with: it cannot know the mailing's segment, so it shows its defaults.
  const initial = { ...emptyValues(7), subject: 'VIP early access', templateId: 'd-1' };

  it('sends only the subject when only the subject changed, never the default audience or an empty preview', () => {
    expect(toUpdateInput('store', 'camp_x', { ...initial, subject: 'VIP early access, last day' }, initial)).toEqual({ storeId: 'store', campaignId: 'camp_x', subject: 'VIP early access, last day' });
  });

  it('sends nothing but the ids when nothing changed', () => {
    expect(toUpdateInput('store', 'camp_x', { ...initial }, initial)).toEqual({ storeId: 'store', campaignId: 'camp_x' });
  });

  it('sends the segment the person picked', () => {
    expect(toUpdateInput('store', 'camp_x', { ...initial, segment: 'tag', tag: 'vip' }, initial)).toEqual({ storeId: 'store', campaignId: 'camp_x', segment: 'tag:vip' });
  });

  it('sends the segment with a new list, since the server refuses to guess one', () => {
    expect(toUpdateInput('store', 'camp_x', { ...initial, listId: '9' }, initial)).toEqual({ storeId: 'store', campaignId: 'camp_x', list_id: 9, segment: 'all' });
  });
});

/** Issue 10, item 1: an Odoo draft opens with what Odoo holds, and an audience the form cannot name is kept. */
describe('the editor opening a draft that lives in Odoo', () => {
  const detail = (audience: { kind: 'segment' | 'custom'; segment: string | null; label: string }) => ({
    campaign_id: 'camp_x', odoo_campaign_id: 12, subject: 'VIP early access', status: 'draft' as const, sent_date: null,
    scheduled_for: '2026-12-01T08:00:00.000Z', sendgrid_template_id: 'd-1', preview_text: 'For our best customers',
    email_from: 'Store A <news@store-a.example>', list_ids: [7], made_in_odoo: false,
    stats: { sent: 0, delivered: 0, bounced: 0, opened: 0, unique_opened: 0, clicked: 0, unique_clicked: 0, unsubscribed: 0, open_rate: 0, click_rate: 0 },
    audience: { ...audience, list_ids: [7], domain: '[…]', recipients: 19, version: 'v1' },
  });

  it('shows the tag audience, preview, sender, list and schedule Odoo holds', () => {
    const values = valuesFromCampaign(detail({ kind: 'segment', segment: 'tag:vip', label: 'Has the tag “vip”' }), 3);
    expect(values).toMatchObject({ subject: 'VIP early access', previewText: 'For our best customers', emailFrom: 'Store A <news@store-a.example>', listId: '7', segment: 'tag', tag: 'vip', when: 'later' });
    expect(values.scheduleLocal).not.toBeNull();
  });

  it('writes nothing of an audience set in Odoo when the subject changes, nor with a schedule it did not touch', () => {
    const opened = valuesFromCampaign(detail({ kind: 'custom', segment: null, label: 'Custom audience (set in Odoo)' }), 3);
    expect(opened.segment).toBe('custom');
    expect(toUpdateInput('store', 'camp_x', { ...opened, subject: 'VIP, last day' }, opened, 'v1')).toEqual({ storeId: 'store', campaignId: 'camp_x', subject: 'VIP, last day' });
  });

  it('replaces an audience set in Odoo only when the person picks a segment, saying which version it replaces', () => {
    const opened = valuesFromCampaign(detail({ kind: 'custom', segment: null, label: 'Custom audience (set in Odoo)' }), 3);
    expect(toUpdateInput('store', 'camp_x', { ...opened, segment: 'buyers' }, opened, 'v1')).toEqual({ storeId: 'store', campaignId: 'camp_x', segment: 'buyers', base_audience: 'v1' });
  });
});
