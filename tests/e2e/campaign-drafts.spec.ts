import { expect, test } from '@playwright/test';
import { apiGet, apiSend, chooseSegment, openConsole, storePath } from './support/app';

const demoTemplate = 'd-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90';

test('deleting a draft that is in Odoo asks first, removes the Odoo mailing, and it stays gone after a reload', async ({ page, request }) => {
  const subject = `Abandoned idea ${Date.now().toString(36)}`;
  const { lists } = await apiGet<{ lists: { id: number }[] }>(request, storePath('/lists'));
  const draft = await apiSend<{ campaign_id: string }>(request, 'POST', storePath('/campaigns'), { subject, sendgrid_template_id: demoTemplate, list_id: lists[0]!.id, segment: 'all' });

  await openConsole(page, `/campaigns/${encodeURIComponent(draft.campaign_id)}/edit`);
  await expect(page.getByRole('textbox', { name: 'Subject' })).toHaveValue(subject);
  await page.getByRole('button', { name: 'Delete draft' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this draft?' });
  await expect(dialog).toContainText('removes the draft mailing from Odoo too');
  await dialog.getByRole('button', { name: 'Delete from Odoo and here' }).click();
  await expect(page).toHaveURL(/#\/campaigns$/);

  await page.reload();
  await openConsole(page, '/campaigns');
  await chooseSegment(page, 'Drafts');
  await page.getByRole('textbox', { name: 'Search campaigns' }).fill(subject);
  await expect(page.getByText('No campaign matches')).toBeVisible();
  const matches = await apiGet<{ total: number }>(request, storePath(`/campaigns?search=${encodeURIComponent(subject)}&limit=20`));
  expect(matches.total).toBe(0);
});
