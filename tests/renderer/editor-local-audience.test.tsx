// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { toDraftInput, valuesFromDraft } from '../../src/renderer/src/views/editor/values';

/** Issue 10: a local draft holding an audience set in Odoo opens with it, saves it back as it is, and gives way to a picked segment. */
describe('the editor of a local draft with an audience kept from Odoo', () => {
  const keptAudience = { domain: '[("list_ids", "in", [7]), ("name", "ilike", "a")]', listIds: [7], label: 'Custom audience (set in Odoo)', recipients: 19 };
  const draft = { subject: 'Spring', previewText: '', templateId: 'd-1', listId: 7, segment: 'all', keptAudience, schedule: null };

  it('opens on “Custom audience”, on the audience’s own list', () => {
    expect(valuesFromDraft(draft, 3)).toMatchObject({ segment: 'custom', tag: '', listId: '7', kept: keptAudience });
  });

  it('saves the audience as Odoo holds it with every edit', () => {
    const opened = valuesFromDraft(draft, 3);
    expect(toDraftInput('store', { ...opened, subject: 'Spring, last day' }, undefined)).toMatchObject({ subject: 'Spring, last day', listId: 7, keptAudience });
  });

  it('drops it once the person picks a segment', () => {
    const saved = toDraftInput('store', { ...valuesFromDraft(draft, 3), segment: 'tag', tag: 'vip' }, undefined);
    expect(saved).toMatchObject({ segment: 'tag:vip', listId: 7 });
    expect(saved).not.toHaveProperty('keptAudience');
  });
});
