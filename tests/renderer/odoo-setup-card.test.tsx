// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { AppError } from '../../src/shared/errors';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
const state = vi.hoisted(() => ({ hipaa: false, delivery: 'sendgrid-relay' as 'sendgrid-relay' | 'odoo-mail-server', checks: [] as unknown[] }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string, input: unknown) => {
      if (name === 'profiles.active') {
        return {
          firstRun: false,
          profile: {
            id: 'p1', name: 'Clinic', kind: 'own-odoo', odoo: { url: 'https://erp.example.com', database: 'erp', login: 'owner', protocol: 'auto' }, storeIds: [],
            sendgrid: { region: 'global', delivery: state.delivery }, hipaa: { enabled: state.hipaa, idleLockMinutes: 15 },
            createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z', secrets: { odooApiKey: true, sendgridApiKey: false },
          },
        };
      }
      if (name === 'stores.list') throw new AppError('odoo.not_set_up', 'This Odoo is not set up for Markket yet.');
      if (name === 'setup.check') {
        state.checks.push(input);
        return { ready: false, steps: [{ id: 'list', label: 'Mailing list for Corner Shop', status: 'missing', message: 'No list is linked to this store yet; the console can create one.' }] };
      }
      throw new Error(`unexpected op ${name}`);
    },
  },
}));

const { OdooSetupCard, storeIdFromName } = await import('../../src/renderer/src/views/settings/OdooSetupCard');

afterEach(() => {
  cleanup();
  state.checks = [];
});

describe('the Odoo setup before the first store exists', () => {
  it('starts with how mail is delivered, saying in plain words what each choice means', async () => {
    state.hipaa = false;
    state.delivery = 'sendgrid-relay';
    renderWithProviders(<OdooSetupCard storeId={null} />);
    const group = await screen.findByRole('radiogroup', { name: '1. How your campaigns are delivered' });
    const sendgrid = screen.getByRole('radio', { name: 'SendGrid' });
    const own = screen.getByRole('radio', { name: "Your Odoo's own mail server" });
    expect([(sendgrid as HTMLInputElement).checked, (own as HTMLInputElement).checked]).toEqual([true, false]);
    expect(group.textContent).toContain('Odoo hands every email to SendGrid');
    expect(group.textContent).toContain('nothing goes through SendGrid');
  });

  it("shows a HIPAA profile on its Odoo's own mail server, and asks for the BAA acknowledgment before SendGrid", async () => {
    state.hipaa = true;
    state.delivery = 'odoo-mail-server';
    renderWithProviders(<OdooSetupCard storeId={null} />);
    expect(((await screen.findByRole('radio', { name: "Your Odoo's own mail server" })) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'SendGrid' }));
    expect(screen.getByRole('checkbox', { name: /SendGrid is not HIPAA compliant and signs no BAA/ })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save delivery' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks for the store name, proposes its id, and checks the Odoo for that store by name', async () => {
    state.hipaa = false;
    renderWithProviders(<OdooSetupCard storeId={null} />);
    expect(await screen.findByText("Enter your store's name to check your Odoo.")).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Store name/ }), { target: { value: 'Corner Shop' } });
    expect((screen.getByRole('textbox', { name: /Store id/ }) as HTMLInputElement).value).toBe('corner-shop');
    await waitFor(() => expect(state.checks).toContainEqual({ storeId: 'corner-shop', storeName: 'Corner Shop' }));
    expect((await screen.findByRole('table', { name: 'Setup steps' })).textContent).toContain('Mailing list for Corner Shop');
  });

  it('turns a store name into an id Odoo and Markket accept', () => {
    expect(storeIdFromName('  Café Müller & Söhne ')).toBe('cafe-muller-sohne');
  });
});
