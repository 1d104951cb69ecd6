import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingClient, parseRecords, type OdooClient } from '../../../src/main/core/odoo';
import { syncSubscribers, type RowReport } from '../../../src/main/core/extensions';
import { NewsletterConfig } from '../../../src/shared/schemas/extension';
import { DEMO_STORE } from '../../../src/main/sandbox/odoo';
import { z } from 'zod';
import { extensionsHarness, odooPeerAndClient, storeListId } from './helpers';

type Harness = Awaited<ReturnType<typeof extensionsHarness>>;

const ContactRow = z.object({ id: z.number(), email: z.string(), list_ids: z.array(z.number()), tag_ids: z.array(z.number()), x_markket_subscriber_id: z.union([z.string(), z.literal(false)]), x_markket_store_id: z.union([z.string(), z.literal(false)]) });

describe('markket:odoo:newsletter against the Odoo peer', () => {
  let env: Awaited<ReturnType<typeof odooPeerAndClient>>;
  let h: Harness;
  let listId: number;
  let extensionId: string;

  async function contactsByEmail(odoo: OdooClient, email: string) {
    return parseRecords(ContactRow, await odoo.searchRead('mailing.contact', [['email_normalized', '=', email]], ['email', 'list_ids', 'tag_ids', 'x_markket_subscriber_id', 'x_markket_store_id']), 'mailing.contact');
  }
  async function tagIds(names: string[]) {
    // The demo's second store has tags of the same names: this store's, or the console's own (no store), are meant.
    return env.odoo.search('res.partner.category', [['name', 'in', names], '|', ['x_markket_store_id', '=', DEMO_STORE.id], ['x_markket_store_id', '=', false]]);
  }
  async function signup(entity: unknown) {
    const record = await h.registry.get(extensionId);
    return h.runner.run(record!, 'trigger:new_subscriber', entity);
  }
  async function rows(outcome: Awaited<ReturnType<typeof signup>>): Promise<RowReport[]> {
    return (outcome.output as { rows: RowReport[] }).rows;
  }

  beforeAll(async () => {
    env = await odooPeerAndClient();
    h = await extensionsHarness(env.odoo);
    listId = await storeListId(env.odoo, DEMO_STORE.id);
    const record = await h.registry.add(DEMO_STORE.id, {
      key: 'markket:odoo:newsletter',
      config: { mailing_list_id: listId, auto_subscribe: true, tags: ['markket_store_demo', 'newsletter'] },
    });
    extensionId = record.id;
  });
  afterAll(async () => {
    await env.close();
    await h.remove();
  });

  it('creates a contact on the list with its tags and Markket ids', async () => {
    const outcome = await signup({ email: 'New.Person@Example.com', name: 'New Person', documentId: 'sub_doc_1' });
    expect(outcome.success).toBe(true);
    const [contact] = await contactsByEmail(env.odoo, 'new.person@example.com');
    expect(contact).toMatchObject({ list_ids: [listId], x_markket_subscriber_id: 'sub_doc_1', x_markket_store_id: DEMO_STORE.id });
    expect([...contact!.tag_ids].sort()).toEqual([...(await tagIds(['markket_store_demo', 'newsletter']))].sort());
  });

  it('does not create a second contact for the same address written differently', async () => {
    await signup({ email: 'twice@example.com', name: 'Twice' });
    const outcome = await signup({ email: '  Twice <TWICE@example.COM> ' });
    expect((await rows(outcome))[0]).toMatchObject({ outcome: 'unchanged' });
    expect(await contactsByEmail(env.odoo, 'twice@example.com')).toHaveLength(1);
  });

  it('adds the list and the tags to a contact that already exists elsewhere', async () => {
    const [otherList] = await env.odoo.createMany('mailing.list', [{ name: 'Other list' }]);
    const [id] = await env.odoo.createMany('mailing.contact', [{ email: 'elsewhere@example.com', name: 'Elsewhere', list_ids: [[4, otherList]] }]);
    const outcome = await signup({ email: 'elsewhere@example.com', name: 'Elsewhere' });
    expect((await rows(outcome))[0]).toMatchObject({ outcome: 'updated', contact_id: id });
    const [contact] = await contactsByEmail(env.odoo, 'elsewhere@example.com');
    expect(contact!.list_ids.sort()).toEqual([otherList!, listId].sort());
    expect(contact!.tag_ids.length).toBe(2);
  });

  async function optedOutContact(email: string): Promise<number> {
    const [id] = await env.odoo.createMany('mailing.contact', [{ email, name: email, list_ids: [[4, listId]] }]);
    const subs = await env.odoo.search('mailing.subscription', [['contact_id', '=', id], ['list_id', '=', listId]]);
    await env.odoo.write('mailing.subscription', subs, { opt_out: true });
    return id!;
  }
  async function optOutOf(contactId: number): Promise<boolean> {
    const subs = parseRecords(z.object({ id: z.number(), opt_out: z.boolean() }), await env.odoo.searchRead('mailing.subscription', [['contact_id', '=', contactId], ['list_id', '=', listId]], ['opt_out']), 'mailing.subscription');
    return subs[0]!.opt_out;
  }

  it('leaves an opted-out contact opted out when a list import brings the address again', async () => {
    const id = await optedOutContact('quiet@example.com');
    const outcome = await signup({ email: 'quiet@example.com', source: 'import' });
    expect((await rows(outcome))[0]).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining('opted out') });
    expect(await optOutOf(id)).toBe(true);
  });

  it('resubscribes an opted-out contact who signs up again when auto_subscribe is on', async () => {
    const id = await optedOutContact('back@example.com');
    const outcome = await signup({ email: 'back@example.com', source: 'signup' });
    expect((await rows(outcome))[0]).toMatchObject({ outcome: 'resubscribed' });
    expect(await optOutOf(id)).toBe(false);
  });

  it('skips a blacklisted address and says why', async () => {
    await env.odoo.createMany('mailing.contact', [{ email: 'never@example.com', name: 'Never', list_ids: [[4, listId]] }]);
    await env.odoo.create('mail.blacklist', { email: 'never@example.com' });
    const outcome = await signup({ email: 'never@example.com' });
    expect((await rows(outcome))[0]).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining('blacklist') });
  });

  it('rejects an invalid email address with an error naming the field and records it in the log', async () => {
    const outcome = await signup({ email: 'not-an-address' });
    expect(outcome.success).toBe(false);
    expect(outcome.error).toMatchObject({ code: 'input.invalid', message: expect.stringContaining('not-an-address') });
    const record = await h.registry.get(extensionId);
    expect(record!.meta.execution_log.at(-1)).toMatchObject({ status: 'error', error: { code: 'input.invalid' } });
  });

  it('syncs 2,500 rows with a fixed number of Odoo calls per 1,000 and reports every row', async () => {
    const counting = countingClient(env.odoo);
    const subscribers = Array.from({ length: 2500 }, (_, i) => ({ email: `bulk${i}@example.com`, name: `Bulk ${i}`, source: 'import' as const }));
    subscribers[10] = { email: 'broken', name: 'Broken', source: 'import' };
    subscribers[11] = { email: 'BULK0@example.com', name: 'Again', source: 'import' };
    const config = NewsletterConfig.parse({ mailing_list_id: listId, tags: ['bulk'] });
    const reports = await syncSubscribers(counting.client, { listId, storeId: DEMO_STORE.id, config, subscribers });
    expect(reports).toHaveLength(2500);
    expect(reports[10]).toMatchObject({ row: 11, outcome: 'invalid' });
    expect(reports[11]).toMatchObject({ row: 12, outcome: 'skipped', reason: 'same address as row 1' });
    expect(reports.filter((r) => r.outcome === 'created')).toHaveLength(2498);
    // Tags (search + create) once, then per batch of 1,000: one contact search and one create.
    expect(counting.count()).toBe(2 + 3 * 2);

    counting.reset();
    const again = await syncSubscribers(counting.client, { listId, storeId: DEMO_STORE.id, config, subscribers });
    expect(again.filter((r) => r.outcome === 'unchanged')).toHaveLength(2498);
    // Tag search, then per batch: contact search and subscription search; nothing to write.
    expect(counting.count()).toBe(1 + 3 * 2);
  });
});
