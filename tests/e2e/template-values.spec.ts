import { expect, test } from '@playwright/test';
import { apiGet, openConsole, rpc, storePath } from './support/app';
import { DEMO_STORE } from './support/env';

/**
 * Issue 11: the demo's "Seasonal sale" SendGrid template asks for two campaign-wide values,
 * {{ends_on}} and {{discount_code}}. The editor asks for each, review is refused until both are
 * filled, and once saved to Odoo the campaign holds them and opens with them again.
 * Everything here is made by this test (its own draft, fixed values), and removed at the end.
 */
interface DraftAnswer { draft: { campaignId?: string; sync: { state: string } } }
interface CampaignAnswer { sendgrid_template_id: string | null; template_value_names?: string[]; template_values?: Record<string, string> }
interface BodyAnswer { html: string }

const TEMPLATE = 'Seasonal sale';

test('a SendGrid template’s campaign-wide values are asked for, block review until filled, and reach Odoo', async ({ page, request }) => {
  test.setTimeout(120_000);
  const subject = `Spring values ${Date.now().toString(36)}`;
  await openConsole(page, '/campaigns/new');
  await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await page.getByRole('radio', { name: TEMPLATE }).click();
  await expect(page.getByTitle(`Preview of ${TEMPLATE}`)).toBeVisible();

  const endsOn = page.getByRole('textbox', { name: /^ends_on/ });
  const code = page.getByRole('textbox', { name: /^discount_code/ });
  await expect(endsOn).toBeVisible();
  await expect(code).toBeVisible();
  const fields = page.getByRole('table', { name: 'Template fields' });
  await expect(fields.getByRole('row').filter({ hasText: '{{discount_code}}' })).toContainText('Empty: fill “discount_code” under Template values');

  // Review is refused while a value is empty: the field says so, no dialog opens.
  await page.getByRole('button', { name: 'Review and send…' }).first().click();
  await expect(page.getByText("Fill 'discount_code': every subscriber gets the same value")).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The preview's word for the empty field leads to it.
  await fields.getByRole('button', { name: '“discount_code” under Template values' }).click();
  await expect(code).toBeFocused();
  await code.fill('SPRING10');
  await endsOn.fill('Sunday, 30 March');
  await expect(fields.getByRole('row').filter({ hasText: '{{discount_code}}' })).toContainText('SPRING10 (template value)');
  await expect(page.getByText("Fill 'discount_code': every subscriber gets the same value")).toHaveCount(0);
  await expect(page.getByRole('status', { name: /Saved locally/ })).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Save to Odoo', exact: true }).click();
  await expect(page).toHaveURL(/draft=/);
  const draftId = new URL(page.url().replace('#/', '')).searchParams.get('draft') ?? '';
  await expect.poll(async () => (await rpc<DraftAnswer>(request, 'drafts.get', { id: draftId })).draft.sync.state, { timeout: 60_000 }).toBe('synced');
  const campaignId = (await rpc<DraftAnswer>(request, 'drafts.get', { id: draftId })).draft.campaignId ?? '';
  try {
    const detail = await apiGet<CampaignAnswer>(request, storePath(`/campaigns/${campaignId}`));
    expect(detail.template_value_names).toEqual(['ends_on', 'discount_code']);
    expect(detail.template_values).toEqual({ ends_on: 'Sunday, 30 March', discount_code: 'SPRING10' });
    const body = await rpc<BodyAnswer>(request, 'marketing.campaigns.body.get', { storeId: DEMO_STORE, campaignId });
    expect(body.html).toContain('<strong>SPRING10</strong>');
    expect(body.html).not.toContain('{{discount_code}}');

    // Opened from Odoo, the campaign shows its values and the preview has them filled.
    await page.evaluate((hash) => (globalThis as unknown as { location: { hash: string } }).location.hash = hash, `#/campaigns/${campaignId}/edit`);
    await expect(page.getByRole('textbox', { name: /^discount_code/ })).toHaveValue('SPRING10', { timeout: 30_000 });
    await expect(page.getByRole('textbox', { name: /^ends_on/ })).toHaveValue('Sunday, 30 March');
    const reopened = page.getByRole('table', { name: 'Template fields' });
    await expect(reopened.getByRole('row').filter({ hasText: '{{discount_code}}' })).toContainText('SPRING10 (template value)');
    await expect(page.frameLocator(`iframe[title="Preview of ${TEMPLATE}"]`).getByText('SPRING10', { exact: true })).toBeVisible();
  } finally {
    // Leaves nothing behind for the specs after it.
    await rpc(request, 'marketing.campaigns.delete', { storeId: DEMO_STORE, campaignId }).catch(() => undefined);
    await rpc(request, 'drafts.delete', { id: draftId }).catch(() => undefined);
  }
});
