// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { AppError } from '../../src/shared/errors';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
const answers = vi.hoisted(() => ({ error: null as unknown }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name !== 'stores.list') throw new Error(`unexpected op ${name}`);
      throw answers.error;
    },
  },
}));

const { StoreProvider } = await import('../../src/renderer/src/store-context');
const { StoreGate } = await import('../../src/renderer/src/shell/StoreGate');

afterEach(cleanup);

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
    expect(screen.getByRole('link', { name: 'Open Settings → Odoo setup' }).getAttribute('href')).toBe('#/settings');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.body.textContent).not.toContain('x_markket');
  });

  it('still reports any other failure as one, with its sentence', async () => {
    answers.error = new AppError('odoo.access_denied', 'Your Odoo user may not see Mailing List records (mailing.list).');
    renderGate();
    expect((await screen.findByRole('alert')).textContent).toContain('Your Odoo user may not see Mailing List records');
  });
});
