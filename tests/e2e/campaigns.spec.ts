import { expect, test } from '@playwright/test';
import { apiGet, chooseSegment, en, openConsole, saveScreenshot, storePath } from './support/app';

interface CampaignsAnswer {
  campaigns: { campaign_id: string; subject: string; status: string; recipients: number; open_rate: number }[];
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
  await expect(table.getByText(all.campaigns[0]!.subject, { exact: true })).toBeVisible();
  await saveScreenshot(page, 'campaigns');

  await chooseSegment(page, 'Sent');
  await expect(page.getByText(`${en.number(sent.total)} campaign${sent.total === 1 ? '' : 's'}`)).toBeVisible();

  const second = await apiGet<CampaignsAnswer>(request, storePath('/campaigns?status=sent&limit=20&offset=20'));
  if (second.campaigns.length > 0) {
    await page.getByRole('button', { name: 'Page 2' }).click();
    await expect(table.getByText(second.campaigns[0]!.subject, { exact: true })).toBeVisible();
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
  await expect(page.getByRole('table', { name: 'Campaigns' }).getByText(subject, { exact: true })).toBeVisible();
});

test('View stats opens a sent campaign with its delivery figures and funnel', async ({ page, request }) => {
  const sent = await apiGet<CampaignsAnswer>(request, storePath('/campaigns?status=sent&limit=1'));
  const row = sent.campaigns[0]!;
  const detail = await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${row.campaign_id}`));

  await openConsole(page, '/campaigns');
  await chooseSegment(page, 'Sent');
  await page.getByRole('link', { name: `View stats for ${row.subject}` }).click();

  await expect(page.getByRole('heading', { level: 1, name: detail.subject })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Open rate' })).toContainText(en.percent(detail.stats.open_rate));
  await expect(page.getByRole('region', { name: 'Delivered' })).toContainText(en.number(detail.stats.delivered));
  await expect(page.getByText('Delivery funnel')).toBeVisible();
  await expect(page.getByLabel(/^Opened: /)).toBeVisible();
  await saveScreenshot(page, 'campaign-stats');
});
