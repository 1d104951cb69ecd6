import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { DEMO_STORE } from '../../../src/main/sandbox/odoo';
import { CampaignDetail, CreateCampaignResult, ListsResult } from '../../../src/shared/schemas/marketing';

/**
 * The demo workspace end to end, as a new user meets it: a campaign created and sent over the
 * loopback API goes from the demo Odoo through the SendGrid peer, whose signed events come back
 * through POST /webhooks/sendgrid into Odoo's traces, so the campaign's figures move.
 */
describe('a campaign sent in the demo workspace', () => {
  let console_: BrowserMode;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${console_.url}/api/stores/${DEMO_STORE.id}/marketing${path}`, {
      ...init,
      headers: { authorization: `Bearer ${console_.token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as unknown }));

  beforeAll(async () => {
    console_ = await startBrowserMode({ demo: true, envOdoo: null });
  });
  // Closing waits for the demo peers' queues and the webhook spool to settle: on a busy machine that outlasts 30 s.
  afterAll(async () => {
    await console_.close();
  }, 120_000);

  it('gets delivery, open and click figures from the signed SendGrid events', async () => {
    const lists = ListsResult.parse((await api('/lists')).body);
    const created = CreateCampaignResult.parse(
      (await api('/campaigns', {
        method: 'POST',
        body: JSON.stringify({ subject: 'Our winter collection', sendgrid_template_id: 'd-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90', list_id: lists.lists[0]!.id, segment: 'tag:vip', schedule: null }),
      })).body,
    );
    expect(created.estimated_recipients).toBeGreaterThan(0);
    // The review dialog shows the pre-send warnings and the person ticks them; the API is told the same.
    const precheck = (await api(`/campaigns/${created.campaign_id}/precheck`)).body as { ok: boolean; issues: { code: string; severity: string }[] };
    expect(precheck.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const acknowledge = precheck.issues.filter((i) => i.severity === 'warning').map((i) => i.code);
    expect((await api(`/campaigns/${created.campaign_id}/send`, { method: 'POST', body: JSON.stringify({ acknowledge }) })).status).toBe(200);

    const detail = await vi.waitFor(
      async () => {
        const d = CampaignDetail.parse((await api(`/campaigns/${created.campaign_id}`)).body);
        if (d.status !== 'sent' || d.stats.opened === 0) throw new Error(`still ${d.status}, ${d.stats.opened} opens`);
        return d;
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(detail.stats.sent).toBe(created.estimated_recipients);
    expect(detail.stats.delivered).toBeGreaterThan(0);
    expect(detail.stats.delivered + detail.stats.bounced).toBeLessThanOrEqual(detail.stats.sent);
    expect(detail.stats.open_rate).toBeGreaterThan(0);
    expect(detail.stats.clicked).toBeLessThanOrEqual(detail.stats.opened);
  }, 90_000);
});
