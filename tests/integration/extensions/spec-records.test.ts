import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseRecords } from '../../../src/main/core/odoo';
import { createExtensions, type StatsSummary } from '../../../src/main/core/extensions';
import { extensionKeyAccount, extensionSendgridKeyAccount } from '../../../src/main/core/extensions/registry';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import { parseEventBatch } from '../../../src/main/core/sendgrid/events';
import { DEMO_STORE } from '../../../src/main/sandbox/odoo';
import { NOW, odooPeerAndClient, tempDir } from './helpers';

/**
 * The product spec's extension records and its webhook event, as the spec writes them
 * ("Marketing Architecture: Odoo + Sendgrid", sections Flow 1-2, Extension Configurations,
 * Privacy & Compliance, Sendgrid Webhooks → Odoo), accepted and doing what they say.
 */
const spec = {
  newsletter: {
    key: 'markket:odoo:newsletter',
    triggers: ['trigger:new_subscriber'],
    credentials: { use_default: true },
    config: { mailing_list_id: 5, auto_subscribe: true, tags: ['markket_store_123', 'newsletter'], sync_to_sendgrid: false },
    active: true,
  },
  oneTimeCampaign: {
    key: 'markket:odoo:campaign',
    triggers: [],
    credentials: { use_default: true },
    config: { campaign_id: null, mailing_list_id: 5, subject: 'New Product Launch', sendgrid_template_id: 'd-abc123', segment: 'all', status: 'draft', scheduled_date: '2025-12-05T10:00:00Z' },
    active: false,
  },
  storeCampaign: { key: 'markket:odoo:campaign', triggers: [], credentials: { use_default: true }, config: { mailing_list_id: 5, campaigns: [] }, active: true },
  stats: {
    key: 'markket:sendgrid:stats',
    triggers: ['trigger:sendgrid_webhook'],
    credentials: { api_key: 'SG....' },
    config: { track_opens: true, track_clicks: true, store_in_odoo: true },
    active: true,
  },
  hipaa: { credentials: { database: 'healthcare_prod', api_key: 'customer_key' }, url: 'https://healthcare-odoo.com/api' },
  webhookEvent: { event: 'open', email: 'user@example.com', timestamp: 1733140800, campaign_id: '456', url: null },
};

const TraceRow = z.object({
  id: z.number(),
  email: z.string(),
  mass_mailing_id: z.tuple([z.number(), z.string()]),
  trace_status: z.string(),
  open_datetime: z.union([z.string(), z.literal(false)]),
});
const FIELDS = ['email', 'mass_mailing_id', 'trace_status', 'open_datetime'];

