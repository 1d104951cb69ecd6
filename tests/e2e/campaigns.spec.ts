import { expect, test } from '@playwright/test';
import { apiGet, apiSend, chooseSegment, en, openConsole, saveScreenshot, storePath } from './support/app';

interface CampaignsAnswer {
  campaigns: { campaign_id: string; odoo_campaign_id: number; subject: string; status: string; sent_date: string | null; recipients: number; open_rate: number }[];
  total: number;
}
interface CampaignAnswer {
  subject: string;
  stats: { sent: number; delivered: number; unique_opened: number; open_rate: number; click_rate: number };
}

test('the campaign list pages through the demo store’s campaigns and filters them by status', async ({ page, request }) => {
  const all = await apiGet<CampaignsAnswer>(request, storePath('/campaigns?limit=20&offset=0'));
  expect(all.total).toBeGreaterThan(20);

  await openConsole(page, '/campaigns');
  const table = page.getByRole('table', { name: 'Campaigns' });
  await expect(page.getByText(`${en.number(all.total)} campaigns`)).toBeVisible();
  // Subjects repeat in the demo seed; the Odoo mailing number does not.
  await expect(table.getByText(`Odoo mailing #${all.campaigns[0]!.odoo_campaign_id}`, { exact: true })).toBeVisible();
  await saveScreenshot(page, 'campaigns');

  await chooseSegment(page, 'Sent');
  // Another spec's campaign may finish sending meanwhile (the server is shared): compare with the API's count as of now.
  await expect(async () => {
    const current = await apiGet<CampaignsAnswer>(request, storePath('/campaigns?status=sent&limit=1&offset=0'));
    await expect(page.getByText(`${en.number(current.total)} campaign${current.total === 1 ? '' : 's'}`)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  const second = await apiGet<CampaignsAnswer>(request, storePath('/campaigns?status=sent&limit=20&offset=20'));
  if (second.campaigns.length > 0) {
    await page.getByRole('button', { name: 'Page 2' }).click();
    await expect(table.getByText(`Odoo mailing #${second.campaigns[0]!.odoo_campaign_id}`, { exact: true })).toBeVisible();
  }
});

test('searching campaigns by subject narrows the list to the matches', async ({ page, request }) => {
  const all = await apiGet<CampaignsAnswer>(request, storePath('/campaigns?status=sent&limit=1'));
  const subject = all.campaigns[0]!.subject;
  const word = subject.split(/\s+/).find((w) => w.length >= 5) ?? subject;
  const matches = await apiGet<CampaignsAnswer>(request, storePath(`/campaigns?search=${encodeURIComponent(word)}&limit=20`));

  await openConsole(page, '/campaigns');
  await page.getByRole('textbox', { name: 'Search campaigns' }).fill(word);
  await expect(page.getByText(`${en.number(matches.total)} campaign${matches.total === 1 ? '' : 's'}`)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Campaigns' }).getByText(subject, { exact: true }).first()).toBeVisible();
});

test('View stats opens a sent campaign with its delivery figures and funnel', async ({ page, request }) => {
  const sent = await apiGet<CampaignsAnswer>(request, storePath('/campaigns?status=sent&limit=20'));
  // Another spec may have sent one a moment ago whose events are still arriving: take a settled one.
  const row = sent.campaigns.find((c) => c.open_rate > 0 && c.sent_date !== null && Date.parse(c.sent_date) < Date.now() - 3_600_000)!;
  const detail = await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${row.campaign_id}`));

  await openConsole(page, '/campaigns');
  await chooseSegment(page, 'Sent');
  await page.locator(`a[href="#/campaigns/${row.campaign_id}"]`).first().click();

  await expect(page.getByRole('heading', { level: 1, name: detail.subject })).toBeVisible();
  await expect(page.getByText(`Odoo mailing #${row.odoo_campaign_id}`)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Open rate' })).toContainText(en.rate(detail.stats.open_rate));
  await expect(page.getByRole('region', { name: 'Delivered' })).toContainText(en.number(detail.stats.delivered));
  await expect(page.getByText('Delivery funnel')).toBeVisible();
  await expect(page.getByLabel(/^Opened: /)).toBeVisible();
  await expect(page.getByText('Opens and clicks over time')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Bounces by kind' })).toBeVisible();

  const opened = await apiGet<{ total: number; recipients: { email: string }[] }>(request, storePath(`/campaigns/${row.campaign_id}/recipients?filter=opened&limit=25`));
  const recipients = page.getByRole('region', { name: 'Recipients' });
  await recipients.locator('label').filter({ hasText: /^Opened$/ }).click();
  await expect(recipients.getByText(`${en.number(opened.total)} match`)).toBeVisible();
  await expect(recipients.getByText(opened.recipients[0]!.email, { exact: true })).toBeVisible();
  await saveScreenshot(page, 'campaign-stats');
});

const demoTemplate = 'd-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90';

async function createDraft(request: Parameters<typeof apiGet>[0], subject: string): Promise<{ campaign_id: string; odoo_campaign_id: number }> {
  const { lists } = await apiGet<{ lists: { id: number }[] }>(request, storePath('/lists'));
  return apiSend(request, 'POST', storePath('/campaigns'), { subject, sendgrid_template_id: demoTemplate, list_id: lists[0]!.id, segment: 'all' });
}

test('a scheduled campaign can be cancelled from the list and goes back to drafts', async ({ page, request }) => {
  const subject = `Weekend teaser ${Date.now().toString(36)}`;
  const draft = await createDraft(request, subject);
  const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
  // As the review dialog does: read the pre-send check and acknowledge each warning it shows.
  const check = await apiGet<{ issues: { code: string; severity: string }[] }>(request, storePath(`/campaigns/${draft.campaign_id}/precheck`));
  const acknowledge = check.issues.filter((i) => i.severity === 'warning').map((i) => i.code);
  const scheduled = await apiSend<{ status: string }>(request, 'POST', storePath(`/campaigns/${draft.campaign_id}/send`), { schedule: at, acknowledge });
  expect(scheduled.status).toBe('scheduled');

  await openConsole(page, '/campaigns');
  await chooseSegment(page, 'Scheduled');
  await page.getByRole('textbox', { name: 'Search campaigns' }).fill(subject);
  await page.getByRole('button', { name: `Cancel ${subject}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this scheduled campaign?' });
  await expect(dialog).toContainText(subject);
  await saveScreenshot(page, 'campaign-cancel');
  await dialog.getByRole('button', { name: 'Cancel schedule' }).click();
  await expect(dialog).toBeHidden();

  await expect.poll(async () => (await apiGet<{ status: string }>(request, storePath(`/campaigns/${draft.campaign_id}`))).status).toBe('draft');
  await chooseSegment(page, 'Drafts');
  await expect(page.getByRole('link', { name: `Edit ${subject}` })).toBeVisible();
});

test('duplicating a campaign makes a new draft in Odoo and opens it in the editor', async ({ page, request }) => {
  const subject = `Summer lookbook ${Date.now().toString(36)}`;
  await createDraft(request, subject);

  await openConsole(page, '/campaigns');
  await page.getByRole('textbox', { name: 'Search campaigns' }).fill(subject);
  await page.getByRole('button', { name: `More actions for ${subject}` }).click();
  await page.getByRole('menuitem', { name: 'Duplicate' }).click();

  await expect(page).toHaveURL(/#\/campaigns\/camp_[^/]+\/edit$/);
  const copyId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
  const copy = await apiGet<{ subject: string; status: string; sendgrid_template_id: string }>(request, storePath(`/campaigns/${copyId}`));
  expect(copy.status).toBe('draft');
  expect(copy.sendgrid_template_id).toBe(demoTemplate);
  await expect(page.getByRole('heading', { level: 1, name: 'Edit campaign' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Subject' })).toHaveValue(copy.subject);
  const matches = await apiGet<CampaignsAnswer>(request, storePath(`/campaigns?search=${encodeURIComponent(subject)}&limit=20`));
  expect(matches.total).toBe(2);
  await saveScreenshot(page, 'campaign-duplicate');
});
