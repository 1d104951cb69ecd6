import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_STORE, startOdooPeer } from '../../../src/main/sandbox/odoo';
import { EXECUTION_LOG_LIMIT, extensionKeyAccount } from '../../../src/main/core/extensions';
import { extensionsHarness, failure, odooPeerAndClient, storeListId } from './helpers';

describe('extension runner and registry', () => {
  let env: Awaited<ReturnType<typeof odooPeerAndClient>>;
  let h: Awaited<ReturnType<typeof extensionsHarness>>;
  let listId: number;

  beforeAll(async () => {
    env = await odooPeerAndClient();
    h = await extensionsHarness(env.odoo);
    listId = await storeListId(env.odoo, DEMO_STORE.id);
  });
  afterAll(async () => {
    await env.close();
    await h.remove();
  });

  const newsletter = (extra: Record<string, unknown> = {}) => ({ key: 'markket:odoo:newsletter', config: { mailing_list_id: listId }, ...extra });

  it('does not run an inactive extension', async () => {
    const record = await h.registry.add('store-inactive', newsletter({ active: false }));
    const outcome = await h.runner.run(record, 'trigger:new_subscriber', { email: 'inactive@example.com' });
    expect(outcome).toMatchObject({ success: false, summary: 'Turned off, so it did not run' });
    expect(await env.odoo.searchCount('mailing.contact', [['email_normalized', '=', 'inactive@example.com']])).toBe(0);
  });

  it('hands a trigger to every active extension listening on it and to no other', async () => {
    const storeId = 'store-dispatch';
    const a = await h.registry.add(storeId, newsletter({ config: { mailing_list_id: listId, tags: ['from-a'] } }));
    const b = await h.registry.add(storeId, newsletter({ config: { mailing_list_id: listId, tags: ['from-b'] } }));
    await h.registry.add(storeId, newsletter({ active: false }));
    await h.registry.add(storeId, { key: 'markket:sendgrid:stats', config: {} });
    const outcomes = await h.runner.dispatchTrigger(storeId, 'trigger:new_subscriber', { email: 'dispatch@example.com' });
    expect(outcomes.map((o) => o.extensionId)).toEqual([a.id, b.id]);
    expect(outcomes.every((o) => o.success)).toBe(true);
  });

  it('keeps the execution log bounded, newest last', async () => {
    const record = await h.registry.add('store-log', newsletter());
    for (let i = 0; i < EXECUTION_LOG_LIMIT + 5; i++) {
      await h.runner.runById(record.id, 'trigger:new_subscriber', { email: `log${i}@example.com` });
    }
    const saved = await h.registry.get(record.id);
    expect(saved!.meta.execution_log).toHaveLength(EXECUTION_LOG_LIMIT);
    expect(saved!.meta.execution_log.at(-1)).toMatchObject({ status: 'success', summary: '1 subscriber added' });
  });

  it('keeps every run in the log when runs of one extension overlap', async () => {
    const record = await h.registry.add('store-overlap', newsletter());
    await Promise.all(Array.from({ length: 6 }, (_, i) => h.runner.run(record, 'trigger:new_subscriber', { email: `overlap${i}@example.com` })));
    const saved = await h.registry.get(record.id);
    expect(saved!.meta.execution_log).toHaveLength(6);
    expect(saved!.meta.execution_log.every((entry) => entry.status === 'success')).toBe(true);
  });

  it('records a failure with our error code, kept in the saved meta', async () => {
    const record = await h.registry.add('store-fail', newsletter({ config: { mailing_list_id: 999_999 } }));
    const outcome = await h.runner.run(record, 'trigger:new_subscriber', { email: 'fail@example.com' });
    expect(outcome.success).toBe(false);
    expect(outcome.error).toMatchObject({ code: 'odoo.missing_record', message: expect.stringContaining('999999') });
    const saved = await h.registry.get(record.id);
    expect(saved!.meta.last_error).toMatchObject({ code: outcome.error!.code });
    expect(saved!.meta.execution_log.at(-1)).toMatchObject({ status: 'error', error: { code: outcome.error!.code } });
  });

  it('names the key when it is unknown', async () => {
    const error = await failure(h.registry.add('store-x', { key: 'markket:odoo:unknown', config: {} }));
    expect(error).toMatchObject({ code: 'input.invalid' });
    expect(error.message).toContain('key');
  });

  it('names the field when the configuration is invalid', async () => {
    const error = await failure(h.registry.add('store-x', { key: 'markket:odoo:newsletter', config: { mailing_list_id: 'five' } }));
    expect(error.code).toBe('input.invalid');
    expect(error.message).toContain('mailing_list_id');
  });

  it('refuses a configuration field the extension does not know, naming it', async () => {
    const error = await failure(h.registry.add('store-x', { key: 'markket:odoo:newsletter', config: { mailing_list_id: 3, colour: 'red' } }));
    expect(error.message).toContain('colour');
  });

  it('keeps a store Odoo key in the keychain, never in the record, and runs with it', async () => {
    const own = await startOdooPeer({ seed: 'demo', contactCount: 5 });
    try {
      const ownList = (await env.odoo.search('mailing.list', [], { limit: 1 }))[0]!;
      const record = await h.registry.add('store-own', {
        key: 'markket:odoo:newsletter',
        credentials: { url: own.url, database: DEMO_DATABASE, login: 'admin', api_key: DEMO_API_KEY },
        config: { mailing_list_id: ownList },
      });
      expect(record.credentials).toEqual({ url: own.url, database: DEMO_DATABASE, login: 'admin', api_key_set: true });
      expect(await h.secrets.get(extensionKeyAccount(record.id))).toBe(DEMO_API_KEY);
      expect(await readFile(join(h.dir, 'extensions.json'), 'utf8')).not.toContain(DEMO_API_KEY);
      const outcome = await h.runner.run(record, 'trigger:new_subscriber', { email: 'own-odoo@example.com' });
      expect(outcome.success).toBe(true);
      expect(own.calls.some((c) => c.model === 'mailing.contact')).toBe(true);
      expect(await env.odoo.searchCount('mailing.contact', [['email_normalized', '=', 'own-odoo@example.com']])).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('fails clearly when the store Odoo key is missing from the keychain', async () => {
    const record = await h.registry.add('store-nokey', { key: 'markket:odoo:newsletter', credentials: { url: 'http://127.0.0.1:9', database: 'x' }, config: { mailing_list_id: 1 } });
    const outcome = await h.runner.run(record, 'trigger:new_subscriber', { email: 'nokey@example.com' });
    expect(outcome.error).toMatchObject({ code: 'odoo.not_configured', message: expect.stringContaining('keychain') });
  });

  it('deletes the keychain entry when the extension is removed', async () => {
    const record = await h.registry.add('store-rm', { key: 'markket:odoo:newsletter', credentials: { url: 'http://127.0.0.1:9', database: 'x', api_key: 'secret-key-1' }, config: { mailing_list_id: 1 } });
    expect(await h.registry.remove(record.id)).toBe(true);
    expect(await h.secrets.has(extensionKeyAccount(record.id))).toBe(false);
  });
});
