import { expect, test } from '@playwright/test';
import { apiGet, apiSend, openConsole, saveScreenshot, storePath } from './support/app';

interface CampaignsAnswer {
  campaigns: { campaign_id: string; subject: string; status: string; scheduled_for: string | null }[];
}
interface CampaignAnswer { status: string; scheduled_for: string | null }

/** The browser's time zone (playwright.config.ts): the calendar shows days and times in it. */
const zone = 'Europe/Paris';
const dayIn = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
const timeIn = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
const DAY = 86_400_000;

const demoTemplate = 'd-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90';

/** A campaign of the demo store scheduled `days` ahead, as the review dialog schedules it (its warnings acknowledged). */
async function scheduledCampaign(request: Parameters<typeof apiGet>[0], subject: string, days: number) {
  const { lists } = await apiGet<{ lists: { id: number }[] }>(request, storePath('/lists'));
  const draft = await apiSend<{ campaign_id: string }>(request, 'POST', storePath('/campaigns'), { subject, sendgrid_template_id: demoTemplate, list_id: lists[0]!.id, segment: 'all' });
  const check = await apiGet<{ issues: { code: string; severity: string }[] }>(request, storePath(`/campaigns/${draft.campaign_id}/precheck`));
  const acknowledge = check.issues.filter((i) => i.severity === 'warning').map((i) => i.code);
  const at = new Date(Date.now() + days * DAY).toISOString();
  const scheduled = await apiSend<{ status: string; scheduled_for: string }>(request, 'POST', storePath(`/campaigns/${draft.campaign_id}/send`), { schedule: at, acknowledge });
  expect(scheduled.status).toBe('scheduled');
  return { campaign_id: draft.campaign_id, scheduled_for: scheduled.scheduled_for, acknowledge };
}

test('a scheduled campaign dragged to another day goes there at the same time, and is still there after a reload', async ({ page, request }) => {
  const campaign = await scheduledCampaign(request, `Calendar move ${Date.now().toString(36)}`, 4);
  const from = campaign.scheduled_for;
  // One day on, in the same month (the month view shows one month); one day back otherwise, still ahead.
  const next = new Date(Date.parse(from) + DAY).toISOString();
  const to = dayIn(next).slice(0, 7) === dayIn(from).slice(0, 7) ? next : new Date(Date.parse(from) - DAY).toISOString();

  await openConsole(page, `/campaigns/calendar?view=month&date=${dayIn(from)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Campaign calendar' })).toBeVisible();
  const entry = page.locator(`[data-campaign-id="${campaign.campaign_id}"]`);
  await expect(page.locator(`[data-day="${dayIn(from)}"]`).locator(entry)).toBeVisible();

  await entry.dragTo(page.locator(`[data-day="${dayIn(to)}"]`));
  // The move passes the pre-send check again: the warnings accepted when it was scheduled are asked again.
  if (campaign.acknowledge.length > 0) {
    const dialog = page.getByRole('dialog', { name: 'Move this scheduled campaign?' });
    await expect(dialog.getByRole('listitem')).toHaveCount(campaign.acknowledge.length);
    await dialog.getByRole('button', { name: 'Move anyway' }).click();
  }
  await expect(page.getByText('Campaign moved')).toBeVisible();
  await expect(page.locator(`[data-day="${dayIn(to)}"]`).locator(entry)).toBeVisible();

  // Odoo holds the new day at the same time of day, still scheduled.
  const moved = await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${campaign.campaign_id}`));
  expect(moved.status).toBe('scheduled');
  expect(dayIn(moved.scheduled_for!)).toBe(dayIn(to));
  expect(timeIn(moved.scheduled_for!)).toBe(timeIn(from));

  await page.reload();
  await expect(page.locator(`[data-day="${dayIn(to)}"]`).locator(`[data-campaign-id="${campaign.campaign_id}"]`)).toBeVisible();
  await expect(page.locator(`[data-day="${dayIn(from)}"]`).locator(`[data-campaign-id="${campaign.campaign_id}"]`)).toHaveCount(0);
  await saveScreenshot(page, 'campaign-calendar');
});

test('a scheduled campaign carried over “Next month” while dragged lands in the next month, at the same time', async ({ page, request }) => {
  const campaign = await scheduledCampaign(request, `Calendar carry ${Date.now().toString(36)}`, 3);
  const from = campaign.scheduled_for;
  const [year, month] = dayIn(from).split('-').map(Number) as [number, number];
  const nextMonth = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  const toDay = `${nextMonth}-10`;

  await openConsole(page, `/campaigns/calendar?view=month&date=${dayIn(from)}`);
  const entry = page.locator(`[data-campaign-id="${campaign.campaign_id}"]`);
  await expect(page.locator(`[data-day="${dayIn(from)}"]`).locator(entry)).toBeVisible();

  // Pick it up, rest on “Next month” until the next month shows, and drop it on one of its days.
  await entry.hover();
  await page.mouse.down();
  const next = page.getByRole('button', { name: 'Next month' });
  await next.hover();
  await expect(page).toHaveURL(new RegExp(`date=${nextMonth}-`));
  const target = page.locator(`[data-day="${toDay}"]`);
  // Chromium sends dragenter on reaching an element and dragover from the next move within it, as a hand moves.
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 8);
  await page.mouse.move(box.x + box.width / 2 + 3, box.y + box.height - 6);
  await expect(target).toHaveAttribute('data-drop', 'allowed');
  await page.mouse.up();
  if (campaign.acknowledge.length > 0) await page.getByRole('dialog', { name: 'Move this scheduled campaign?' }).getByRole('button', { name: 'Move anyway' }).click();
  await expect(page.getByText('Campaign moved')).toBeVisible();
  await expect(target.locator(entry)).toBeVisible();

  // The same move as any other: Odoo holds the new day at the same time of day, still scheduled.
  const moved = await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${campaign.campaign_id}`));
  expect(moved.status).toBe('scheduled');
  expect(dayIn(moved.scheduled_for!)).toBe(toDay);
  expect(timeIn(moved.scheduled_for!)).toBe(timeIn(from));
});

test('a sent campaign offers no move, and the week view lists the week’s seven days', async ({ page, request }) => {
  const sent = await apiGet<CampaignsAnswer & { campaigns: { sent_date: string | null }[] }>(request, storePath('/campaigns?status=sent&limit=1'));
  const campaign = sent.campaigns[0]!;
  const sentDate = (campaign as unknown as { sent_date: string }).sent_date;

  await openConsole(page, `/campaigns/calendar?view=week&date=${dayIn(sentDate)}`);
  const entry = page.locator(`[data-campaign-id="${campaign.campaign_id}"]`);
  await expect(entry).toBeVisible();
  await expect(entry.getByText('Sent', { exact: true })).toBeVisible();
  await expect(entry.getByRole('button', { name: /Move/ })).toHaveCount(0);
  await expect(entry).toHaveAttribute('draggable', 'false');
  await expect(page.locator('[data-day]')).toHaveCount(7);
});
