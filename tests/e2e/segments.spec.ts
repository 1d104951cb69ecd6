import { expect, test } from '@playwright/test';
import { apiSend, en, saveScreenshot } from './support/app';
import { buildVipOpeners } from './support/segment-builder';

interface TemplatesAnswer { templates: { id: string; name: string }[] }

/**
 * Issue 17: a marketer builds "tag vip AND opened in the last 30 days", sees Odoo's live count (the
 * same the API answers, for the whole segment and for each condition), saves it, picks it as a new
 * campaign's audience and sees that count again in the review.
 */
test('a segment is built with live counts, saved, and picked as a campaign audience that the review counts', async ({ page, request }) => {
  test.setTimeout(120_000);
  const name = `VIP openers ${Date.now().toString(36)}`;
  const { count } = await buildVipOpeners(page, request, name);
  await saveScreenshot(page, 'segments');

  const { templates } = await apiSend<TemplatesAnswer>(request, 'POST', '/api/rpc/sendgrid.templates.list', {});
  await page.getByRole('link', { name: 'Campaigns' }).first().click();
  await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash = '#/campaigns/new');
  await page.getByRole('textbox', { name: 'Subject' }).fill(`Early access for our VIPs ${Date.now().toString(36)}`);
  await page.getByRole('radio', { name: templates[0]!.name }).click();
  await page.getByRole('combobox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: new RegExp(`^${name} \\(${en.number(count)}\\)$`) }).click();
  await expect(page.getByTestId('estimated-recipients')).toHaveText(en.number(count));

  await page.getByRole('button', { name: 'Review and send…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Pre-send check' });
  await expect(dialog.getByText(/Goes to/)).toContainText(`${en.number(count)} ${count === 1 ? 'person' : 'people'}`, { timeout: 30_000 });
});
