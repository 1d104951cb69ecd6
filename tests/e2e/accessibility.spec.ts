import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { apiGet, openConsole, storePath } from './support/app';

/**
 * WCAG 2.1 AA as axe-core checks it, view by view, in light and in dark mode: no violation at
 * all. Each view is checked once its content has loaded, so what is checked is what a person
 * sees, not a loading skeleton.
 */
async function violations(page: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s), e.g. ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`).join(' | ')}`);
}

interface CampaignsAnswer {
  campaigns: { campaign_id: string; status: string }[];
}

/**
 * A sent campaign of the demo store that some people left, giving reasons: its stats view has
 * figures, bars, the reasons table and a recipients pager. The seed's reasons are fixed; a campaign
 * another spec sent has none, so the newest few are looked through.
 */
async function sentCampaign(request: Parameters<typeof apiGet>[0]): Promise<string> {
  const answer = await apiGet<CampaignsAnswer>(request, storePath('/campaigns?status=sent&limit=20&offset=0'));
  for (const c of answer.campaigns) {
    const detail = await apiGet<{ unsubscribe_reasons?: unknown[] }>(request, storePath(`/campaigns/${c.campaign_id}`));
    if (detail.unsubscribe_reasons?.some((r) => (r as { reason: unknown }).reason !== null)) return c.campaign_id;
  }
  throw new Error('no sent campaign of the demo store has an unsubscribe reason');
}

const views: { name: string; route: (campaignId: string) => string; heading: string | RegExp }[] = [
  { name: 'overview', route: () => '/overview', heading: 'Overview' },
  { name: 'campaigns', route: () => '/campaigns', heading: 'Campaigns' },
  { name: 'campaign calendar', route: () => '/campaigns/calendar', heading: 'Campaign calendar' },
  { name: 'campaign calendar week', route: () => '/campaigns/calendar?view=week', heading: 'Campaign calendar' },
  { name: 'campaign stats', route: (id) => `/campaigns/${id}`, heading: /.+/ },
  { name: 'campaign editor', route: () => '/campaigns/new', heading: 'New campaign' },
  { name: 'subscribers', route: () => '/subscribers', heading: 'Subscribers' },
  { name: 'segments', route: () => '/segments', heading: 'Segments' },
  { name: 'settings', route: () => '/settings', heading: 'Settings' },
  { name: 'welcome', route: () => '/welcome', heading: /Welcome/ },
];

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`in ${scheme} mode`, () => {
    test.use({ colorScheme: scheme });
    for (const view of views) {
      test(`the ${view.name} view has no accessibility violation`, async ({ page, request }) => {
        await openConsole(page, view.route(view.name === 'campaign stats' ? await sentCampaign(request) : ''));
        await expect(page).toHaveTitle(/ — Markket$/);
        await expect(page.getByRole('heading', { name: view.heading, level: 1 })).toBeVisible();
        await page.waitForLoadState('networkidle');
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
        if (view.name === 'campaign stats') await expect(page.getByRole('table', { name: 'Why they unsubscribed' })).toBeVisible();
        expect(await violations(page)).toEqual([]);
      });
    }
  });
}

/** The dialogs and drawers a person opens from the views, checked open, in both modes. */
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`dialogs in ${scheme} mode`, () => {
    test.use({ colorScheme: scheme });
    test('the subscriber drawer and the import dialog have no accessibility violation', async ({ page }) => {
      await openConsole(page, '/subscribers');
      await page.getByRole('row', { name: /open details/ }).first().click();
      await expect(page.getByRole('dialog').getByText('Campaign history', { exact: true })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await violations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('link', { name: 'Import CSV' }).click();
      await expect(page.getByRole('dialog', { name: 'Import subscribers from a CSV file' })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });

    test('the Odoo setup, with its delivery choice and steps, has no accessibility violation', async ({ page }) => {
      await openConsole(page, '/settings');
      await page.getByRole('tab', { name: 'Odoo setup' }).click();
      await expect(page.getByRole('radiogroup', { name: '1. How your campaigns are delivered' })).toBeVisible();
      await expect(page.getByRole('table', { name: 'Setup steps' })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await violations(page)).toEqual([]);
    });

    test('the segment builder, with conditions counted, has no accessibility violation', async ({ page }) => {
      await openConsole(page, '/segments');
      await page.getByRole('combobox', { name: 'Condition 1: tag' }).fill('vip');
      await page.getByRole('button', { name: 'Add a condition' }).click();
      await page.getByRole('combobox', { name: 'Condition 2: kind' }).click();
      await page.getByRole('option', { name: 'Has bounced' }).click();
      await expect(page.getByTestId('segment-count')).toBeVisible();
      await expect(page.getByTestId('condition-count-2')).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await violations(page)).toEqual([]);
    });
  });
}
