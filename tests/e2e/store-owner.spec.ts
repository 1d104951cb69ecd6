import { expect, test, type Page } from '@playwright/test';
import { startOwnerConsole, OWNER_A, OWNER_TOKEN, type OwnerConsole } from './support/owner-console';

/**
 * Store A's owner signs in to the console (browser mode) with their own Odoo key on Markket's
 * shared Odoo, where "Isolate stores" has run: no view, search or export shows anything of store B,
 * and a store B campaign id typed into the address bar opens nothing.
 */
// Starting an Odoo peer, isolating its stores and a second console takes a while on a loaded machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let owner: OwnerConsole;
/** What only store B holds, read as the Odoo administrator (the demo's documented key). */
let storeB: { emails: string[]; contactId: number; campaignId: string };

async function asAdmin<T>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${owner.odooUrl}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: ['markket', 2, 'markket-demo-odoo-key', model, method, args, kwargs] }, id: 1 }),
  });
  return ((await res.json()) as { result: T }).result;
}

const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${owner.url}${path}`, { method: init.method ?? 'GET', headers: { Authorization: `Bearer ${OWNER_TOKEN}`, 'Content-Type': 'application/json' }, ...(init.body ? { body: JSON.stringify(init.body) } : {}) });
  return { status: res.status, body: (await res.json()) as T };
};
const storeA = (rest: string) => `/api/stores/${OWNER_A.storeId}/marketing${rest}`;

async function openAsOwner(page: Page, route: string): Promise<void> {
  await page.goto(`${owner.url}/#token=${OWNER_TOKEN}`);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#${route}`);
}

/** Nothing on the page names store B or one of its subscribers. */
async function expectNoTraceOfStoreB(page: Page): Promise<void> {
  const text = (await page.locator('body').innerText()).toLowerCase();
  expect([OWNER_A.storeId.replace('-a', '-b'), 'store b', ...storeB.emails].filter((t) => text.includes(t.toLowerCase()))).toEqual([]);
}

test.beforeAll(async () => {
  owner = await startOwnerConsole();
  const contacts = await asAdmin<{ id: number; email_normalized: string }[]>('mailing.contact', 'search_read', [[['x_markket_store_id', '=', 'demo-store-b']]], { fields: ['email_normalized'] });
  const [mailing] = await asAdmin<{ x_markket_campaign_id: string }[]>('mailing.mailing', 'search_read', [[['x_markket_store_id', '=', 'demo-store-b'], ['x_markket_campaign_id', '!=', false]]], { fields: ['x_markket_campaign_id'], limit: 1 });
  storeB = { emails: contacts.map((c) => c.email_normalized), contactId: contacts[0]!.id, campaignId: mailing!.x_markket_campaign_id };
  expect(storeB.emails.length).toBeGreaterThan(0);
});
test.afterAll(async () => {
  await owner?.close();
});

test("store A's owner sees store A's overview, campaigns and subscribers, and nothing of store B", async ({ page }) => {
  const campaigns = await api<{ campaigns: { subject: string }[] }>(storeA('/campaigns?status=sent&limit=5'));
  const subscribers = await api<{ total: number }>(storeA('/subscribers?limit=200&offset=0'));

  await openAsOwner(page, '/overview');
  await expect(page.getByText(campaigns.body.campaigns[0]!.subject).first()).toBeVisible();
  await expectNoTraceOfStoreB(page);

  await openAsOwner(page, '/campaigns');
  await expect(page.getByText(campaigns.body.campaigns[0]!.subject).first()).toBeVisible();
  await expectNoTraceOfStoreB(page);

  await openAsOwner(page, '/subscribers');
  await expect(page.getByText(new RegExp(`of ${new Intl.NumberFormat('en-US').format(subscribers.body.total)}$`))).toBeVisible();
  await expectNoTraceOfStoreB(page);
});

test("searching for a store B subscriber's address finds nobody, and the export holds only store A", async ({ page }) => {
  await openAsOwner(page, '/subscribers');
  await page.getByRole('textbox', { name: 'Search subscribers' }).fill(storeB.emails[0]!);
  await expect(page.getByText('Nobody matches these filters')).toBeVisible();
  await expectNoTraceOfStoreB(page);

  const exported = await api<{ rows: number; download: { url: string } }>('/api/rpc/export.subscribers', { method: 'POST', body: { storeId: OWNER_A.storeId, format: 'csv' } });
  expect(exported.status).toBe(200);
  const file = (await (await fetch(`${owner.url}${exported.body.download.url}`)).text()).toLowerCase();
  expect(exported.body.rows).toBeGreaterThan(0);
  expect(storeB.emails.filter((email) => file.includes(email.toLowerCase()))).toEqual([]);
});

test("a store B campaign id in the address bar opens nothing, and its subscriber's id is refused", async ({ page }) => {
  await openAsOwner(page, `/campaigns/${storeB.campaignId}`);
  await expect(page.getByText('This campaign does not exist in this store')).toBeVisible();
  await expectNoTraceOfStoreB(page);

  const forged = await api<{ error: { code: string } }>(storeA(`/subscribers/${storeB.contactId}`));
  expect({ status: forged.status, code: forged.body.error.code }).toEqual({ status: 404, code: expect.stringMatching(/not_found$/) });
});
