import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { parseEventBatch } from '../../../src/main/core/sendgrid/events';
import { DEMO_STORE } from '../../../src/main/sandbox/odoo';

/**
 * Every JSON example of the product spec ("Marketing Architecture: Odoo + Sendgrid"), copied as the
 * spec writes it, against the running console (browser mode over the demo workspace): each request
 * body is accepted, and each answer has the spec's field names with the spec's JSON types. Where an
 * example's value cannot hold in the demo (template d-abc123, list 5, a date now past), the body
 * keeps every key and only that value is swapped for the demo's own; the verbatim body is also sent
 * and must be refused for that value alone, never for its shape.
 */
const DEMO_TEMPLATE = 'd-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90';
const LATER = '2099-12-05T10:00:00Z';

const spec = {
  flowCreate: { subject: 'New Product Launch', template_id: 'd-abc123', segment: 'all', schedule: '2025-12-05T10:00:00Z' },
  flowStats: {
    campaign_id: '123', subject: 'New Product Launch', sent: 1250, delivered: 1200, opened: 480, clicked: 120, bounced: 50, unsubscribed: 5,
    sent_date: '2025-12-05T10:00:00Z', sendgrid_stats: { opens: 480, unique_opens: 350, clicks: 120, unique_clicks: 85 },
  },
  extensions: [
    { key: 'markket:odoo:newsletter', triggers: ['trigger:new_subscriber'], credentials: { use_default: true }, config: { mailing_list_id: 5, auto_subscribe: true, tags: ['markket_store_123', 'newsletter'], sync_to_sendgrid: false }, active: true },
    { key: 'markket:odoo:campaign', triggers: [], credentials: { use_default: true }, config: { campaign_id: null, mailing_list_id: 5, subject: 'New Product Launch', sendgrid_template_id: 'd-abc123', segment: 'all', status: 'draft', scheduled_date: '2025-12-05T10:00:00Z' }, active: false },
    { key: 'markket:odoo:newsletter', triggers: ['trigger:new_subscriber'], credentials: { use_default: true }, config: { mailing_list_id: 5, auto_subscribe: true }, active: true },
    { key: 'markket:odoo:campaign', triggers: [], credentials: { use_default: true }, config: { mailing_list_id: 5, campaigns: [] }, active: true },
    { key: 'markket:sendgrid:stats', triggers: ['trigger:sendgrid_webhook'], credentials: { api_key: 'SG....' }, config: { track_opens: true, track_clicks: true, store_in_odoo: true }, active: true },
  ],
  hipaa: { credentials: { database: 'healthcare_prod', api_key: 'customer_key' }, url: 'https://healthcare-odoo.com/api' },
  lists: { lists: [{ id: 5, name: 'Store A - Newsletter', contact_count: 1250, active_contacts: 1200, last_campaign: '2025-11-20T14:00:00Z' }] },
  subscribers: {
    subscribers: [{ email: 'user@example.com', name: 'John Doe', subscribed_date: '2025-10-01T12:00:00Z', tags: ['newsletter', 'buyer'], campaigns_received: 5, last_opened: '2025-11-15T09:30:00Z' }],
    total: 1250, page: 1, pages: 25,
  },
  createBody: { subject: 'New Product Launch', sendgrid_template_id: 'd-abc123', list_id: 5, segment: 'all', schedule: '2025-12-05T10:00:00Z' },
  createAnswer: { campaign_id: 'camp_abc123', odoo_campaign_id: 456, status: 'draft', estimated_recipients: 1200 },
  sendAnswer: { campaign_id: 'camp_abc123', status: 'sending', scheduled_for: '2025-12-05T10:00:00Z', estimated_recipients: 1200 },
  detail: {
    campaign_id: 'camp_abc123', subject: 'New Product Launch', status: 'sent', sent_date: '2025-12-05T10:00:00Z',
    stats: { sent: 1200, delivered: 1150, bounced: 50, opened: 480, unique_opened: 350, clicked: 120, unique_clicked: 85, unsubscribed: 5, open_rate: 0.417, click_rate: 0.104 },
    sendgrid_template_id: 'd-abc123',
  },
  history: { campaigns: [{ campaign_id: 'camp_abc123', subject: 'New Product Launch', sent_date: '2025-12-05T10:00:00Z', recipients: 1200, open_rate: 0.417, click_rate: 0.104 }], total: 45 },
  webhookEvent: { event: 'open', email: 'user@example.com', timestamp: 1733140800, campaign_id: '456', url: null },
};

/** The spec example's keys, each with the JSON type the answer holds there (arrays by their first item). */
function shape(value: unknown, like: unknown): unknown {
  if (Array.isArray(like)) return Array.isArray(value) ? (like.length === 0 ? [] : [shape(value[0], like[0])]) : typeof value;
  if (like !== null && typeof like === 'object') {
    if (value === null || typeof value !== 'object') return value === null ? 'null' : typeof value;
    return Object.fromEntries(Object.keys(like).map((key) => [key, key in value ? shape((value as Record<string, unknown>)[key], (like as Record<string, unknown>)[key]) : 'missing']));
  }
  return value === null ? 'null' : typeof value;
}
/** A verbatim spec body refused for a value the demo cannot hold (d-abc123, a date now past), never for a key. */
function refusedOnlyFor(answer: { status: number; body: Record<string, unknown> }, valueFields: string[]) {
  expect(answer.status).toBe(400);
  const error = answer.body.error as { code: string; details: { fields: { field: string; problem: string }[] } };
  expect(error.code).toBe('input.invalid');
  for (const { field } of error.details.fields) expect(valueFields).toContain(field);
}
const hasSpecShape = (answer: unknown, example: unknown) => expect(shape(answer, example)).toEqual(shape(example, example));

