import { expect, test } from '@playwright/test';
import { apiGet, apiSend, en, openConsole, saveScreenshot, storePath } from './support/app';

interface ListsAnswer { lists: { id: number; name: string }[] }
interface TemplatesAnswer { templates: { id: string; name: string }[] }
interface CountAnswer { count: number; conditions: { count: number }[] }
interface SegmentsAnswer { segments: { id: number; name: string; recipients: number }[] }

const vipOpeners = { match: 'all', conditions: [{ type: 'tag', has: true, tag: 'vip' }, { type: 'activity', action: 'opened', days: 30 }] };

/**
 * Issue 17: a marketer builds "tag vip AND opened in the last 30 days", sees Odoo's live count (the
 * same the API answers, for the whole segment and for each condition), saves it, picks it as a new
 * campaign's audience and sees that count again in the review.
 */
test('a segment is built with live counts, saved, and picked as a campaign audience that the review counts', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { lists } = await apiGet<ListsAnswer>(request, storePath('/lists'));
  const list = lists[0]!;
  const expected = await apiSend<CountAnswer>(request, 'POST', storePath('/segments/count'), { list_id: list.id, rule: vipOpeners });
  expect(expected.count).toBeGreaterThan(0);
  const name = `VIP openers ${Date.now().toString(36)}`;

  await openConsole(page, '/segments');
  await expect(page.getByRole('heading', { level: 1, name: 'Segments' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Condition 1: tag' }).fill('vip');
  await expect(page.getByTestId('condition-count-1')).toHaveText(`${en.number(expected.conditions[0]!.count)} matches`);
  await page.getByRole('button', { name: 'Add a condition' }).click();
  await page.getByRole('combobox', { name: 'Condition 2: kind' }).click();
  await page.getByRole('option', { name: 'Opened any campaign in the last…' }).click();
  await page.getByRole('textbox', { name: 'Condition 2: days' }).fill('30');
  await expect(page.getByTestId('segment-count')).toHaveText(en.number(expected.count));
  await expect(page.getByTestId('condition-count-2')).toHaveText(`${en.number(expected.conditions[1]!.count)} matches`);

  await page.getByRole('textbox', { name: 'Segment name' }).fill(name);
  await page.getByRole('button', { name: 'Save segment' }).click();
  const saved = page.getByRole('table', { name: 'Saved segments' }).getByRole('row').filter({ hasText: name });
  await expect(saved).toContainText(en.number(expected.count));
  await expect(saved).toContainText('Has the tag vip and opened a campaign in the last 30 days');
  await saveScreenshot(page, 'segments');
  const { segments } = await apiGet<SegmentsAnswer>(request, storePath('/segments'));
  const segment = segments.find((s) => s.name === name)!;
  expect(segment.recipients).toBe(expected.count);

  const { templates } = await apiSend<TemplatesAnswer>(request, 'POST', '/api/rpc/sendgrid.templates.list', {});
  await page.getByRole('link', { name: 'Campaigns' }).first().click();
  await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash = '#/campaigns/new');
  await page.getByRole('textbox', { name: 'Subject' }).fill(`Early access for our VIPs ${Date.now().toString(36)}`);
  await page.getByRole('radio', { name: templates[0]!.name }).click();
  await page.getByRole('combobox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: new RegExp(`^${name} \\(${en.number(expected.count)}\\)$`) }).click();
  await expect(page.getByTestId('estimated-recipients')).toHaveText(en.number(expected.count));

  await page.getByRole('button', { name: 'Review and send…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Pre-send check' });
  await expect(dialog.getByText(/Goes to/)).toContainText(`${en.number(expected.count)} ${expected.count === 1 ? 'person' : 'people'}`, { timeout: 30_000 });
});
