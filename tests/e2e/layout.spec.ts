import { expect, test } from '@playwright/test';
import { openConsole, saveScreenshot } from './support/app';

/**
 * Issue 6 asks every view to be readable at 1280×800 and at 1920×1080: nothing may spill sideways
 * (a horizontal scrollbar on the page), and the main heading stays in view.
 */
const views = ['/overview', '/campaigns', '/subscribers', '/settings', '/campaigns/new'] as const;

for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('every main view fits the window without sideways scrolling', async ({ page }) => {
      await openConsole(page);
      for (const view of views) {
        await page.evaluate((hash) => ((globalThis as unknown as { location: { hash: string } }).location.hash = hash), `#${view}`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate(() => {
          const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
          return doc.scrollWidth - doc.clientWidth;
        });
        expect({ view, overflow }).toEqual({ view, overflow: 0 });
      }
      if (size.width === 1920) {
        await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/overview'));
        await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
        await saveScreenshot(page, 'overview-1920');
      }
    });
  });
}