describe('the product spec’s JSON examples against the running console', () => {
  let app: BrowserMode;
  let listId: number;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const store = `/api/stores/${DEMO_STORE.id}`;
  const acknowledged = async (campaignId: string) => {
    const precheck = (await call('GET', `${store}/marketing/campaigns/${campaignId}/precheck`)).body as { issues: { code: string; severity: string }[] };
    return precheck.issues.filter((i) => i.severity === 'warning').map((i) => i.code);
  };

  beforeAll(async () => {
    app = await startBrowserMode({ demo: true, envOdoo: null });
    listId = ((await call('GET', `${store}/marketing/lists`)).body as { lists: { id: number }[] }).lists[0]!.id;
    // Seeding the demo workspace (about 1,250 contacts, 45 sent campaigns) outlasts 30 s on a busy machine.
  }, 120_000);
  // Closing waits for the demo peers' queues and the webhook spool to settle.
  afterAll(async () => app?.close(), 120_000);

  it('answers GET …/marketing/lists in the spec’s shape', async () => {
    const { status, body } = await call('GET', `${store}/marketing/lists`);
    expect(status).toBe(200);
    hasSpecShape(body, spec.lists);
  });

  it('answers GET …/marketing/subscribers?list_id&limit&offset in the spec’s shape', async () => {
    const { status, body } = await call('GET', `${store}/marketing/subscribers?list_id=${listId}&limit=50&offset=0`);
    expect(status).toBe(200);
    const opener = (body.subscribers as { last_opened: string | null }[]).find((s) => s.last_opened !== null);
    hasSpecShape({ ...body, subscribers: [opener] }, spec.subscribers);
  });

  it('creates with the spec’s body and answers in its shape; the verbatim body is refused only for its template', async () => {
    const verbatim = await call('POST', `${store}/marketing/campaigns`, { ...spec.createBody, list_id: listId });
    refusedOnlyFor(verbatim, ['sendgrid_template_id', 'schedule']);
    const created = await call('POST', `${store}/marketing/campaigns`, { ...spec.createBody, sendgrid_template_id: DEMO_TEMPLATE, list_id: listId, schedule: LATER });
    expect(created.status).toBe(200);
    hasSpecShape(created.body, spec.createAnswer);
    const campaignId = created.body.campaign_id as string;
    const sent = await call('POST', `${store}/marketing/campaigns/${campaignId}/send`, { acknowledge: await acknowledged(campaignId) });
    expect(sent.status).toBe(200);
    hasSpecShape(sent.body, spec.sendAnswer);
  });

  it('answers a sent campaign’s GET …/marketing/campaigns/:id and the history list in the spec’s shape, rates as fractions', async () => {
    const history = await call('GET', `${store}/marketing/campaigns?status=sent&limit=20`);
    expect(history.status).toBe(200);
    hasSpecShape(history.body, spec.history);
    const first = (history.body.campaigns as { campaign_id: string; open_rate: number }[])[0]!;
    expect(first.open_rate).toBeGreaterThan(0);
    expect(first.open_rate).toBeLessThan(1);
    const detail = await call('GET', `${store}/marketing/campaigns/${first.campaign_id}`);
    expect(detail.status).toBe(200);
    hasSpecShape(detail.body, spec.detail);
  });

  it('serves the flow section: create with template_id (list defaulting to the store’s), send, and the flat stats', async () => {
    const verbatim = await call('POST', `${store}/campaigns/create`, spec.flowCreate);
    refusedOnlyFor(verbatim, ['template_id', 'sendgrid_template_id', 'schedule']);
    const created = await call('POST', `${store}/campaigns/create`, { ...spec.flowCreate, template_id: DEMO_TEMPLATE, schedule: LATER });
    expect(created.status).toBe(200);
    const campaignId = created.body.campaign_id as string;
    expect((await call('POST', `${store}/campaigns/${campaignId}/send`, { acknowledge: await acknowledged(campaignId) })).status).toBe(200);
    const sentId = ((await call('GET', `${store}/marketing/campaigns?status=sent&limit=1`)).body.campaigns as { campaign_id: string }[])[0]!.campaign_id;
    const stats = await call('GET', `${store}/campaigns/${sentId}/stats`);
    expect(stats.status).toBe(200);
    hasSpecShape(stats.body, spec.flowStats);
  });

  it('accepts the spec’s five extension records and the HIPAA credentials, keeping no key in any record', async () => {
    const records = [...spec.extensions, { key: 'markket:odoo:newsletter', config: { mailing_list_id: 5 }, ...spec.hipaa }];
    for (const record of records) {
      const added = await call('POST', '/api/rpc/extensions.add', { storeId: DEMO_STORE.id, record });
      expect(added.status).toBe(200);
      expect(JSON.stringify(added.body)).not.toMatch(/SG\.\.\.\.|customer_key/);
    }
    const listed = (await call('POST', '/api/rpc/extensions.list', { storeId: DEMO_STORE.id })).body.extensions as { credentials: unknown }[];
    expect(listed.map((e) => e.credentials)).toEqual(expect.arrayContaining([{ api_key_set: true }, { url: 'https://healthcare-odoo.com', database: 'healthcare_prod', api_key_set: true }]));
  });

  it('accepts the spec’s webhook event, which has no sg_event_id', () => {
    expect(parseEventBatch([spec.webhookEvent])).toEqual([expect.objectContaining({ event: 'open', email: 'user@example.com', campaign_id: '456' })]);
  });
});
