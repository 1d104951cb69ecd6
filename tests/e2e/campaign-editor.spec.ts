import { expect, test } from '@playwright/test';
import { apiGet, apiSend, en, openConsole, saveScreenshot, storePath } from './support/app';

interface ListsAnswer {
  lists: { id: number; name: string; active_contacts: number }[];
}
interface TemplatesAnswer {
  templates: { id: string; name: string }[];
}
interface CampaignAnswer {
  subject: string;
  status: string;
  sendgrid_template_id: string | null;
  stats: { sent: number; delivered: number; unique_opened: number };
}

test('a campaign made from a template for a segment shows the estimate, passes the pre-send check, is sent and its figures come in', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { lists } = await apiGet<ListsAnswer>(request, storePath('/lists'));
  const { templates } = await apiSend<TemplatesAnswer>(request, 'POST', '/api/rpc/sendgrid.templates.list', {});
  const list = lists[0]!;
  const template = templates[0]!;
  const estimate = await apiSend<{ estimated_recipients: number; list_total: number }>(request, 'POST', storePath('/campaigns/estimate'), { list_id: list.id, segment: 'subscribers' });
  expect(estimate.estimated_recipients).toBeGreaterThan(0);
  const subject = `Spring restock ${Date.now().toString(36)}`;

  await openConsole(page, '/campaigns/new');
  await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await page.getByRole('radio', { name: template.name }).click();
  await expect(page.getByTitle(`Preview of ${template.name}`)).toBeVisible();
  await page.getByRole('combobox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: 'Newsletter sign-ups' }).click();
  await expect(page.getByTestId('estimated-recipients')).toHaveText(en.number(estimate.estimated_recipients));
  await expect(page.getByRole('status', { name: /Saved locally/ })).toBeVisible();
  await saveScreenshot(page, 'campaign-editor');

  await page.getByRole('button', { name: 'Review and send…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Pre-send check' });
  await expect(dialog.getByText(/Goes to/)).toBeVisible({ timeout: 30_000 });
  for (const box of await dialog.getByRole('checkbox').all()) await box.check();
  await saveScreenshot(page, 'campaign-precheck');
  await dialog.getByRole('button', { name: 'Send…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Send this campaign now?' });
  await expect(confirm.getByTestId('confirm-recipients')).toHaveText(`${en.number(estimate.estimated_recipients)} people`);
  await confirm.getByRole('button', { name: /^Send to/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  const campaignId = decodeURIComponent(new URL(page.url()).hash.replace('#/campaigns/', ''));
  // The demo delivers through the SendGrid peer, whose signed events come back: wait for them.
  await expect.poll(async () => (await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${campaignId}`))).stats.delivered, { timeout: 60_000 }).toBeGreaterThan(0);
  const detail = await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${campaignId}`));
  expect(detail.sendgrid_template_id).toBe(template.id);
  await expect(page.getByRole('region', { name: 'Delivered' })).toContainText(/[1-9]/, { timeout: 30_000 });
  await expect(page.getByRole('link', { name: 'Campaigns' }).first()).toBeVisible();
  await saveScreenshot(page, 'campaign-sent');
});

test('reviewing a campaign without a subject or a template says what is missing', async ({ page }) => {
  await openConsole(page, '/campaigns/new');
  await page.getByRole('button', { name: 'Review and send…' }).first().click();
  await expect(page.getByText('A subject is required')).toBeVisible();
  await expect(page.getByText('Pick the SendGrid template to send')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
