import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startLocalHarness, storeListId, STORE_ID, until, type LocalHarness } from './harness';

let h: LocalHarness;
let listId: number;
beforeEach(async () => {
  h = await startLocalHarness();
  listId = await storeListId(h);
});
afterEach(() => h.close());

// A SendGrid template's rendering as the editor keeps it on the draft: one campaign-wide value in it.
const body = '<p>Use code <strong>{{discount_code}}</strong> at checkout.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>';
const synced = (id: string) => until(() => h.api.call('drafts.get', { id }), (d) => d.draft.sync.state === 'synced' && d.outbox.length === 0);
const Body = z.object({ body_html: z.string() });

describe('a local draft from a SendGrid template with a campaign-wide value', () => {
  it('goes through the outbox unfilled and is refused at send naming the value, then sent once it is filled', async () => {
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Spring sale', templateId: 'd-spring', listId, segment: 'all', body });
    await h.api.call('drafts.sync', {});
    const { draft: pushed } = await synced(draft.id);
    const campaignId = String(pushed.campaignId);
    await expect(h.api.call('marketing.campaigns.send', { storeId: STORE_ID, campaignId, acknowledge: ['suppressions_unchecked', 'unmapped_template_fields'] }))
      .rejects.toMatchObject({ code: 'precheck.failed', message: expect.stringContaining("Fill 'discount_code'") });

    h.peerClock.now = new Date(h.peerClock.now.getTime() + 60_000);
    await h.api.call('drafts.save', { id: draft.id, baseVersion: pushed.version, storeId: STORE_ID, subject: 'Spring sale', templateId: 'd-spring', templateValues: { discount_code: 'SPRING10' }, listId, segment: 'all', body });
    await h.api.call('drafts.sync', {});
    const { draft: filled } = await until(() => h.api.call('drafts.get', { id: draft.id }), (d) => d.draft.version > pushed.version && d.draft.sync.state === 'synced' && d.outbox.length === 0);
    const [mailing] = await h.odoo.read('mailing.mailing', [Number(filled.sync.odooId)], ['body_html']);
    expect(Body.parse(mailing).body_html).toContain('Use code <strong>SPRING10</strong>');
    const sent = await h.api.call('marketing.campaigns.send', { storeId: STORE_ID, campaignId, acknowledge: ['suppressions_unchecked', 'suppressed_recipients'] });
    expect(sent.status).toBe('sending');
  });

  it('keeps its values apart when Odoo’s version is taken, so a later offline edit without SendGrid can still change them', async () => {
    const later = () => (h.peerClock.now = new Date(h.peerClock.now.getTime() + 60_000));
    const inConflict = (id: string) => until(() => h.api.call('drafts.get', { id }), (d) => d.draft.sync.state === 'conflict');
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Spring sale', templateId: 'd-spring', templateValues: { discount_code: 'SPRING10' }, listId, segment: 'all', body });
    await h.api.call('drafts.sync', {});
    const pushed = (await synced(draft.id)).draft;
    const campaignId = String(pushed.campaignId);

    // Odoo's subject changes while this computer edits too: the push asks which version to keep.
    later();
    await h.odoo.write('mailing.mailing', [Number(pushed.sync.odooId)], { subject: 'Spring sale (Odoo)' });
    later();
    await h.api.call('drafts.save', { id: draft.id, baseVersion: pushed.version, storeId: STORE_ID, subject: 'Spring sale, second look', templateId: 'd-spring', templateValues: { discount_code: 'SPRING10' }, listId, segment: 'all', body });
    await h.api.call('drafts.sync', {});
    expect((await inConflict(draft.id)).draft.sync.remote).toMatchObject({ subject: 'Spring sale (Odoo)' });
    const taken = await h.api.call('drafts.resolveConflict', { id: draft.id, choice: 'take-odoo' });
    // Odoo's email, as the template wrote it, with the value apart (not the filled body_html).
    expect(taken).toMatchObject({ subject: 'Spring sale (Odoo)', body, templateValues: { discount_code: 'SPRING10' } });

    // Offline, the value is changed; back online, Odoo gets it and still keeps it apart.
    await h.stopPeer();
    later();
    await h.api.call('drafts.save', { id: draft.id, baseVersion: taken.version, storeId: STORE_ID, subject: 'Spring sale (Odoo)', templateId: 'd-spring', templateValues: { discount_code: 'SPRING20' }, listId, segment: 'all', body: taken.body });
    await h.restartPeer();
    await h.api.call('connectivity.status', { probe: true });
    await h.api.call('drafts.sync', {});
    await until(() => h.api.call('drafts.get', { id: draft.id }), (d) => d.draft.sync.state === 'synced' && d.outbox.length === 0);
    const [mailing] = await h.odoo.read('mailing.mailing', [Number(pushed.sync.odooId)], ['body_html']);
    expect(Body.parse(mailing).body_html).toContain('Use code <strong>SPRING20</strong>');
    expect(await h.api.call('marketing.campaigns.get', { storeId: STORE_ID, campaignId })).toMatchObject({ template_value_names: ['discount_code'], template_values: { discount_code: 'SPRING20' } });
  });
});
