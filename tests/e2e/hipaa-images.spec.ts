import { expect, test, type Request } from '@playwright/test';
import { apiGet, openConsole, rpc, storePath } from './support/app';
import { DEMO_STORE } from './support/env';

interface Profiles {
  activeProfileId: string;
}

// The front desk's photo as the editor reads it from a file (a real 1×1 PNG).
const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

/** An email whose body has a tracking pixel on a foreign host and a picture for the profile's Odoo. */
const letter = (photo: string) => ({
  version: 1,
  settings: { brand_color: '#343a40', font: 'georgia', values: {} },
  footer: { store_name: 'Riverside Family Clinic', postal_address: '4 River Road\nSpringfield', unsubscribe_label: 'Unsubscribe' },
  blocks: [
    { id: 'pixel', type: 'image', src: 'https://pixel.tracker.test/open.gif?staff=1', alt: 'Tracking pixel' },
    { id: 'desk', type: 'image', src: photo, alt: 'The clinic front desk' },
    { id: 'body', type: 'text', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Flu shots are in: book yours.' }] }] },
  ],
});

interface Draft { id: string; version: number; campaignId?: string; sync: { state: string } }
interface Body { document: { blocks: { id: string; src?: string }[] } | null }

/**
 * Issue 18: in HIPAA mode the renderer loads no remote content. Chromium's own request log is the
 * witness: from opening the editor to clicking "Load images", no request leaves for any host but
 * the console's own, and the images that do load were fetched by the console from its Odoo.
 */
test.describe('remote images in HIPAA mode', () => {
  let profileId = '';
  let draftId = '';
  let uploaded = '';

  test.beforeAll(async ({ request }) => {
    // Turning HIPAA on waits for the demo's webhook work of earlier specs' sends to settle first.
    test.setTimeout(180_000);
    profileId = (await rpc<Profiles>(request, 'profiles.list')).activeProfileId;
    await rpc(request, 'profiles.update', { id: profileId, hipaa: { enabled: true, idleLockMinutes: 240 } });
    const { lists } = await apiGet<{ lists: { id: number }[] }>(request, storePath('/lists'));
    // The photo is added from this computer; when the draft syncs it becomes the mailing's
    // attachment on the Odoo, and the email links to it there (/web/image/<id>?access_token=…).
    const listId = lists[0]!.id;
    draftId = (await rpc<Draft>(request, 'drafts.save', { storeId: DEMO_STORE, subject: 'Flu shots are in', listId, document: letter(PHOTO) })).id;
    const pushed = async () => {
      await rpc(request, 'drafts.sync', {});
      return (await rpc<{ draft: Draft }>(request, 'drafts.get', { id: draftId })).draft;
    };
    await expect.poll(async () => (await pushed()).sync.state, { timeout: 60_000 }).toBe('synced');
    const synced = await pushed();
    const body = await rpc<Body>(request, 'marketing.campaigns.body.get', { storeId: DEMO_STORE, campaignId: synced.campaignId });
    uploaded = body.document?.blocks.find((b) => b.id === 'desk')?.src ?? '';
    expect(uploaded).toMatch(/^\/web\/image\/\d+\?access_token=/);
    await rpc(request, 'drafts.save', { id: draftId, storeId: DEMO_STORE, subject: 'Flu shots are in', listId, document: letter(uploaded), baseVersion: synced.version });
  });

  test.afterAll(async ({ request }) => {
    if (draftId) await rpc(request, 'drafts.delete', { id: draftId });
    // Back to the demo as the other specs know it: no HIPAA, delivery through SendGrid.
    await rpc(request, 'profiles.update', { id: profileId, hipaa: { enabled: false }, sendgrid: { delivery: 'sendgrid-relay' } });
  });

  test('shows placeholders, loads only through the console on request, and no request leaves for another host', async ({ page, baseURL }) => {
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    const documentCsp = page.waitForResponse((r) => r.request().resourceType() === 'document').then((r) => r.headers()['content-security-policy'] ?? '');

    await openConsole(page, `/campaigns/new?draft=${draftId}`);
    expect(/img-src ([^;]*)/.exec(await documentCsp)?.[1]).toBe("'self' data: blob:");

    const notice = page.getByRole('alert', { name: 'Remote images' });
    // The editor and MJML load lazily, then the preview renders: give a busy machine time.
    await expect(notice).toContainText('2 images are not loaded', { timeout: 45_000 });
    const preview = page.frameLocator('iframe[title="Email preview"]');
    await expect(preview.locator('img[data-markket-src]')).toHaveCount(2);
    for (const img of await preview.locator('img[data-markket-src]').all()) expect(await img.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);

    const loading = page.waitForResponse((r) => r.url().endsWith('/api/rpc/email.images.load'));
    await notice.getByRole('button', { name: 'Load images' }).click();
    const answer = (await (await loading).json()) as { images: { src: string; problem: string | null; data_url: string | null }[] };
    // The tracker is refused without being fetched; the photo was fetched from the demo Odoo by the console.
    expect(answer.images.find((i) => i.src.startsWith('https://pixel.tracker.test'))?.problem).toMatch(/Only images stored on your Odoo/);
    expect(answer.images.find((i) => i.src === uploaded)).toMatchObject({ problem: null, data_url: PHOTO });
    await expect(notice).toContainText('Only images stored on your Odoo');
    await expect(preview.locator('img[alt="The clinic front desk"]')).toHaveAttribute('src', PHOTO);

    const origin = new URL(baseURL!).origin;
    const elsewhere = requests.map((r) => r.url()).filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin);
    expect(elsewhere).toEqual([]);
    expect(requests.some((r) => r.url().includes('/web/image/'))).toBe(false);
  });
});

