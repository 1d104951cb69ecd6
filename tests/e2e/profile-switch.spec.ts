import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { apiGet, en, openConsole, rpc, saveScreenshot, storePath } from './support/app';

/**
 * A store owner connects their own Odoo: a second Odoo (the project's own `npm run odoo-peer`, with
 * a smaller store than the demo's) is added as a profile in Settings, its connection tested, and
 * switched to from the header; the Overview then shows that Odoo's figures, not the demo's.
 */
const PEER_PORT = 4618;
const PEER_CONTACTS = 300;
let peer: ChildProcess | undefined;

interface ProfilesAnswer {
  profiles: { id: string; name: string; kind: string }[];
  activeProfileId: string | null;
}
interface OverviewAnswer {
  subscribers: number;
}

test.beforeAll(async () => {
  peer = spawn('npm', ['run', 'odoo-peer', '--', '--port', String(PEER_PORT), '--seed', 'demo', '--contacts', String(PEER_CONTACTS)], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    peer!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening on')) resolve();
    });
    peer!.once('exit', (code) => reject(new Error(`odoo-peer exited with ${code}: ${out}`)));
  });
});

test.afterAll(async ({ request }) => {
  // The e2e server is shared by every spec: put the demo back and remove what this spec added.
  const list = await rpc<ProfilesAnswer>(request, 'profiles.list');
  const demo = list.profiles.find((p) => p.kind === 'demo');
  if (demo && list.activeProfileId !== demo.id) await rpc(request, 'profiles.activate', { id: demo.id });
  for (const p of list.profiles.filter((p) => p.name === 'Clinic Odoo')) await rpc(request, 'profiles.delete', { id: p.id });
  if (peer?.pid) process.kill(-peer.pid, 'SIGTERM');
});

test('connecting an own Odoo: add the profile, test it, switch to it, see its figures', async ({ page, request }) => {
  test.setTimeout(90_000);
  const demoOverview = await apiGet<OverviewAnswer>(request, storePath('/overview'));

  await openConsole(page, '/settings');
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('textbox', { name: 'Profile name' }).fill('Clinic Odoo');
  await dialog.getByRole('textbox', { name: 'Odoo address' }).fill(`http://127.0.0.1:${PEER_PORT}`);
  await dialog.getByRole('textbox', { name: 'Database' }).fill('markket');
  await dialog.getByRole('textbox', { name: 'Login' }).fill('admin');
  await dialog.getByLabel('Odoo API key').fill('markket-demo-odoo-key');
  const stores = dialog.getByLabel('Store ids');
  await stores.fill('demo-store-a');
  await stores.press('Enter');
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole('region', { name: 'Profile Clinic Odoo' });
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByRole('status')).toContainText('Connection works');

  await page.getByRole('button', { name: /^Profile: .*Switch profile$/ }).click();
  await page.getByRole('menuitem', { name: 'Clinic Odoo' }).click();
  await expect(page.getByRole('button', { name: 'Profile: Clinic Odoo. Switch profile' })).toBeVisible();

  const ownOverview = await apiGet<OverviewAnswer>(request, storePath('/overview'));
  expect(ownOverview.subscribers).toBeLessThan(PEER_CONTACTS);
  expect(ownOverview.subscribers).not.toBe(demoOverview.subscribers);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('region', { name: 'Subscribers' })).toContainText(en.number(ownOverview.subscribers));
  await saveScreenshot(page, 'profile-switched');
});