describe('the spec’s extension records and webhook event', () => {
  let env: Awaited<ReturnType<typeof odooPeerAndClient>>;
  let folder: Awaited<ReturnType<typeof tempDir>>;
  let extensions: ReturnType<typeof createExtensions>;
  const secrets = createMemorySecretStore();
  let pool: z.infer<typeof TraceRow>[];

  beforeAll(async () => {
    env = await odooPeerAndClient({ contactCount: 300 });
    folder = await tempDir('spec-records');
    extensions = createExtensions({
      dir: folder.dir,
      secrets,
      defaultOdoo: () => ({ client: env.odoo, credentials: { source: 'default', url: env.odoo.settings.url, database: env.odoo.settings.database } }),
      sendgrid: () => undefined,
      now: () => NOW,
    });
    pool = parseRecords(TraceRow, await env.odoo.searchRead('mailing.trace', [['trace_status', '=', 'sent'], ['open_datetime', '=', false]], FIELDS, { order: 'id asc', limit: 20 }), 'mailing.trace');
  });
  afterAll(async () => {
    await env.close();
    await folder.remove();
  });

  const take = () => pool.shift() ?? (() => { throw new Error('out of traces'); })();
  const reread = async (id: number) => parseRecords(TraceRow, await env.odoo.read('mailing.trace', [id], FIELDS), 'mailing.trace')[0]!;

  it('accepts the newsletter record with its tags and SendGrid switch', async () => {
    const record = await extensions.registry.add(DEMO_STORE.id, spec.newsletter);
    expect(record).toMatchObject({ key: 'markket:odoo:newsletter', config: spec.newsletter.config, active: true });
  });

  it('accepts the store’s campaign record: no trigger means manual only, with its campaigns array', async () => {
    const record = await extensions.registry.add(DEMO_STORE.id, spec.storeCampaign);
    expect(record).toMatchObject({ triggers: [], config: { mailing_list_id: 5, campaigns: [] }, active: true });
  });

  it('accepts the one-time campaign record, inactive until it is sent', async () => {
    const record = await extensions.registry.add(DEMO_STORE.id, spec.oneTimeCampaign);
    expect(record).toMatchObject({ triggers: [], config: spec.oneTimeCampaign.config, active: false });
  });

  it('moves the stats record’s SendGrid key to the keychain; the record only says one is set', async () => {
    const record = await extensions.registry.add(DEMO_STORE.id, spec.stats);
    expect(record.credentials).toEqual({ api_key_set: true });
    expect(JSON.stringify(record)).not.toContain('SG....');
    expect(await secrets.get(extensionSendgridKeyAccount(record.id))).toBe('SG....');
    expect(record.config).toMatchObject(spec.stats.config);
  });

  it('reads the HIPAA record’s url beside its credentials as the Odoo base address, key in the keychain', async () => {
    const record = await extensions.registry.add(DEMO_STORE.id, { key: 'markket:odoo:newsletter', config: { mailing_list_id: 5 }, ...spec.hipaa });
    expect(record.credentials).toEqual({ url: 'https://healthcare-odoo.com', database: 'healthcare_prod', api_key_set: true });
    expect(JSON.stringify(record)).not.toContain('customer_key');
    expect(await secrets.get(extensionKeyAccount(record.id))).toBe('customer_key');
  });

  it('refuses a record that names two different Odoo addresses', async () => {
    const twice = { key: 'markket:odoo:newsletter', config: { mailing_list_id: 5 }, credentials: { ...spec.hipaa.credentials, url: 'https://other.example.com' }, url: spec.hipaa.url };
    await expect(extensions.registry.add(DEMO_STORE.id, twice)).rejects.toMatchObject({ code: 'input.invalid', message: expect.stringContaining('differs from credentials.url') });
  });

  it('names the missing address of a HIPAA record given without its url', async () => {
    const error = await extensions.registry.add(DEMO_STORE.id, { key: 'markket:odoo:newsletter', config: { mailing_list_id: 5 }, credentials: spec.hipaa.credentials }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'input.invalid', details: { fields: [{ field: 'credentials.url', problem: expect.any(String) }] } });
  });

  it('refuses a lone api_key on an Odoo extension, saying what it needs', async () => {
    await expect(extensions.registry.add(DEMO_STORE.id, { ...spec.newsletter, credentials: { api_key: 'SG.x' } })).rejects.toMatchObject({ code: 'input.invalid', message: expect.stringContaining('url, database and api_key') });
  });

  async function statsRecord(config: Record<string, boolean>) {
    return extensions.registry.add(DEMO_STORE.id, { ...spec.stats, config });
  }
  async function deliver(config: Record<string, boolean>, events: unknown[]): Promise<StatsSummary> {
    const record = await statsRecord(config);
    const outcome = await extensions.runner.run(record, 'trigger:sendgrid_webhook', parseEventBatch(events));
    expect(outcome.error).toBeUndefined();
    return outcome.meta['last_batch'] as StatsSummary;
  }

  it('attributes the spec’s event, which names the Odoo mailing id instead of a Message-ID, by recipient email', async () => {
    const trace = take();
    const summary = await deliver(spec.stats.config, [{ ...spec.webhookEvent, email: trace.email, campaign_id: String(trace.mass_mailing_id[0]), timestamp: Math.floor(NOW.getTime() / 1000) }]);
    expect(summary).toMatchObject({ opens: 1, traces_updated: 1, unknown_message_ids: 0 });
    expect(await reread(trace.id)).toMatchObject({ trace_status: 'open', open_datetime: expect.any(String) });
  });

  it('attributes an event carrying the console’s camp_ id to that mailing’s trace', async () => {
    const trace = take();
    const [mailing] = parseRecords(z.object({ x_markket_campaign_id: z.union([z.string(), z.literal(false)]) }), await env.odoo.read('mailing.mailing', [trace.mass_mailing_id[0]], ['x_markket_campaign_id']), 'mailing.mailing');
    expect(mailing?.x_markket_campaign_id).toMatch(/^camp_/);
    const summary = await deliver(spec.stats.config, [{ ...spec.webhookEvent, email: trace.email.toUpperCase(), campaign_id: mailing!.x_markket_campaign_id }]);
    expect(summary.traces_updated).toBe(1);
    expect((await reread(trace.id)).trace_status).toBe('open');
  });

  it('ignores opens when track_opens is false', async () => {
    const trace = take();
    const summary = await deliver({ ...spec.stats.config, track_opens: false }, [{ ...spec.webhookEvent, email: trace.email, campaign_id: String(trace.mass_mailing_id[0]) }]);
    expect(summary).toMatchObject({ ignored: 1, opens: 0, traces_updated: 0 });
    expect((await reread(trace.id)).trace_status).toBe('sent');
  });

  it('keeps the figures local and writes no trace when store_in_odoo is false', async () => {
    const trace = take();
    const record = await statsRecord({ ...spec.stats.config, store_in_odoo: false });
    const event = { ...spec.webhookEvent, email: trace.email, campaign_id: String(trace.mass_mailing_id[0]) };
    const outcome = await extensions.runner.run(record, 'trigger:sendgrid_webhook', parseEventBatch([event]));
    expect(outcome.meta['last_batch']).toMatchObject({ opens: 1, traces_updated: 0, kept_local: true });
    const book = outcome.meta['engagement'] as Record<string, { opens: number; unique_opens: number }>;
    expect(Object.values(book)).toEqual([expect.objectContaining({ opens: 1, unique_opens: 1 })]);
    expect((await reread(trace.id)).trace_status).toBe('sent');
  });

  it('recognises the same event posted twice, though it has no sg_event_id', async () => {
    const trace = take();
    const record = await statsRecord(spec.stats.config);
    const event = { ...spec.webhookEvent, event: 'delivered', email: trace.email, campaign_id: String(trace.mass_mailing_id[0]) };
    await extensions.runner.run(record, 'trigger:sendgrid_webhook', parseEventBatch([event]));
    const again = await extensions.runner.run(record, 'trigger:sendgrid_webhook', parseEventBatch([event]));
    expect(again.meta['last_batch']).toMatchObject({ duplicates: 1, delivered: 0 });
  });
});
