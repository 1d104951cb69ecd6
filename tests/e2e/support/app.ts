import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_STORE, E2E_TOKEN } from './env';

/** A console of a spec's own (its address and API token); without one, the shared demo's. */
export interface ConsoleAt {
  url: string;
  token: string;
}

/** The API answer a view is built from, read with the same bearer token the page uses. */
export async function apiGet<T>(request: APIRequestContext, path: string, at?: ConsoleAt): Promise<T> {
  const response = await request.get(`${at?.url ?? ''}${path}`, { headers: { Authorization: `Bearer ${at?.token ?? E2E_TOKEN}` } });
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

export const storePath = (rest: string) => `/api/stores/${DEMO_STORE}/marketing${rest}`;

/** Opens the console the way `npm run serve` prints it: the token in the fragment, then a route. */
export async function openConsole(page: Page, route = '/overview', at?: ConsoleAt): Promise<void> {
  await page.goto(`${at?.url ?? ''}/#token=${at?.token ?? E2E_TOKEN}`);
  // The client moves the token out of the address bar; the router then takes the route.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  if (route !== '/overview') await page.evaluate((hash) => (globalThis as unknown as { location: { hash: string } }).location.hash = hash, `#${route}`);
}

const screenshotDir = join(process.cwd(), 'test-results', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Let charts finish their entry animation so the artifact shows the real picture.
  await page.waitForLoadState('networkidle');
  // A full-page shot of a scrolled page paints the fixed header mid-page; start from the top.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** Mantine's SegmentedControl hides its radios; people (and tests) click the visible label. */
export async function chooseSegment(page: Page, label: string): Promise<void> {
  await page.locator('label').filter({ hasText: new RegExp(`^${label}$`) }).click();
  await expect(page.getByRole('radio', { name: label })).toBeChecked();
}

export const en = {
  number: (n: number) => new Intl.NumberFormat('en-US').format(n),
  /** A rate as the API answers it (a fraction, 0.417) as the screen shows it (41.7%). */
  rate: (n: number) => new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n),
};

const auth = { Authorization: `Bearer ${E2E_TOKEN}` };

/** Calls an operation the way the page does (POST with a JSON body) and returns its answer. */
export async function apiSend<T>(request: APIRequestContext, method: 'POST' | 'PATCH', path: string, data: unknown, at?: ConsoleAt): Promise<T> {
  const response = await request.fetch(`${at?.url ?? ''}${path}`, { method, headers: at ? { Authorization: `Bearer ${at.token}` } : auth, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** Operations without a REST route are served at POST /api/rpc/<name>. */
export const rpc = <T>(request: APIRequestContext, name: string, data: unknown = {}) => apiSend<T>(request, 'POST', `/api/rpc/${name}`, data);
