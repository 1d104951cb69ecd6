import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectivity, createDraftStore, createDraftSync } from '../../../src/main/core/drafts';
import { createEmailBodies } from '../../../src/main/core/email';
import { emailHandlers, type EmailServices } from '../../../src/main/host/handlers/email';
import { createMarketing } from '../../../src/main/core/marketing';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { createOutbox } from '../../../src/main/core/outbox';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer } from '../../../src/main/sandbox/odoo';
import { parseEmailDocument, starterLayout } from '../../../src/shared/email';

const now = () => new Date('2025-03-01T10:00:00Z');
let work: string;
let peer: Awaited<ReturnType<typeof startOdooPeer>>;
let odoo: OdooClient;
let listId: number;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-draft-email-'));
  peer = await startOdooPeer({ seed: 'demo', contactCount: 40, randomSeed: 7, now });
  odoo = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, readRetries: 0, timeoutMs: 3000 }, { sleep: async () => {} });
  [listId] = (await odoo.search('mailing.list', [['x_markket_store_id', '=', DEMO_STORE.id]])) as [number];
});
afterEach(async () => {
  await odoo.close();
  await peer.close();
  await rm(work, { recursive: true, force: true });
});

describe('a draft written in the email editor', () => {
  it('is kept on this computer with its document, and becomes the mailing’s body when it syncs', async () => {
    const drafts = createDraftStore({ dir: join(work, 'drafts'), now });
    const outbox = createOutbox({ dir: join(work, 'outbox'), now });
    const connectivity = createConnectivity({ probe: async () => void (await odoo.version()), intervalMs: 60_000, now });
    const sync = createDraftSync({ odoo, drafts, outbox, connectivity });
    const document = starterLayout('sale', { store_name: 'Store A', postal_address: '1 Market Street' });

    // Written with no network: the draft file holds the document as the editor gave it.
    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Spring sale', listId, document });
    expect((await drafts.get(draft.id))?.document).toEqual(parseEmailDocument(document));

    await sync.queue(draft.id);
    expect(await sync.flush()).toMatchObject({ pushed: 1, remaining: 0 });
    const synced = await drafts.get(draft.id);
    const campaignId = synced?.campaignId;
    expect(campaignId).toBeDefined();

    const marketing = createMarketing({ odoo, now, stores: [DEMO_STORE] });
    expect((await marketing.getCampaign(DEMO_STORE.id, campaignId!)).subject).toBe('Spring sale');
    const body = await createEmailBodies({ odoo }).get(DEMO_STORE.id, campaignId!);
    expect(body).toMatchObject({ kind: 'document', edited_in_odoo: false });
    expect(body.document).toEqual(parseEmailDocument(document));
    expect(body.html).toContain('<t t-out="object.name">there</t>');
  });

  it('stays in step with its mailing when it is saved as a favourite, so the next push is no conflict', async () => {
    // Odoo's clock moves between writes, as a real server's does.
    let tick = Date.parse('2025-03-01T10:00:00Z');
    const ticking = await startOdooPeer({ seed: 'demo', contactCount: 5, randomSeed: 7, now: () => new Date((tick += 1000)) });
    const client = createOdooClient({ url: ticking.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, readRetries: 0, timeoutMs: 3000 }, { sleep: async () => {} });
    try {
      const [tickingList] = (await client.search('mailing.list', [['x_markket_store_id', '=', DEMO_STORE.id]])) as [number];
      const drafts = createDraftStore({ dir: join(work, 'drafts'), now });
      const outbox = createOutbox({ dir: join(work, 'outbox'), now });
      const sync = createDraftSync({ odoo: client, drafts, outbox });
      const document = starterLayout('letter', { store_name: 'Store A', postal_address: '1 Market Street' });
      const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Spring letter', listId: tickingList, document });
      await sync.queue(draft.id);
      await sync.flush();
      const campaignId = (await drafts.get(draft.id))!.campaignId!;

      const services = { email: createEmailBodies({ odoo: client }), odoo: client, delivery: 'odoo-mail-server', local: { drafts } } as unknown as EmailServices;
      await emailHandlers['marketing.campaigns.favorite']({ storeId: DEMO_STORE.id, campaignId, favorite: true }, services, { emit: () => undefined, signal: new AbortController().signal });

      // The person then changes the subject: the push goes through, over the starred mailing.
      await drafts.save({ id: draft.id, storeId: DEMO_STORE.id, subject: 'Spring letter, second edition', listId: tickingList, document, baseVersion: (await drafts.get(draft.id))!.version });
      await sync.queue(draft.id);
      expect(await sync.flush()).toMatchObject({ pushed: 1, remaining: 0 });
      expect((await drafts.get(draft.id))!.sync.state).toBe('synced');
      const [row] = await client.searchRead('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]], ['subject', 'favorite']);
      expect(row).toMatchObject({ subject: 'Spring letter, second edition', favorite: true });
    } finally {
      await client.close();
      await ticking.close();
    }
  });
});
