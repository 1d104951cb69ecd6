import { expect, test } from '@playwright/test';
import { apiGet, en, openConsole, saveScreenshot, storePath } from './support/app';

interface ListsAnswer {
  lists: { id: number; name: string; active_contacts: number }[];
}
interface CampaignAnswer {
  subject: string;
  status: string;
  sendgrid_template_id: string | null;
}

// One of the demo workspace's SendGrid dynamic templates (src/main/sandbox/sendgrid/demo-templates.ts).
const demoTemplate = 'd-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90';

test('a new campaign for the whole list shows Odoo’s recipient estimate, asks for confirmation, and is sent', async ({ page, request }) => {
  const { lists } = await apiGet<ListsAnswer>(request, storePath('/lists'));
  const list = lists[0]!;
  const subject = `Spring restock ${Date.now().toString(36)}`;

  await openConsole(page, '/campaigns/new');
  await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await expect(page.getByText(`${subject.length} characters — a good length.`)).toBeVisible();
  await page.getByRole('textbox', { name: 'SendGrid template' }).fill(demoTemplate);
  await expect(page.getByText(`Up to ${en.number(list.active_contacts)} active contacts on ${list.name}`)).toBeVisible();

  await page.getByRole('button', { name: 'Save draft' }).click();
  const estimate = page.getByTestId('estimated-recipients');
  await expect(estimate).toBeVisible();
  const estimated = Number((await estimate.innerText()).replace(/[^0-9]/g, ''));
  expect(estimated).toBeGreaterThan(0);
  expect(estimated).toBeLessThanOrEqual(list.active_contacts);
  await saveScreenshot(page, 'campaign-editor');

  await page.getByRole('button', { name: 'Send…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send this campaign now?' });
  await expect(dialog).toContainText(`${en.number(estimated)} people`);
  await dialog.getByRole('button', { name: 'Send now' }).click();

  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  const campaignId = decodeURIComponent(new URL(page.url()).hash.replace('#/campaigns/', ''));
  const detail = await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${campaignId}`));
  expect(['sending', 'sent']).toContain(detail.status);
  expect(detail.sendgrid_template_id).toBe(demoTemplate);
});

test('a campaign cannot be saved without a subject and a template', async ({ page }) => {
  await openConsole(page, '/campaigns/new');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('A subject is required')).toBeVisible();
  await expect(page.getByText('Pick the SendGrid template to send')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send…' })).toBeDisabled();
});
