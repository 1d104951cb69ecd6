import { expect, test } from '@playwright/test';
import { apiGet, apiSend, en, openConsole, storePath } from './support/app';

const demoTemplate = 'd-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90';

interface CampaignAnswer {
  subject: string;
  status: string;
  audience: { segment: string | null; recipients: number };
}

/**
 * Issue 10: a duplicate of a tag campaign opens in the editor with its tag, not "Everyone on the
 * list"; an edit of its subject, the review and the send all keep the tag audience.
 */
test('a duplicated tag campaign keeps its tag audience through edit, review and send', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { lists } = await apiGet<{ lists: { id: number }[] }>(request, storePath('/lists'));
  const listId = lists[0]!.id;
  const original = await apiSend<{ campaign_id: string }>(request, 'POST', storePath('/campaigns'), { subject: `VIP early access ${Date.now().toString(36)}`, sendgrid_template_id: demoTemplate, list_id: listId, segment: 'tag:vip' });
  const copy = await apiSend<{ campaign_id: string }>(request, 'POST', storePath(`/campaigns/${original.campaign_id}/duplicate`), {});
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

  await page.getByRole('button', { name: 'Review and send…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Pre-send check' });
  await expect(dialog.getByText(/Goes to/)).toBeVisible({ timeout: 30_000 });
  for (const box of await dialog.getByRole('checkbox').all()) await box.check();
  await dialog.getByRole('button', { name: 'Send…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Send this campaign now?' });
  await expect(confirm.getByTestId('confirm-recipients')).toHaveText(`${en.number(vip.estimated_recipients)} people`);
  await confirm.getByRole('button', { name: /^Send to/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();

  const sent = await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${copy.campaign_id}`));
  expect(sent.subject).toBe(subject);
  expect(sent.status).not.toBe('draft');
  expect(sent.audience.segment).toBe('tag:vip');
});
