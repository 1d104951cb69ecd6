import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createExtensions } from '../../../src/main/core/extensions';
import { engagementFromMetas } from '../../../src/main/core/marketing';
import { parseRecords } from '../../../src/main/core/odoo';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import type { SendgridEvent } from '../../../src/main/core/sendgrid';
import { DEMO_STORE } from '../../../src/main/sandbox/odoo';
import { NOW, odooPeerAndClient, tempDir } from '../extensions/helpers';

/** The stats extension counts each campaign's engagement from SendGrid's events, for the report. */
const Trace = z.object({ id: z.number(), message_id: z.string(), email: z.string(), open_datetime: z.union([z.string(), z.literal(false)]) });
const CAMPAIGN = 'camp_engagement01';
const NOW_SEC = Math.floor(NOW.getTime() / 1000);

let env: Awaited<ReturnType<typeof odooPeerAndClient>>;
let folder: Awaited<ReturnType<typeof tempDir>>;
let extensions: ReturnType<typeof createExtensions>;
let traces: z.infer<typeof Trace>[];
let n = 0;

beforeAll(async () => {
  env = await odooPeerAndClient({ contactCount: 120 });
  folder = await tempDir('engagement');
  const make = () => createExtensions({
    dir: folder.dir, secrets: createMemorySecretStore(), sendgrid: () => undefined, now: () => NOW,
    defaultOdoo: () => ({ client: env.odoo, credentials: { source: 'default', url: env.odoo.settings.url, database: env.odoo.settings.database } }),
  });
  extensions = make();
  await extensions.registry.add(DEMO_STORE.id, { key: 'markket:sendgrid:stats', config: {} });
  traces = parseRecords(Trace, await env.odoo.searchRead('mailing.trace', [['trace_status', '=', 'sent'], ['message_id', '!=', false], ['open_datetime', '=', false]], ['message_id', 'email', 'open_datetime'], { limit: 3, order: 'id asc' }), 'mailing.trace');
});
afterAll(async () => {
  await env.close();
  await folder.remove();
});

function event(kind: string, trace: z.infer<typeof Trace>, extra: Record<string, unknown> = {}): SendgridEvent {
  n += 1;
  return { event: kind, email: trace.email, timestamp: NOW_SEC - 30, sg_event_id: `eng_${n}`, 'smtp-id': trace.message_id, campaign_id: CAMPAIGN, ...extra } as SendgridEvent;
}
async function deliver(events: SendgridEvent[]) {
  const [outcome] = await extensions.runner.dispatchTrigger(DEMO_STORE.id, 'trigger:sendgrid_webhook', events);
  expect(outcome?.success).toBe(true);
}
async function book() {
  return engagementFromMetas((await extensions.registry.list(DEMO_STORE.id)).map((r) => r.meta))[CAMPAIGN];
}

describe('per-campaign engagement from SendGrid events', () => {
  it('counts every open and click, machine opens apart, first opens once per recipient and clicks per URL', async () => {
    const [a, b] = traces;
    await deliver([
      event('open', a!), event('open', a!), event('open', b!, { sg_machine_open: true }),
      event('click', a!, { url: 'https://shop.example/new' }), event('click', b!, { url: 'https://shop.example/new' }), event('click', b!, { url: 'https://shop.example/faq' }),
      event('bounce', traces[2]!, { type: 'blocked', reason: 'blocklisted' }),
    ]);
    expect(await book()).toMatchObject({
      opens: 2, machine_opens: 1, unique_opens: 2, clicks: 3, unique_clicks: 2,
      urls: { 'https://shop.example/new': 2, 'https://shop.example/faq': 1 }, bounces: { hard: 0, block: 1, dropped: 0 },
    });
  });

  it('does not count a batch SendGrid delivers again', async () => {
    const before = await book();
    const batch = [event('open', traces[0]!)];
    await deliver(batch);
    await deliver(batch);
    expect((await book())?.opens).toBe((before?.opens ?? 0) + 1);
  });

  it('is kept in the extension’s record, so it survives a restart', async () => {
    const restarted = createExtensions({
      dir: folder.dir, secrets: createMemorySecretStore(), sendgrid: () => undefined, now: () => NOW,
      defaultOdoo: () => ({ client: env.odoo, credentials: { source: 'default', url: env.odoo.settings.url, database: env.odoo.settings.database } }),
    });
    const records = await restarted.registry.list(DEMO_STORE.id);
    expect(engagementFromMetas(records.map((r) => r.meta))[CAMPAIGN]).toEqual(await book());
  });
});
