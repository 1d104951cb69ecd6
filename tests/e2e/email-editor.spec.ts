import { expect, test, type Page } from '@playwright/test';
import { apiGet, openConsole, rpc, storePath } from './support/app';
import { DEMO_STORE } from './support/env';

interface Tags { tags: { name: string; count: number }[] }
interface Profiles { activeProfileId: string }
interface AuditList { entries: { action: string; details: Record<string, unknown> }[] }
interface CampaignAnswer { status: string; stats: { sent: number } }

const testAddress = 'owner@store-a.example.com';

/** Writes an email from the Newsletter layout (heading, text with the name merge field, button) and adds an image. */
async function writeEmail(page: Page, subject: string): Promise<void> {
  await openConsole(page, '/campaigns/new');
  await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await page.getByRole('radio', { name: 'Write it here' }).check();
  await page.getByRole('button', { name: 'Start writing' }).click();
  await expect(page.getByRole('textbox', { name: 'Heading' }).first()).toHaveValue('This month at the store');
  await expect(page.getByRole('textbox', { name: 'Text', exact: true }).first()).toHaveValue(/Hello \{name\|there\},/);
  await page.getByRole('button', { name: 'Add a block' }).click();
  await page.getByRole('menuitem', { name: 'Image' }).click();
  await page.getByRole('textbox', { name: 'Image address' }).fill('https://images.example.com/spring-window.jpg');
  await page.getByRole('textbox', { name: 'Alt text' }).fill('Spring flowers in the shop window');
  await expect(page.getByRole('status', { name: /Saved locally/ })).toBeVisible({ timeout: 30_000 });
}

/** The preview on a phone's width, filled in for a real subscriber: the merge field is a name, never QWeb. */
async function previewOnMobile(page: Page): Promise<void> {
  await page.locator('label').filter({ hasText: /^Mobile$/ }).click();
  const frame = page.frameLocator('iframe[title="Email preview"]');
  await expect(frame.getByText(/^Hello .+,$/).first()).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByRole('img', { name: 'Spring flowers in the shop window' })).toHaveCount(1);
  await expect(page.locator('iframe[title="Email preview"]')).toHaveAttribute('data-width', 'mobile');
  expect(await page.locator('iframe[title="Email preview"]').getAttribute('srcdoc')).not.toContain('t-out');
}

async function sendTest(page: Page, via: 'SendGrid' | 'Odoo'): Promise<void> {
  await page.getByRole('button', { name: 'Send a test…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Send a test' });
  const to = dialog.getByRole('combobox', { name: 'Send to' });
  await to.fill(testAddress);
  await to.press('Enter');
  await dialog.getByRole('button', { name: 'Send test' }).click();
  await expect(page.getByText(`To ${testAddress}, through ${via}.`)).toBeVisible({ timeout: 60_000 });
}

/** Reload the draft from its address: the document written comes back as it was saved. */
async function reopen(page: Page): Promise<void> {
  await expect(page).toHaveURL(/draft=/);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Heading' }).first()).toHaveValue('This month at the store', { timeout: 30_000 });
  await expect(page.getByRole('textbox', { name: 'Alt text' })).toHaveValue('Spring flowers in the shop window');
}

