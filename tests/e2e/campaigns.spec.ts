import { expect, test } from '@playwright/test';
import { apiGet, chooseSegment, en, openConsole, saveScreenshot, storePath } from './support/app';

interface CampaignsAnswer {
  campaigns: { campaign_id: string; odoo_campaign_id: number; subject: string; status: string; recipients: number; open_rate: number }[];
  total: number;
}
interface CampaignAnswer {
  subject: string;
  stats: { sent: number; delivered: number; unique_opened: number; open_rate: number; click_rate: number };
}

test('the campaign list pages through the demo store’s campaigns and filters them by status', async ({ page, request }) => {
  const all = await apiGet<CampaignsAnswer>(request, storePath('/campaigns?limit=20&offset=0'));
  const sent = await apiGet<CampaignsAnswer>(request, storePath('/campaigns?status=sent&limit=20&offset=0'));
  expect(all.total).toBeGreaterThan(20);

  await openConsole(page, '/campaigns');
  const table = page.getByRole('table', { name: 'Campaigns' });
  await expect(page.getByText(`${en.number(all.total)} campaigns`)).toBeVisible();
  // Subjects repeat in the demo seed; the Odoo mailing number does not.
  await expect(table.getByText(`Odoo mailing #${all.campaigns[0]!.odoo_campaign_id}`, { exact: true })).toBeVisible();
  await saveScreenshot(page, 'campaigns');

  await chooseSegment(page, 'Sent');
  await expect(page.getByText(`${en.number(sent.total)} campaign${sent.total === 1 ? '' : 's'}`)).toBeVisible();

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
  // The newest may have been sent by another spec a moment ago, before any open came in.
  const row = sent.campaigns.find((c) => c.open_rate > 0)!;
  const detail = await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${row.campaign_id}`));

  await openConsole(page, '/campaigns');
  await chooseSegment(page, 'Sent');
  await page.locator(`a[href="#/campaigns/${row.campaign_id}"]`).first().click();

  await expect(page.getByRole('heading', { level: 1, name: detail.subject })).toBeVisible();
  await expect(page.getByText(`Odoo mailing #${row.odoo_campaign_id}`)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Open rate' })).toContainText(en.percent(detail.stats.open_rate));
  await expect(page.getByRole('region', { name: 'Delivered' })).toContainText(en.number(detail.stats.delivered));
  await expect(page.getByText('Delivery funnel')).toBeVisible();
  await expect(page.getByLabel(/^Opened: /)).toBeVisible();
  await saveScreenshot(page, 'campaign-stats');
});
