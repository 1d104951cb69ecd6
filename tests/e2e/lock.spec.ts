import { expect, test } from '@playwright/test';
import { apiGet, openConsole, rpc, saveScreenshot, storePath } from './support/app';

interface Profiles {
  profiles: { id: string; hipaa: { enabled: boolean; idleLockMinutes: number } }[];
  activeProfileId: string;
}

const passphrase = 'correct horse battery';

test.describe('HIPAA auto-lock', () => {
  let profileId = '';

  test.beforeAll(async ({ request }) => {
    const list = await rpc<Profiles>(request, 'profiles.list');
    profileId = list.activeProfileId;
    await rpc(request, 'profiles.update', { id: profileId, hipaa: { enabled: true, idleLockMinutes: 1 }, sendgrid: { delivery: 'odoo-mail-server' } });
    const status = await rpc<{ passphraseSet: boolean }>(request, 'session.status');
    if (!status.passphraseSet) await rpc(request, 'session.setPassphrase', { passphrase });
  });

  test.afterAll(async ({ request }) => {
    const status = await rpc<{ locked: boolean }>(request, 'session.status');
    if (status.locked) await rpc(request, 'session.unlock', { passphrase });
    await rpc(request, 'profiles.update', { id: profileId, hipaa: { enabled: false } });
  });

  test('the lock screen hides subscriber data after the idle time and the passphrase brings it back', async ({ page, request }) => {
    test.setTimeout(150_000);
    const first = await apiGet<{ subscribers: { email: string }[] }>(request, storePath('/subscribers?limit=200&offset=0'));
    const email = first.subscribers[0]!.email;

    await openConsole(page, '/subscribers');
    await expect(page.getByRole('grid', { name: 'Subscribers' }).getByText(email, { exact: true })).toBeVisible();

    // Nobody touches the window: after a minute idle the host locks and the page must follow.
    await expect(page.getByRole('main', { name: 'Console locked' })).toBeVisible({ timeout: 120_000 });
    await expect(page.getByText(email)).toHaveCount(0);
    await expect(page.getByRole('grid', { name: 'Subscribers' })).toHaveCount(0);
    await saveScreenshot(page, 'lock-screen');

    await page.getByLabel('Passphrase').fill(passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('grid', { name: 'Subscribers' }).getByText(email, { exact: true })).toBeVisible();
  });
});
