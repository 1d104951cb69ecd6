import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectivity, createDraftStore, createDraftSync } from '../../../src/main/core/drafts';
import { createMarketing } from '../../../src/main/core/marketing';
import { renderTemplate } from '../../../src/main/core/marketing/templates';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { createOutbox } from '../../../src/main/core/outbox';
import { createSendgrid, type SendgridService } from '../../../src/main/core/sendgrid';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer } from '../../../src/main/sandbox/odoo';
import { SENDGRID_DEMO_API_KEY, startSendgridPeer } from '../../../src/main/sandbox/sendgrid';

type OdooPeer = Awaited<ReturnType<typeof startOdooPeer>>;
type SendgridPeer = Awaited<ReturnType<typeof startSendgridPeer>>;

const now = () => new Date('2025-03-01T10:00:00Z');
let work: string;
let odooPeer: OdooPeer;
let sendgridPeer: SendgridPeer;
let odoo: OdooClient;
let sendgrid: SendgridService;
let listId: number;
let templateId: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-draft-template-'));
  odooPeer = await startOdooPeer({ seed: 'demo', contactCount: 60, randomSeed: 7, now });
  sendgridPeer = await startSendgridPeer({ now, randomSeed: 11 });
  odoo = createOdooClient({ url: odooPeer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, readRetries: 0, timeoutMs: 3000 }, { sleep: async () => {} });
  sendgrid = createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: sendgridPeer.url });
  const [list] = await odoo.search('mailing.list', [['x_markket_store_id', '=', DEMO_STORE.id]]);
  listId = Number(list);
  templateId = String(sendgridPeer.templates.list()[0]?.id);
});
afterEach(async () => {
  await odoo.close();
  await odooPeer.close();
  await sendgridPeer.close();
  await rm(work, { recursive: true, force: true });
});

function services(withSendgrid: boolean) {
  const drafts = createDraftStore({ dir: join(work, 'drafts'), now });
  const outbox = createOutbox({ dir: join(work, 'outbox'), now });
  const connectivity = createConnectivity({ probe: async () => void (await odoo.version()), intervalMs: 60_000, now });
  const sync = createDraftSync({ odoo, drafts, outbox, connectivity, ...(withSendgrid ? { sendgrid: () => sendgrid } : {}) });
  return { drafts, sync, outbox };
}

async function mailingOf(odooId: number) {
  const [mailing] = await odoo.read('mailing.mailing', [odooId], ['x_sendgrid_template_id', 'email_from', 'body_html', 'mailing_domain', 'total', 'schedule_type', 'schedule_date']);
  return mailing ?? {};
}

describe('draft sync of the template, sender and audience', () => {
  it('gives the mailing the template id, the body of its active version, and the segment Odoo counts as the editor estimated', async () => {
    const { drafts, sync } = services(true);
    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'For our buyers', templateId, listId, segment: 'buyers', emailFrom: 'Juniper <news@juniper.example>' });
    await sync.queue(draft.id);
    expect(await sync.flush()).toMatchObject({ pushed: 1, remaining: 0 });

    const synced = await drafts.get(draft.id);
    expect(synced?.sync.state).toBe('synced');
    const mailing = await mailingOf(Number(synced?.sync.odooId));
    const marketing = createMarketing({ odoo, now, stores: [DEMO_STORE] });
    const estimate = await marketing.estimateCampaign({ storeId: DEMO_STORE.id, list_id: listId, segment: 'buyers' });
    expect(estimate.estimated_recipients).toBeGreaterThan(0);
    expect(estimate.estimated_recipients).toBeLessThan(estimate.list_total);
    expect(mailing).toMatchObject({
      x_sendgrid_template_id: templateId,
      email_from: 'Juniper <news@juniper.example>',
      body_html: (await renderTemplate(sendgrid, templateId)).html,
      total: estimate.estimated_recipients,
    });
  });

  it('keeps the schedule on this computer: the mailing stays a draft to send when asked', async () => {
    const { drafts, sync } = services(true);
    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Later', templateId, listId, schedule: '2025-03-09T08:00:00.000Z' });
    await sync.queue(draft.id);
    await sync.flush();
    const mailing = await mailingOf(Number((await drafts.get(draft.id))?.sync.odooId));
    expect(mailing).toMatchObject({ schedule_type: 'now', schedule_date: false });
  });

  it('pushes the body the editor rendered when the profile has no SendGrid', async () => {
    const { drafts, sync } = services(false);
    const body = '<p>Rendered in the editor</p><a href="/unsubscribe_from_list">Unsubscribe</a>';
    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'No SendGrid here', templateId, listId, body });
    await sync.queue(draft.id);
    await sync.flush();
    const mailing = await mailingOf(Number((await drafts.get(draft.id))?.sync.odooId));
    expect(mailing).toMatchObject({ x_sendgrid_template_id: templateId, body_html: body });
  });

  it('parks the push with input.invalid naming the picker when SendGrid has no such template', async () => {
    const { drafts, sync, outbox } = services(true);
    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Gone template', templateId: 'd-00000000000000000000000000000000', listId });
    await sync.queue(draft.id);
    expect(await sync.flush()).toMatchObject({ pushed: 0, failed: 1 });
    expect((await drafts.get(draft.id))?.sync).toMatchObject({ state: 'error', lastError: { code: 'input.invalid' } });
    expect((await outbox.list())[0]).toMatchObject({ state: 'failed', lastError: { details: { fields: [{ field: 'sendgrid_template_id' }] } } });
  });

  it('narrows the audience again when the segment changes on a synced draft', async () => {
    const { drafts, sync } = services(true);
    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Everyone first', templateId, listId });
    await sync.queue(draft.id);
    await sync.flush();
    await drafts.save({ id: draft.id, storeId: DEMO_STORE.id, subject: 'Then VIPs', templateId, listId, segment: 'tag:vip' });
    await sync.queue(draft.id);
    expect(await sync.flush()).toMatchObject({ pushed: 1 });
    const synced = await drafts.get(draft.id);
    const mailing = await mailingOf(Number(synced?.sync.odooId));
    const vip = await createMarketing({ odoo, now, stores: [DEMO_STORE] }).estimateCampaign({ storeId: DEMO_STORE.id, list_id: listId, segment: 'tag:vip' });
    expect(synced?.sync.state).toBe('synced');
    expect(mailing.total).toBe(vip.estimated_recipients);
    expect(String(mailing.mailing_domain)).toContain("'vip'");
  });
});
