// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { AppError } from '../../src/shared/errors';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
const answers = vi.hoisted(() => ({ error: null as unknown }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      // What the Odoo setup tab asks first: the profile, whose delivery choice is step 1.
      if (name === 'profiles.active') {
        return {
          firstRun: false,
          profile: {
            id: 'p1', name: 'Clinic', kind: 'own-odoo', odoo: { url: 'https://erp.example.com', database: 'erp', login: 'owner', protocol: 'auto' }, storeIds: [],
            sendgrid: { region: 'global', delivery: 'odoo-mail-server' }, hipaa: { enabled: false, idleLockMinutes: 15 },
            createdAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z', secrets: { odooApiKey: true, sendgridApiKey: false },
          },
        };
      }
      if (name !== 'stores.list') throw new Error(`unexpected op ${name}`);
      throw answers.error;
    },
  },
}));

const { StoreProvider } = await import('../../src/renderer/src/store-context');
const { StoreGate } = await import('../../src/renderer/src/shell/StoreGate');
const { SettingsView } = await import('../../src/renderer/src/views/settings/SettingsView');
const { useRoute } = await import('../../src/renderer/src/router');

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

/** The two screens of the app this story crosses, switched by the address as App.tsx does. */
function Screens() {
  const route = useRoute();
  return route.name === 'settings' ? <SettingsView tab={route.tab} /> : <StoreGate>{(storeId) => <p>Store {storeId}</p>}</StoreGate>;
}

function renderGate() {
  renderWithProviders(
    <StoreProvider>
      <StoreGate>{(storeId) => <p>Store {storeId}</p>}</StoreGate>
    </StoreProvider>,
  );
}

describe('a store view before the Odoo setup', () => {
  it('says the Odoo is not set up for Markket yet and leads to the setup, instead of an error', async () => {
    answers.error = new AppError('odoo.not_set_up', 'This Odoo is not set up for Markket yet.', { missing_field: 'mailing.list.x_markket_store_id' });
    renderGate();
    expect(await screen.findByText('This Odoo is not set up for Markket yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open Settings → Odoo setup' }).getAttribute('href')).toBe('#/settings?tab=odoo');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.body.textContent).not.toContain('x_markket');
  });

  it('opens Settings on the Odoo setup tab, not on General', async () => {
    answers.error = new AppError('odoo.not_set_up', 'This Odoo is not set up for Markket yet.', { missing_field: 'mailing.list.x_markket_store_id' });
    renderWithProviders(<StoreProvider><Screens /></StoreProvider>);
    const link = await screen.findByRole('link', { name: 'Open Settings → Odoo setup' });
    act(() => {
      window.location.hash = link.getAttribute('href') ?? '';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect((await screen.findByRole('tab', { name: 'Odoo setup' })).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'General' }).getAttribute('aria-selected')).toBe('false');
    expect(await screen.findByRole('radiogroup', { name: '1. How your campaigns are delivered' })).toBeTruthy();
  });

  it('keeps the tab picked in Settings in the address, so a reload stays on it', async () => {
    answers.error = new AppError('odoo.not_set_up', 'This Odoo is not set up for Markket yet.');
    window.location.hash = '#/settings?tab=odoo';
    renderWithProviders(<StoreProvider><Screens /></StoreProvider>);
    fireEvent.click(await screen.findByRole('tab', { name: 'Security' }));
    expect(window.location.hash).toBe('#/settings?tab=security');
    expect(screen.getByRole('tab', { name: 'Security' }).getAttribute('aria-selected')).toBe('true');
  });

  it('still reports any other failure as one, with its sentence', async () => {
    answers.error = new AppError('odoo.access_denied', 'Your Odoo user may not see Mailing List records (mailing.list).');
    renderGate();
    expect((await screen.findByRole('alert')).textContent).toContain('Your Odoo user may not see Mailing List records');
  });
});