/** Sends to the subscribers carrying the demo's most used tag and answers the campaign id. */
async function sendToTag(page: Page, tag: string): Promise<string> {
  await page.getByRole('combobox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: 'Has a tag…' }).click();
  await page.getByRole('combobox', { name: 'Tag', exact: true }).fill(tag);
  await page.getByRole('button', { name: 'Review and send…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Pre-send check' });
  await expect(dialog.getByText(/Goes to/)).toBeVisible({ timeout: 60_000 });
  for (const box of await dialog.getByRole('checkbox').all()) await box.check();
  await dialog.getByRole('button', { name: 'Send…' }).click();
  await page.getByRole('dialog', { name: 'Send this campaign now?' }).getByRole('button', { name: /^Send to/ }).click();
  await expect(page).toHaveURL(/#\/campaigns\/camp_/, { timeout: 60_000 });
  return decodeURIComponent(new URL(page.url()).hash.replace('#/campaigns/', ''));
}

/** Odoo's star on the campaign, then a new campaign started from it: the email comes back as it was written. */
async function saveAsFavourite(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save as favourite' }).click();
  await expect(page.getByRole('button', { name: 'Favourite in Odoo' })).toBeVisible({ timeout: 30_000 });
}

async function startFromFavourite(page: Page, subject: string): Promise<void> {
  await openConsole(page, '/campaigns/new');
  await page.getByRole('radio', { name: 'Start from an Odoo favourite' }).check();
  await page.getByRole('combobox', { name: 'Odoo favourite' }).click();
  await page.getByRole('option', { name: subject, exact: true }).click();
  await page.getByRole('button', { name: 'Use this favourite' }).click();
  await expect(page.getByRole('radio', { name: 'Write it here' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Heading' }).first()).toHaveValue('This month at the store');
  await expect(page.getByRole('textbox', { name: 'Alt text' })).toHaveValue('Spring flowers in the shop window');
}

async function mostUsedTag(request: Parameters<typeof apiGet>[0]): Promise<string> {
  const { tags } = await apiGet<Tags>(request, storePath('/tags'));
  return [...tags].sort((a, b) => b.count - a.count)[0]!.name;
}

test('an email written from a starter layout is previewed on a phone, tested, reopened and sent to a tag', async ({ page, request }) => {
  test.setTimeout(240_000);
  const subject = `Spring window ${Date.now().toString(36)}`;
  await writeEmail(page, subject);
  await previewOnMobile(page);
  // The demo delivers through SendGrid: the test goes through SendGrid's mail send.
  await sendTest(page, 'SendGrid');
  await reopen(page);
  // The test send took the draft to Odoo: it can be starred there, and starts the next campaign.
  await saveAsFavourite(page);
  const campaignId = await sendToTag(page, await mostUsedTag(request));
  await expect.poll(async () => (await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${campaignId}`))).stats.sent, { timeout: 90_000 }).toBeGreaterThan(0);
  await startFromFavourite(page, subject);
});

// A real 1×1 PNG, as a file on the person's computer.
const WINDOW_PHOTO = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
interface DraftAnswer { draft: { campaignId?: string; sync: { state: string } } }
interface BodyAnswer { document: { blocks: { type: string; src?: string; alt?: string }[] } | null }
interface LoadedAnswer { images: { src: string; data_url: string | null; problem: string | null }[] }

test('a picture chosen from this computer stays in the draft, then becomes the mailing’s attachment in Odoo when saved there', async ({ page, request }) => {
  test.setTimeout(180_000);
  await openConsole(page, '/campaigns/new');
  await page.getByRole('textbox', { name: 'Subject' }).fill(`Shop window ${Date.now().toString(36)}`);
  await page.getByRole('radio', { name: 'Write it here' }).check();
  await page.getByRole('button', { name: 'Start writing' }).click();
  await page.getByRole('button', { name: 'Add a block' }).click();
  await page.getByRole('menuitem', { name: 'Image' }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: 'window.png', mimeType: 'image/png', buffer: Buffer.from(WINDOW_PHOTO, 'base64') });
  await expect(page.getByText(/Image from this computer \(1 KB\)/)).toBeVisible();
  await page.getByRole('textbox', { name: 'Alt text' }).fill('Our shop window');
  // Before Odoo has it, the preview shows the picture from the draft itself.
  const frame = page.frameLocator('iframe[title="Email preview"]');
  await expect(frame.getByRole('img', { name: 'Our shop window' })).toHaveAttribute('src', `data:image/png;base64,${WINDOW_PHOTO}`, { timeout: 30_000 });
  await expect(page.getByRole('status', { name: /Saved locally/ })).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Save to Odoo', exact: true }).click();
  await expect(page).toHaveURL(/draft=/);
  const draftId = new URL(page.url().replace('#/', '')).searchParams.get('draft') ?? '';
  await expect.poll(async () => (await rpc<DraftAnswer>(request, 'drafts.get', { id: draftId })).draft.sync.state, { timeout: 60_000 }).toBe('synced');
  const { campaignId } = (await rpc<DraftAnswer>(request, 'drafts.get', { id: draftId })).draft;
  // In Odoo the email links to the attachment, and the Odoo serves it with the link's token.
  const body = await rpc<BodyAnswer>(request, 'marketing.campaigns.body.get', { storeId: DEMO_STORE, campaignId });
  const src = body.document?.blocks.find((b) => b.alt === 'Our shop window')?.src ?? '';
  expect(src).toMatch(/^\/web\/image\/\d+\?access_token=[0-9a-f-]{36}$/);
  const loaded = await rpc<LoadedAnswer>(request, 'email.images.load', { srcs: [src] });
  expect(loaded.images[0]).toMatchObject({ problem: null, data_url: `data:image/png;base64,${WINDOW_PHOTO}` });
});

test.describe('in a HIPAA profile, delivering through the Odoo’s own mail server', () => {
  let profileId = '';
  test.beforeAll(async ({ request }) => {
    // Switching HIPAA on seals the profile's folder once the demo's background webhook work is done.
    test.setTimeout(180_000);
    profileId = (await rpc<Profiles>(request, 'profiles.list')).activeProfileId;
    await rpc(request, 'profiles.update', { id: profileId, hipaa: { enabled: true, idleLockMinutes: 60 }, sendgrid: { delivery: 'odoo-mail-server' } });
  });
  test.afterAll(async ({ request }) => {
    test.setTimeout(180_000);
    await rpc(request, 'profiles.update', { id: profileId, hipaa: { enabled: false } });
  });

  test('the same email is tested through Odoo’s test wizard, written to the audit log, and sent to a tag', async ({ page, request }) => {
    test.setTimeout(240_000);
    const subject = `Clinic reminder ${Date.now().toString(36)}`;
    await writeEmail(page, subject);
    await previewOnMobile(page);
    await sendTest(page, 'Odoo');
    const { entries } = await rpc<AuditList>(request, 'audit.list', { limit: 20 });
    expect(entries.find((e) => e.action === 'campaign.test_sent')?.details).toMatchObject({ via: 'odoo', addresses: 1 });
    await reopen(page);
    const campaignId = await sendToTag(page, await mostUsedTag(request));
    await expect.poll(async () => (await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${campaignId}`))).stats.sent, { timeout: 90_000 }).toBeGreaterThan(0);
  });
});
