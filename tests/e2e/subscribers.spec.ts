import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
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
  const table = page.getByRole('grid', { name: 'Subscribers' });
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
  const detail = await apiGet<{ campaigns: { subject: string }[] }>(request, storePath(`/subscribers/${target.id}`));
  if (detail.campaigns.length > 0) await expect(drawer.getByRole('table', { name: 'Campaign history' }).getByText(detail.campaigns[0]!.subject, { exact: true }).first()).toBeVisible();
  else await expect(drawer.getByText('No campaign has reached this person yet.')).toBeVisible();
  await saveScreenshot(page, 'subscriber-drawer');
});

test('a subscriber is renamed, tagged and unsubscribed from the drawer', async ({ page, request }) => {
  const sample = await apiGet<SubscribersAnswer>(request, storePath('/subscribers?limit=50&offset=300'));
  const target = sample.subscribers[3]!;
  const tag = `Drawer ${Date.now().toString(36)}`;

  await openConsole(page, '/subscribers');
  await page.getByRole('textbox', { name: 'Search subscribers' }).fill(target.email);
  await page.getByRole('row', { name: `${target.email}, open details` }).press('Enter');
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('textbox', { name: 'Name' }).fill('Renamed From Drawer');
  await drawer.getByRole('button', { name: 'Save name and email' }).click();
  await expect(drawer.getByRole('button', { name: 'Save name and email' })).toBeDisabled();
  await drawer.getByRole('combobox', { name: 'Tags' }).fill(tag);
  await drawer.getByRole('combobox', { name: 'Tags' }).press('Enter');
  await expect(drawer.getByText(tag, { exact: true })).toBeVisible();
  await drawer.getByRole('button', { name: /^Unsubscribe from / }).first().click();
  await expect(drawer.getByRole('button', { name: /^Resubscribe to / }).first()).toBeVisible();

  const detail = await apiGet<{ name: string; tags: string[]; lists: { opted_out: boolean }[] }>(request, storePath(`/subscribers/${target.id}`));
  expect(detail.name).toBe('Renamed From Drawer');
  expect(detail.tags).toContain(tag);
  expect(detail.lists.some((l) => l.opted_out)).toBe(true);
  await saveScreenshot(page, 'subscriber-drawer-actions');
});

test('importing a CSV with one bad row adds the good rows and reports the bad one with its spreadsheet row', async ({ page, request }) => {
  const stamp = Date.now().toString(36);
  const good = [`ana.${stamp}@example.com`, `bo.${stamp}@example.com`];
  const csv = `Email;First Name;Last Name\n${good[0]};Ana;Ruiz\nnot-an-email-${stamp};Broken;Row\n\n${good[1]};Bo;Lind\n`;

  await openConsole(page, '/subscribers?import=1');
  const dialog = page.getByRole('dialog', { name: 'Import subscribers from a CSV file' });
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'new-subscribers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(dialog.getByRole('table', { name: 'File preview' })).toContainText(good[0]!);
  await expect(dialog.getByRole('combobox', { name: 'Import Email as' })).toHaveValue('Email');
  await expect(dialog.getByRole('combobox', { name: 'Import First Name as' })).toHaveValue('First name');
  const importButton = dialog.getByRole('button', { name: 'Import 3 rows' });
  await expect(importButton).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'I have permission to email these people' }).check();
  await importButton.click();

  await expect(dialog.getByText('Import finished')).toBeVisible();
  const report = dialog.getByRole('table', { name: 'Import report' });
  await expect(report.getByRole('row', { name: new RegExp(`^3 not-an-email-${stamp}`) })).toContainText('Invalid');
  await saveScreenshot(page, 'subscribers-import');

  for (const email of good) {
    const found = await apiGet<SubscribersAnswer>(request, storePath(`/subscribers?search=${encodeURIComponent(email)}`));
    expect(found.total).toBe(1);
  }
  const ana = await apiGet<SubscribersAnswer>(request, storePath(`/subscribers?search=${encodeURIComponent(good[0]!)}`));
  expect(ana.subscribers[0]?.name).toBe('Ana Ruiz');
});

test('adding a subscriber runs the newsletter extension and says what Odoo did', async ({ page, request }) => {
  const email = `new.reader.${Date.now().toString(36)}@example.com`;
  await openConsole(page, '/subscribers');
  await page.getByRole('button', { name: 'Add subscriber' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a subscriber' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await dialog.getByRole('textbox', { name: 'Name' }).fill('New Reader');
  await dialog.getByRole('button', { name: 'Add subscriber' }).click();
  await expect(dialog.getByRole('status')).toContainText(`Created: ${email}`);
  const found = await apiGet<SubscribersAnswer>(request, storePath(`/subscribers?search=${encodeURIComponent(email)}`));
  expect(found.subscribers[0]?.name).toBe('New Reader');
  await expect(dialog.getByRole('status')).toContainText(`Odoo contact #${found.subscribers[0]!.id}`);
  await saveScreenshot(page, 'subscriber-added');
});

test('exporting the searched subscribers as CSV downloads a file with exactly those rows', async ({ page, request }) => {
  const sample = await apiGet<SubscribersAnswer>(request, storePath('/subscribers?limit=1&offset=40'));
  const domain = sample.subscribers[0]!.email.split('@')[1]!;
  const matching = await apiGet<SubscribersAnswer>(request, storePath(`/subscribers?search=${encodeURIComponent(domain)}&limit=1`));

  await openConsole(page, '/subscribers');
  await page.getByRole('textbox', { name: 'Search subscribers' }).fill(domain);
  await expect(page.getByText(`${en.number(matching.total)} matching`)).toBeVisible();
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export subscribers' });
  await expect(dialog).toContainText(`${en.number(matching.total)} subscribers`);
  await saveScreenshot(page, 'subscribers-export');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export' }).click();
  const file = await (await download).path();
  const text = (await readFile(file!, 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]!.toLowerCase()).toContain('email');
  expect(lines.length - 1).toBe(matching.total);
  expect(lines.slice(1).every((line) => line.toLowerCase().includes(domain.toLowerCase()))).toBe(true);
});

test('a tag goes on everyone a filter matches, across every page, with progress and a final count', async ({ page, request }) => {
  const tag = `Bulk ${Date.now().toString(36)}`;
  const active = await apiGet<SubscribersAnswer>(request, storePath('/subscribers?status=active&limit=1'));
  expect(active.total).toBeGreaterThan(200);

  await openConsole(page, '/subscribers');
  await page.getByRole('combobox', { name: 'Filter by status' }).click();
  await page.getByRole('option', { name: 'Active' }).click();
  await expect(page.getByText(`${en.number(active.total)} matching`)).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select every subscriber on this page' }).check();
  await page.getByRole('button', { name: `Select all ${en.number(active.total)} matching` }).click();
  await expect(page.getByText(`All ${en.number(active.total)} subscribers matching selected`)).toBeVisible();

  await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Tag', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a tag' });
  await dialog.getByRole('combobox', { name: 'Tag' }).fill(tag);
  await dialog.getByRole('button', { name: `Add tag · ${en.number(active.total)} subscribers` }).click();
  await expect(dialog.getByTestId('bulk-report')).toContainText(`${en.number(active.total)} subscribers tagged`);
  await saveScreenshot(page, 'subscribers-bulk-report');
  await dialog.getByRole('button', { name: 'Done' }).click();

  const tagged = await apiGet<SubscribersAnswer>(request, storePath(`/subscribers?tag=${encodeURIComponent(tag)}&limit=1`));
  expect(tagged.total).toBe(active.total);
});
