import { expect, test } from '@playwright/test';
import { E2E_TOKEN } from './support/env';
import { openConsole, saveScreenshot } from './support/app';

interface ProfilesAnswer {
  profiles: { id: string; name: string }[];
  activeProfileId: string | null;
}

test('Settings lists the profiles the host serves and marks the active one', async ({ page, request }) => {
  const response = await request.post('/api/rpc/profiles.list', { headers: { Authorization: `Bearer ${E2E_TOKEN}` }, data: {} });
  expect(response.status()).toBe(200);
  const answer = (await response.json()) as ProfilesAnswer;

  await openConsole(page, '/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  for (const profile of answer.profiles) await expect(page.getByRole('region', { name: `Profile ${profile.name}` })).toBeVisible();
  const active = answer.profiles.find((p) => p.id === answer.activeProfileId);
  if (active) await expect(page.getByRole('region', { name: `Profile ${active.name}` }).getByText('Active', { exact: true })).toBeVisible();
  await saveScreenshot(page, 'settings');
});

test('adding a profile checks the form before anything is saved', async ({ page }) => {
  await openConsole(page, '/settings');
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog.getByText('Give the profile a name')).toBeVisible();
  await expect(dialog.getByText('Enter the Odoo address, e.g. https://mycompany.odoo.com')).toBeVisible();
  await expect(dialog.getByText('Paste an API key from Odoo (Preferences → Account Security)')).toBeVisible();
});

test('testing the demo profile’s connection shows what Odoo answered', async ({ page, request }) => {
  const headers = { Authorization: `Bearer ${E2E_TOKEN}` };
  const list = (await (await request.post('/api/rpc/profiles.list', { headers, data: {} })).json()) as ProfilesAnswer;
  const active = list.profiles.find((p) => p.id === list.activeProfileId)!;
  const report = (await (await request.post('/api/rpc/profiles.testConnection', { headers, data: { id: active.id } })).json()) as { ok: boolean; summary: string };

  await openConsole(page, '/settings');
  const card = page.getByRole('region', { name: `Profile ${active.name}` });
  await card.getByRole('button', { name: 'Test connection' }).click();
  const result = card.getByRole('status');
  await expect(result).toContainText(report.ok ? 'Connection works' : 'Connection problem');
  await expect(result).toContainText(report.summary);
  await saveScreenshot(page, 'settings-test-connection');
});
