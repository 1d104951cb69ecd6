import { expect, test } from '@playwright/test';
import { apiGet, apiSend, openConsole, storePath } from './support/app';

const demoTemplate = 'd-4f1c2a9e8b7d4c6a9e3f5b1d2c7a8e90';

interface AbAnswer {
  versions: { label: string; subject: string; status: string; recipients: number }[];
  winner: { from_label: string | null; status: string } | null;
}

/**
 * Issue 17: a marketer sets up two subjects as an A/B test in the editor, sends the test through
 * the review, and on the stats view sends version B to everyone the test did not reach.
 */
test('an A/B test is set up in the editor, sent, and its winner picked on the stats view', async ({ page, request }) => {
  test.setTimeout(180_000);
  const { lists } = await apiGet<{ lists: { id: number }[] }>(request, storePath('/lists'));
  const subject = `Autumn sale ${Date.now().toString(36)}`;
  const made = await apiSend<{ campaign_id: string }>(request, 'POST', storePath('/campaigns'), { subject, sendgrid_template_id: demoTemplate, list_id: lists[0]!.id, segment: 'all' });

  await openConsole(page, `/campaigns/${encodeURIComponent(made.campaign_id)}/edit`);
  const panel = page.getByRole('region', { name: 'Test versions' }).or(page.locator('[aria-label="Test versions"]')).first();
  await panel.getByRole('button', { name: 'Test versions' }).click();
  await panel.getByRole('textbox', { name: 'Version B subject' }).fill(`${subject}: 20% off everything`);
  await panel.getByRole('textbox', { name: 'Test share (%)' }).fill('30');
  await panel.getByRole('button', { name: 'Start the test' }).click();
  await expect(panel.getByText('2 versions saved')).toBeVisible();
  const saved = await apiGet<AbAnswer>(request, storePath(`/campaigns/${made.campaign_id}/ab`));
  expect(saved.versions.map((v) => [v.label, v.subject])).toEqual([['A', subject], ['B', `${subject}: 20% off everything`]]);

  await page.getByRole('button', { name: 'Review and send…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Pre-send check' });
  await expect(dialog.getByText(/Goes to/)).toBeVisible({ timeout: 30_000 });
  for (const box of await dialog.getByRole('checkbox').all()) await box.check();
  await dialog.getByRole('button', { name: 'Send…' }).click();
  await page.getByRole('dialog', { name: 'Send this campaign now?' }).getByRole('button', { name: /^Send to/ }).click();

  const comparison = page.locator('[aria-label="A/B test"]');
  await expect(comparison.getByRole('button', { name: 'Send B to everyone else' })).toBeVisible({ timeout: 120_000 });
  await comparison.getByRole('button', { name: 'Send B to everyone else' }).click();
  // The winner is a send: its pre-send check warns about the demo's suppressed addresses, read and accepted here.
  const warned = comparison.getByRole('alert').filter({ hasText: 'The winner was not sent' });
  await expect(warned).toContainText('suppression lists');
  await warned.getByRole('button', { name: 'Send anyway' }).click();
  await expect(comparison.getByText(/^Version B won/)).toBeVisible({ timeout: 60_000 });
  const after = await apiGet<AbAnswer>(request, storePath(`/campaigns/${made.campaign_id}/ab`));
  expect(after.winner?.from_label).toBe('B');
});
