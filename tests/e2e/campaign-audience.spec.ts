import { expect, test } from '@playwright/test';
import { apiGet, apiSend, en, openConsole, storePath } from './support/app';

const demoTemplate = 'd-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90';

interface CampaignAnswer {
  subject: string;
  status: string;
  scheduled_for: string | null;
  audience: { segment: string | null; recipients: number };
}

/**
 * Issue 10: a duplicate of a tag campaign opens in the editor with its tag and its schedule, not
 * "Everyone on the list" and "now"; an edit of its subject, the review and the send keep both. It
 * is sent for a date far ahead (the same send operation): nothing is delivered, so no SendGrid
 * event of it can change the audiences the other specs count.
 */
test('a duplicated tag campaign keeps its tag audience and schedule through edit, review and send', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { lists } = await apiGet<{ lists: { id: number }[] }>(request, storePath('/lists'));
  const listId = lists[0]!.id;
  const original = await apiSend<{ campaign_id: string }>(request, 'POST', storePath('/campaigns'), { subject: `VIP early access ${Date.now().toString(36)}`, sendgrid_template_id: demoTemplate, list_id: listId, segment: 'tag:vip' });
  const copy = await apiSend<{ campaign_id: string }>(request, 'POST', storePath(`/campaigns/${original.campaign_id}/duplicate`), {});
  const goesOut = '2099-03-01T09:00:00.000Z';
  await apiSend(request, 'PATCH', storePath(`/campaigns/${copy.campaign_id}`), { schedule: goesOut });
  const vip = await apiSend<{ estimated_recipients: number; list_total: number }>(request, 'POST', storePath('/campaigns/estimate'), { list_id: listId, segment: 'tag:vip' });
  expect(vip.estimated_recipients).toBeGreaterThan(0);
  expect(vip.estimated_recipients).toBeLessThan(vip.list_total);

  await openConsole(page, `/campaigns/${encodeURIComponent(copy.campaign_id)}/edit`);
  await expect(page.getByRole('combobox', { name: 'Segment' })).toHaveValue('Has a tag…');
  await expect(page.getByRole('combobox', { name: 'Tag' })).toHaveValue('vip');
  await expect(page.getByTestId('estimated-recipients')).toHaveText(en.number(vip.estimated_recipients));

  const subject = `Buyers thank-you ${Date.now().toString(36)}`;
  await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await expect(page.getByRole('status').filter({ hasText: 'Saved in Odoo' })).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Review and schedule…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Pre-send check' });
  await expect(dialog.getByText(/Goes to/)).toBeVisible({ timeout: 30_000 });
  for (const box of await dialog.getByRole('checkbox').all()) await box.check();
  await dialog.getByRole('button', { name: 'Schedule…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Schedule this campaign?' });
  await expect(confirm.getByTestId('confirm-recipients')).toHaveText(`${en.number(vip.estimated_recipients)} people`);
  await confirm.getByRole('button', { name: /^Schedule for/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();

  const sent = await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${copy.campaign_id}`));
  expect(sent).toMatchObject({ subject, status: 'scheduled', scheduled_for: goesOut, audience: { segment: 'tag:vip', recipients: vip.estimated_recipients } });
  await apiSend(request, 'POST', storePath(`/campaigns/${copy.campaign_id}/cancel`), {});
});
