// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { SetupVerdict } from '../../src/renderer/src/views/settings/setup-verdict';
import { keyStatus, keyStorage } from '../../src/renderer/src/views/settings/key-status';
import type { OpOutput } from '../../src/renderer/src/api/hooks';
import { renderWithProviders } from './render';

afterEach(cleanup);

type Report = OpOutput<'setup.check'>;

/** What setup.apply answers on an Odoo with everything but the relay: no SendGrid key yet. */
const relaySkipped: Report = {
  ready: true,
  steps: [
    { id: 'module', label: 'Email Marketing app', status: 'ok', message: 'Installed.' },
    { id: 'list', label: 'Mailing list for Corner Shop', status: 'created', message: 'Created "Corner Shop - Newsletter".' },
    { id: 'mail_server', label: 'Outgoing mail server: SendGrid SMTP relay', status: 'skipped', message: 'Add the SendGrid API key to this profile to configure the relay.' },
  ],
};

describe('the Odoo setup verdict', () => {
  it('does not say the Odoo is ready while the SendGrid relay step was skipped, and names what remains', () => {
    renderWithProviders(<SetupVerdict report={relaySkipped} delivery="sendgrid-relay" />);
    const verdict = screen.getByRole('status');
    expect(verdict.textContent).toContain('One step remains');
    expect(verdict.textContent).toContain('Outgoing mail server: SendGrid SMTP relay: Add the SendGrid API key to this profile to configure the relay.');
    expect(verdict.textContent).not.toContain('ready');
  });

  it('says ready when the relay is left out because the profile delivers through the Odoo’s own mail server', () => {
    const ownServer: Report = { ...relaySkipped, steps: relaySkipped.steps.map((s) => (s.id === 'mail_server' ? { ...s, message: "This profile delivers through the Odoo's own mail server, so no SendGrid relay is added." } : s)) };
    renderWithProviders(<SetupVerdict report={ownServer} delivery="odoo-mail-server" />);
    expect(screen.getByRole('status').textContent).toBe('Your Odoo is ready for Markket');
  });
});

describe('where the profile card says keys are', () => {
  it('says the keychain in the desktop app', () => {
    expect(keyStatus({ odooApiKey: true, sendgridApiKey: true }, keyStorage({ markket: {} }))).toBe('Odoo API key saved in the keychain · SendGrid key saved');
  });

  it('does not promise the keychain in browser mode, where keys live in memory for the run', () => {
    const line = keyStatus({ odooApiKey: true, sendgridApiKey: false }, keyStorage({}));
    expect(line).toBe('Odoo API key kept in memory until the console stops · SendGrid key not set');
    expect(line).not.toContain('keychain');
  });
});
