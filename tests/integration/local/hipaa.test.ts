import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEALED_MAGIC } from '../../../src/main/core/crypto';
import { filesUnder, startLocalHarness, storeListId, STORE_ID, until, type LocalHarness } from './harness';

let h: LocalHarness;
let listId: number;
let profileId: string;

/** A second profile on the same Odoo, in HIPAA mode, made active (its services open sealed local data). */
beforeEach(async () => {
  h = await startLocalHarness();
  const { url, database, login, apiKey } = h.odooSettings;
  const clinic = await h.api.call('profiles.create', {
    name: 'Clinic',
    kind: 'own-odoo',
    odoo: { url, database, login, protocol: 'auto' },
    storeIds: [STORE_ID],
    hipaa: { enabled: true, idleLockMinutes: 15 },
    secrets: { odooApiKey: apiKey },
    activate: true,
  });
  profileId = clinic.id;
  listId = await storeListId(h);
});
afterEach(() => h.close());

describe('HIPAA mode of a profile', () => {
  it("keeps the profile's drafts, outbox, offline cache and audit log unreadable as plaintext", async () => {
    const marker = 'Recall for patient Zebediah Quill';
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: marker, listId });
    await until(() => h.api.call('drafts.get', { id: draft.id }), (d) => d.draft.sync.state === 'synced');
    const { lists } = await h.api.call('marketing.lists', { storeId: STORE_ID });
    await h.api.call('marketing.subscribers.list', { storeId: STORE_ID });

    const dir = await h.profileDir();
    const files = (await filesUnder(dir)).filter((f) => /[/\\](drafts|outbox|cache|audit)[/\\]/.test(f));
    const kinds = new Set(files.map((f) => f.slice(dir.length + 1).split(/[/\\]/)[0]));
    expect([...kinds].sort()).toEqual(['audit', 'cache', 'drafts', 'outbox']);
    for (const file of files) {
      const bytes = await readFile(file);
      const text = bytes.toString('utf8');
      expect(text).not.toContain(marker);
      expect(text).not.toContain(String(lists[0]?.name));
      expect(text).not.toContain('subscribers.list_viewed');
      if (file.endsWith('audit.jsonl')) {
        for (const line of text.trim().split('\n')) expect(Buffer.from(line, 'base64').subarray(0, SEALED_MAGIC.length).equals(SEALED_MAGIC)).toBe(true);
      } else {
        expect(bytes.subarray(0, SEALED_MAGIC.length).equals(SEALED_MAGIC)).toBe(true);
      }
    }
  });

  it('records connect, list viewed, export, campaign sent, setup change and the SendGrid acknowledgment in a chain that verifies', async () => {
    await h.api.call('marketing.subscribers.list', { storeId: STORE_ID, list_id: listId });
    await h.api.call('export.subscribers', { storeId: STORE_ID, list_id: listId, format: 'csv', password: 'correct horse battery' });
    const campaign = await h.api.call('marketing.campaigns.create', { storeId: STORE_ID, subject: 'Flu shots', sendgrid_template_id: 'd-flu', list_id: listId });
    // The clinic writes the email itself (in Odoo's editor): there is no SendGrid template to render here.
    await h.odoo.write('mailing.mailing', [campaign.odoo_campaign_id], { body_html: '<p>Flu shots are in: book yours.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>' });
    const check = await h.api.call('marketing.campaigns.precheck', { storeId: STORE_ID, campaignId: campaign.campaign_id });
    await h.api.call('marketing.campaigns.send', { storeId: STORE_ID, campaignId: campaign.campaign_id, acknowledge: check.issues.filter((i) => i.severity === 'warning').map((i) => i.code) });
    await h.api.call('profiles.update', { id: profileId, name: 'Clinic (main)' });
    await h.api.call('profiles.update', { id: profileId, sendgrid: { delivery: 'sendgrid-relay' }, acknowledgeSendgridNoBaa: true });

    const { entries } = await h.api.call('audit.list', { limit: 100 });
    const actions = entries.map((e) => e.action).reverse();
    // A new name changes nothing the services use; the delivery change reconnects the profile (logged).
    expect(actions).toEqual(['profile.connect', 'subscribers.list_viewed', 'export.created', 'campaign.sent', 'setup.changed', 'profile.connect', 'setup.changed', 'delivery.sendgrid_acknowledged']);
    expect(entries.find((e) => e.action === 'export.created')?.details).toMatchObject({ what: 'subscribers', encrypted: true, where: 'browser download' });
    expect(await h.api.call('audit.verify', {})).toEqual({ ok: true, keyed: true, entries: 8 });
  });

  it('sends a test through the Odoo’s own test wizard and writes it to the audit log, without the addresses', async () => {
    const campaign = await h.api.call('marketing.campaigns.create', { storeId: STORE_ID, subject: 'Flu shots', sendgrid_template_id: 'd-flu', list_id: listId });
    await h.odoo.write('mailing.mailing', [campaign.odoo_campaign_id], { body_html: '<p>Flu shots are in: book yours.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>' });

    const result = await h.api.call('marketing.campaigns.test_send', { storeId: STORE_ID, campaignId: campaign.campaign_id, emails: ['front-desk@clinic.example.org'] });
    expect(result).toEqual({ campaign_id: campaign.campaign_id, via: 'odoo', sent_to: ['front-desk@clinic.example.org'] });
    expect(await h.odoo.search('mailing.trace', [['mass_mailing_id', '=', campaign.odoo_campaign_id]])).toEqual([]);

    const { entries } = await h.api.call('audit.list', { limit: 10 });
    const test = entries.find((e) => e.action === 'campaign.test_sent');
    expect(test?.details).toEqual({ storeId: STORE_ID, campaignId: campaign.campaign_id, via: 'odoo', addresses: 1 });
    expect(await h.api.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('fails verification at the entry that was modified on disk', async () => {
    await h.api.call('marketing.subscribers.list', { storeId: STORE_ID });
    await h.api.call('marketing.subscribers.list', { storeId: STORE_ID, offset: 50 });
    const file = join(await h.profileDir(), 'audit', 'audit.jsonl');
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const sealed = Buffer.from(String(lines[1]), 'base64');
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 0x01;
    lines[1] = sealed.toString('base64');
    await writeFile(file, `${lines.join('\n')}\n`);

    expect(await h.api.call('audit.verify', {})).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('makes exports encrypted ZIPs by default and says the file holds personal data', async () => {
    const refused = await h.api.call('export.subscribers', { storeId: STORE_ID, format: 'csv' }).then(
      () => null,
      (error: { code: string }) => error.code,
    );
    expect(refused).toBe('input.invalid');
    const result = await h.api.call('export.subscribers', { storeId: STORE_ID, format: 'csv', password: 'correct horse battery' });
    expect(result).toMatchObject({ encrypted: true, fileName: expect.stringMatching(/\.csv\.zip$/), warning: expect.stringMatching(/personal data/) });
    const body = Buffer.from(await (await fetch(`${h.served.url}${result.download?.url}`)).arrayBuffer());
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    const { subscribers } = await h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 1 });
    expect(body.toString('latin1')).not.toContain(String(subscribers[0]?.email));
  });
});
