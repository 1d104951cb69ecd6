import { expect, test } from '@playwright/test';
import { apiGet, en, openConsole, saveScreenshot, storePath } from './support/app';

interface SubscribersAnswer {
  subscribers: { id: number; email: string; name: string; campaigns_received: number }[];
  total: number;
  pages: number;
}

test('the subscriber browser shows the demo store’s subscribers page by page', async ({ page, request }) => {
  const first = await apiGet<SubscribersAnswer>(request, storePath('/subscribers?limit=200&offset=0'));
  const second = await apiGet<SubscribersAnswer>(request, storePath('/subscribers?limit=200&offset=200'));
  expect(first.total).toBeGreaterThan(200);

  await openConsole(page, '/subscribers');
  await expect(page.getByText(`1–200 of ${en.number(first.total)}`)).toBeVisible();
  const table = page.getByRole('table', { name: 'Subscribers' });
  await expect(table.getByText(first.subscribers[0]!.email, { exact: true })).toBeVisible();
  // Virtualized: only the rows in view are in the page, not all 200.
  expect(await table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(60);
  await saveScreenshot(page, 'subscribers');

  await page.getByRole('button', { name: 'Page 2' }).click();
  await expect(page.getByText(`201–${en.number(200 + second.subscribers.length)} of ${en.number(first.total)}`)).toBeVisible();
  await expect(table.getByText(second.subscribers[0]!.email, { exact: true })).toBeVisible();
});

test('searching subscribers finds one by email and opens their details', async ({ page, request }) => {
  const sample = await apiGet<SubscribersAnswer>(request, storePath('/subscribers?limit=50&offset=100'));
  const target = sample.subscribers[7]!;

  await openConsole(page, '/subscribers');
  await page.getByRole('textbox', { name: 'Search subscribers' }).fill(target.email);
  const row = page.getByRole('row', { name: `${target.email}, open details` });
  await expect(row).toBeVisible();
  await row.press('Enter');

  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('heading', { name: target.email })).toBeVisible();
  await expect(drawer).toContainText(`Odoo contact #${target.id}`);
  await saveScreenshot(page, 'subscriber-drawer');
});
