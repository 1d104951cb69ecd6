import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { apiGet, apiSend, en, openConsole, storePath, type ConsoleAt } from './app';

interface ListsAnswer { lists: { id: number; name: string }[] }
interface CountAnswer { count: number; conditions: { count: number }[] }
interface SegmentsAnswer { segments: { id: number; name: string; recipients: number }[] }

/** Issue 17's example segment: has the tag vip and opened any campaign in the last 30 days. */
export const vipOpeners = { match: 'all', conditions: [{ type: 'tag', has: true, tag: 'vip' }, { type: 'activity', action: 'opened', days: 30 }] };

export interface SavedSegment {
  id: number;
  name: string;
  /** Odoo's search_count of the whole segment, as the API answered it before the builder showed it. */
  count: number;
}

/**
 * Builds "tag vip AND opened in the last 30 days" on the Segments view, checking each live count
 * against the API's (Odoo's own search_count, for the segment and for each condition), saves it
 * under `name` and answers it as the saved segments list holds it. `at` is a console of the spec's
 * own (the shared demo's otherwise).
 */
export async function buildVipOpeners(page: Page, request: APIRequestContext, name: string, at?: ConsoleAt): Promise<SavedSegment> {
  const { lists } = await apiGet<ListsAnswer>(request, storePath('/lists'), at);
  const expected = await apiSend<CountAnswer>(request, 'POST', storePath('/segments/count'), { list_id: lists[0]!.id, rule: vipOpeners }, at);
  expect(expected.count).toBeGreaterThan(0);

  await openConsole(page, '/segments', at);
  await expect(page.getByRole('heading', { level: 1, name: 'Segments' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Condition 1: tag' }).fill('vip');
  await expect(page.getByTestId('condition-count-1')).toHaveText(`${en.number(expected.conditions[0]!.count)} matches`);
  await page.getByRole('button', { name: 'Add a condition' }).click();
  await page.getByRole('combobox', { name: 'Condition 2: kind' }).click();
  await page.getByRole('option', { name: 'Opened any campaign in the last…' }).click();
  await page.getByRole('textbox', { name: 'Condition 2: days' }).fill('30');
  // Which campaigns count is said beside the days, and read out with them.
  await expect(page.getByRole('textbox', { name: 'Condition 2: days' })).toHaveAccessibleDescription('Every campaign this store sent counts, whichever of its lists it went to.');
  await expect(page.getByTestId('segment-count')).toHaveText(en.number(expected.count));
  await expect(page.getByTestId('condition-count-2')).toHaveText(`${en.number(expected.conditions[1]!.count)} matches`);

  await page.getByRole('textbox', { name: 'Segment name' }).fill(name);
  await page.getByRole('button', { name: 'Save segment' }).click();
  const saved = page.getByRole('table', { name: 'Saved segments' }).getByRole('row').filter({ hasText: name });
  await expect(saved).toContainText("Has the tag vip and opened any of the store's campaigns in the last 30 days");
  // Saving resolves "opened" to the contacts who had opened by then: opens of an earlier send still
  // arriving through the webhook may have grown the live count since, so the row is compared with
  // the API's count of the segment as saved.
  const { segments } = await apiGet<SegmentsAnswer>(request, storePath('/segments'), at);
  const segment = segments.find((s) => s.name === name)!;
  expect(segment.recipients).toBeGreaterThanOrEqual(expected.count);
  await expect(saved).toContainText(en.number(segment.recipients));
  return { id: segment.id, name, count: segment.recipients };
}
