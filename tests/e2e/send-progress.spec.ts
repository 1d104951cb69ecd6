import { expect, test } from '@playwright/test';
import { ADMIN, ADMIN_TOKEN, startAdminConsole, type AdminConsole } from './support/admin-console';
import { en } from './support/app';

/**
 * Issue 10: a big send leaves Odoo in batches behind its mail queue cron. The stats view says how
 * many are out and when the next batch leaves (the cron's own next run), and an Odoo administrator's
 * "Process the queue now" runs the queue once: the count moves by one batch.
 *
 * The console and its demo Odoo are this spec's own: the spec sets the mail queue cron back to
 * Odoo's hourly default with a next run of its choosing, which nothing else should see.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let admin: AdminConsole;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  admin = await startAdminConsole();
});
test.afterAll(async () => admin?.close());

interface Progress { sent: number; expected: number; queued: number; waiting_for: string | null; next_batch_at?: string | null }
interface Campaign { status: string; progress?: Progress }

async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${admin.url}/api/stores/${ADMIN.storeId}/marketing${path}`, { method, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as T;
}

/** Odoo's "Mail: Email Queue Manager" as Odoo ships it (hourly), next due at a whole minute well ahead. */
async function holdMailQueueUntil(nextcall: Date): Promise<void> {
  const [data] = await admin.odoo<{ res_id: number }[]>('ir.model.data', 'search_read', [[['module', '=', 'mail'], ['name', '=', 'ir_cron_mail_scheduler_action']]], { fields: ['res_id'] });
  const odooTime = nextcall.toISOString().replace('T', ' ').slice(0, 19);
  await admin.odoo('ir.cron', 'write', [[data!.res_id], { interval_number: 1, interval_type: 'hours', nextcall: odooTime }]);
}

test('a queued send shows its batches and their next run, and “Process the queue now” sends the next batch', async ({ page }) => {
  const nextRun = new Date(Math.ceil((Date.now() + 40 * 60_000) / 60_000) * 60_000);
  await holdMailQueueUntil(nextRun);

  const { lists } = await api<{ lists: { id: number }[] }>('GET', '/lists');
  const made = await api<{ campaign_id: string; odoo_campaign_id: number }>('POST', '/campaigns', { subject: 'Winter sale for everyone', sendgrid_template_id: 'd-winter', list_id: lists[0]!.id, segment: 'all', client_request_id: 'e2e-progress-0001' });
  // The owner wrote the email in Odoo's editor: a body of their own, with Odoo's unsubscribe link.
  const body = '<p>Our winter sale starts today: everything 20 % off.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>';
  await admin.odoo('mailing.mailing', 'write', [[made.odoo_campaign_id], { body_html: body, body_arch: body }]);
  const check = await api<{ issues: { severity: string; code: string }[] }>('GET', `/campaigns/${made.campaign_id}/precheck`);
  expect(check.issues.filter((i) => i.severity === 'error')).toEqual([]);
  await api('POST', `/campaigns/${made.campaign_id}/send`, { acknowledge: check.issues.map((i) => i.code) });

  // Odoo's mass-mailing queue makes the mails at once; more than mail.mail.force.send.limit (100) wait for the mail queue.
  let progress: Progress | undefined;
  await expect.poll(async () => (progress = (await api<Campaign>('GET', `/campaigns/${made.campaign_id}`)).progress)?.waiting_for, { timeout: 60_000 }).toBe('mail_queue');
  const expected = progress!.expected;
  expect(expected).toBeGreaterThan(1000);
  expect(progress).toMatchObject({ sent: 0, queued: expected, next_batch_at: nextRun.toISOString() });

  await page.goto(`${admin.url}/#token=${ADMIN_TOKEN}`);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#/campaigns/${encodeURIComponent(made.campaign_id)}`);
  // The clock the person reads: the cron's next run in the browser's own time zone.
  const clock = await page.evaluate((iso) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }), nextRun.toISOString());
  const card = page.getByTestId('send-progress');
  await expect(card).toContainText(`Odoo sends in batches; 0 of ${en.number(expected)} out; next batch expected around ${clock}`, { timeout: 30_000 });

  // One run of Odoo's mail queue sends one batch of mail.mail.queue.batch.size (1,000 by default).
  await card.getByRole('button', { name: 'Process the queue now' }).click();
  await expect(card).toContainText(`Odoo sends in batches; 1,000 of ${en.number(expected)} out; next batch expected around ${clock}`);
  await expect(card.getByRole('progressbar', { name: `1,000 of ${en.number(expected)} sent` })).toBeVisible();

  // The next run sends the rest: the campaign is sent and the progress line goes.
  await card.getByRole('button', { name: 'Process the queue now' }).click();
  await expect(card).toBeHidden();
  const done = await api<Campaign & { stats: { sent: number } }>('GET', `/campaigns/${made.campaign_id}`);
  expect(done).toMatchObject({ status: 'sent', stats: { sent: expected } });
});
