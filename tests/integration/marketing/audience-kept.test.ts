import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

/**
 * Issue 10, item 1: a draft whose audience was set elsewhere (by the API, a duplicate, Odoo's own
 * UI) keeps it when the console edits something else. The editor writes only what the person changed,
 * and the server does not read "the same list again" as "everyone on it".
 */
let world: MarketingWorld;
let templateId: string;
beforeAll(async () => {
  world = await startMarketingWorld({ sendgrid: true });
  templateId = (await world.sendgrid!.listTemplates())[0]!.id;
});
afterAll(() => world.close());

const storeId = DEMO_STORE.id;
async function held(id: number) {
  const rows = await world.odoo.read('mailing.mailing', [id], ['mailing_domain', 'preview', 'subject']);
  return z.array(z.object({ mailing_domain: z.string(), preview: z.union([z.string(), z.literal(false)]), subject: z.string() })).parse(rows)[0]!;
}

describe('an existing draft edited in the console', () => {
  it('keeps a tag audience and its preview when only the subject changes in the editor', async () => {
    const made = await world.run('marketing.campaigns.create', { storeId, subject: 'VIP early access', sendgrid_template_id: templateId, list_id: world.storeListId, segment: 'tag:vip', preview_text: 'For our best customers' });
    const before = await held(made.odoo_campaign_id);
    // What the editor now sends for a subject edit (tests/renderer/editor-update.test.tsx pins that).
    await world.run('marketing.campaigns.update', { storeId, campaignId: made.campaign_id, subject: 'VIP early access, last day' });
    const after = await held(made.odoo_campaign_id);
    expect(after).toEqual({ ...before, subject: 'VIP early access, last day' });
  });

  it('does not widen the audience when a caller names the same list without a segment', async () => {
    const made = await world.run('marketing.campaigns.create', { storeId, subject: 'Buyers thank-you', sendgrid_template_id: templateId, list_id: world.storeListId, segment: 'tag:vip' });
    const before = await held(made.odoo_campaign_id);
    const answer = await world.run('marketing.campaigns.update', { storeId, campaignId: made.campaign_id, list_id: world.storeListId });
    expect((await held(made.odoo_campaign_id)).mailing_domain).toBe(before.mailing_domain);
    expect(answer.estimated_recipients).toBe(made.estimated_recipients);
  });
});
