import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraftStore, createDraftSync } from '../../../src/main/core/drafts';
import { createEmailBodies } from '../../../src/main/core/email';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { createOutbox } from '../../../src/main/core/outbox';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { parseEmailDocument, starterLayout, type EmailDocument } from '../../../src/shared/email';

// Two real images, as the editor reads them from a file: a 1×1 PNG and a 1×1 GIF.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
const GIF = 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
const sha1 = (b64: string) => createHash('sha1').update(Buffer.from(b64, 'base64')).digest('hex');
const now = () => new Date('2025-03-01T10:00:00Z');

/** A sale layout with the logo twice (header and a column) and a second picture. */
function withImages(): EmailDocument {
  const doc = starterLayout('sale', { store_name: 'Store A', postal_address: '1 Market Street' }) as EmailDocument;
  const image = (id: string, src: string) => ({ id, type: 'image' as const, src, alt: 'Our shop front', align: 'center' as const });
  return {
    ...doc,
    blocks: [
      image('logo', `data:image/png;base64,${PNG}`),
      ...doc.blocks,
      { id: 'cols', type: 'columns', columns: [{ blocks: [image('logo-again', `data:image/png;base64,${PNG}`)] }, { blocks: [image('dot', `data:image/gif;base64,${GIF}`)] }] },
    ],
  };
}

interface Attachment { id: number; name: string; checksum: string; public: boolean; res_model: string; res_id: number; mimetype: string }

describe.each([
  ['18.0', 'jsonrpc'],
  ['19.0', 'json2'],
] as const)('images added in the editor, on Odoo %s over %s', (version, protocol) => {
  let work: string;
  let peer: OdooPeer;
  let odoo: OdooClient;
  let listId: number;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'markket-images-'));
    peer = await startOdooPeer({ seed: 'demo', contactCount: 5, randomSeed: 7, now, version });
    odoo = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, protocol, readRetries: 0, timeoutMs: 3000 }, { sleep: async () => {} });
    [listId] = (await odoo.search('mailing.list', [['x_markket_store_id', '=', DEMO_STORE.id]])) as [number];
  });
  afterEach(async () => {
    await odoo.close();
    await peer.close();
    await rm(work, { recursive: true, force: true });
  });

  const attachments = async (mailingId: number) =>
    (await odoo.searchRead('ir.attachment', [['res_model', '=', 'mailing.mailing'], ['res_id', '=', mailingId]], ['name', 'checksum', 'public', 'res_model', 'res_id', 'mimetype'], { order: 'id' })) as unknown as Attachment[];

  it('are kept in the local draft, uploaded once when it syncs, and the body links to them on the Odoo', async () => {
    const drafts = createDraftStore({ dir: join(work, 'drafts'), now });
    const sync = createDraftSync({ odoo, drafts, outbox: createOutbox({ dir: join(work, 'outbox'), now }) });
    // Written offline: the draft holds the images themselves.
    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Spring sale', listId, document: withImages() });
    await sync.queue(draft.id);
    expect(await sync.flush()).toMatchObject({ pushed: 1, remaining: 0 });
    const mailingId = (await drafts.get(draft.id))!.sync.odooId!;

    // One attachment per distinct image, as Odoo's editor makes them: on the mailing, not public.
    const files = await attachments(mailingId);
    expect(files).toEqual([
      { id: expect.any(Number), name: `image_mailing_${mailingId}_0`, checksum: sha1(PNG), public: false, res_model: 'mailing.mailing', res_id: mailingId, mimetype: 'image/png' },
      { id: expect.any(Number), name: `image_mailing_${mailingId}_1`, checksum: sha1(GIF), public: false, res_model: 'mailing.mailing', res_id: mailingId, mimetype: 'image/gif' },
    ]);
    const [body] = (await odoo.read('mailing.mailing', [mailingId], ['body_html', 'body_arch'])) as [{ body_html: string; body_arch: string }];
    expect(body.body_html).not.toContain('data:image');
    expect(body.body_arch).not.toContain('data:image');
    const links = [...body.body_html.matchAll(/src="(\/web\/image\/\d+\?access_token=[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(links).toHaveLength(3);
    expect(new Set(links).size).toBe(2);
    // Anyone reading the mail fetches them from the Odoo with the token the link carries.
    for (const link of links) {
      const answer = await fetch(`${peer.url}${link}`);
      expect(answer.headers.get('content-type')).toMatch(/^image\/(png|gif)$/);
      expect([sha1(PNG), sha1(GIF)]).toContain(createHash('sha1').update(Buffer.from(await answer.arrayBuffer())).digest('hex'));
    }

    // The person edits the subject and the draft syncs again: nothing is uploaded a second time.
    await drafts.save({ id: draft.id, storeId: DEMO_STORE.id, subject: 'Spring sale, last days', listId, document: withImages(), baseVersion: (await drafts.get(draft.id))!.version });
    await sync.queue(draft.id);
    expect(await sync.flush()).toMatchObject({ pushed: 1, remaining: 0 });
    expect(await attachments(mailingId)).toHaveLength(2);
    const [again] = (await odoo.read('mailing.mailing', [mailingId], ['body_html'])) as [{ body_html: string }];
    expect(again.body_html).toBe(body.body_html);
  });

  it('are uploaded when the email is saved to a mailing, reusing an image the mailing already has', async () => {
    const email = createEmailBodies({ odoo });
    const drafts = createDraftStore({ dir: join(work, 'drafts'), now });
    const sync = createDraftSync({ odoo, drafts, outbox: createOutbox({ dir: join(work, 'outbox'), now }) });
    const plain = starterLayout('letter', { store_name: 'Store A', postal_address: '1 Market Street' }) as EmailDocument;
    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Letter', listId, document: plain });
    await sync.queue(draft.id);
    await sync.flush();
    const { campaignId, sync: state } = (await drafts.get(draft.id))!;
    expect(await attachments(state.odooId!)).toEqual([]);

    const opened = await email.get(DEMO_STORE.id, campaignId!);
    await email.save({ storeId: DEMO_STORE.id, campaignId: campaignId!, document: parseEmailDocument(withImages()), replace_odoo_edits: false, base_body: opened.body_version });
    expect((await attachments(state.odooId!)).map((a) => a.checksum)).toEqual([sha1(PNG), sha1(GIF)]);
    const saved = await email.get(DEMO_STORE.id, campaignId!);
    expect(saved).toMatchObject({ kind: 'document', edited_in_odoo: false });
    const sources = saved.document!.blocks.flatMap((b) => (b.type === 'image' ? [b.src] : b.type === 'columns' ? b.columns.flatMap((c) => c.blocks.flatMap((x) => (x.type === 'image' ? [x.src] : []))) : []));
    expect(sources).toHaveLength(3);
    for (const src of sources) expect(src).toMatch(/^\/web\/image\/\d+\?access_token=[0-9a-f-]{36}$/);

    // Saved again with the images as the editor still holds them: the same email, nothing new in Odoo.
    expect(await email.save({ storeId: DEMO_STORE.id, campaignId: campaignId!, document: parseEmailDocument(withImages()), replace_odoo_edits: false, base_body: saved.body_version })).toMatchObject({ changed: false });
    expect(await attachments(state.odooId!)).toHaveLength(2);
  });
});
