// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { emptyValues, toUpdateInput } from '../../src/renderer/src/views/editor/values';

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