test.describe('the image policy of an open page follows a HIPAA switch', () => {
  let profileId = '';
  test.beforeAll(async ({ request }) => {
    test.setTimeout(180_000);
    profileId = (await rpc<Profiles>(request, 'profiles.list')).activeProfileId;
  });
  test.afterAll(async ({ request }) => {
    await rpc(request, 'profiles.update', { id: profileId, hipaa: { enabled: false }, sendgrid: { delivery: 'sendgrid-relay' } });
  });

  test('tightens at once when the profile goes HIPAA, and reloads under the open policy when it leaves', async ({ page, request }) => {
    test.setTimeout(180_000);
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    const documents: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'document') documents.push(/img-src ([^;]*)/.exec(r.headers()['content-security-policy'] ?? '')?.[1] ?? '');
    });
    await openConsole(page, '/overview');
    expect(documents).toEqual(["'self' data: https:"]);

    // Switched elsewhere (another window, a script): the change is pushed to the open page (GET /api/events),
    // which is not reloaded but tightens itself. Nothing polls any more, so this waits only on the push.
    await rpc(request, 'profiles.update', { id: profileId, hipaa: { enabled: true, idleLockMinutes: 240 } });
    await expect(page.locator('meta#markket-hipaa-image-policy')).toHaveCount(1);
    expect(documents).toHaveLength(1);
    // A remote picture put on the page now is refused by the browser before any request leaves.
    // (A page script, as text: the test's own TypeScript has no DOM types.)
    const blocked = await page.evaluate<string>(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective + ' ' + event.blockedURI), { once: true });
      const img = document.createElement('img');
      img.src = 'https://pixel.tracker.test/open.gif?staff=2';
      document.body.appendChild(img);
    })`);
    expect(blocked).toBe('img-src https://pixel.tracker.test/open.gif?staff=2');
    // Chromium lists it in its request log only as refused by the policy (Playwright's failure 'csp'), never sent.
    const tracker = requests.filter((r) => r.url().includes('pixel.tracker.test'));
    await expect.poll(() => tracker.map((r) => r.failure()?.errorText ?? 'sent or pending')).toEqual(['csp']);

    // Leaving HIPAA mode cannot loosen a policy in place: the page loads itself again under the open one.
    await rpc(request, 'profiles.update', { id: profileId, hipaa: { enabled: false }, sendgrid: { delivery: 'sendgrid-relay' } });
    await expect.poll(() => documents.length).toBe(2);
    expect(documents[1]).toBe("'self' data: https:");
    await expect(page.locator('meta#markket-hipaa-image-policy')).toHaveCount(0);
  });
});
