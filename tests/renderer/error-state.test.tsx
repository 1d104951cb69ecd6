// @vitest-environment happy-dom
import { describe, expect, it, afterEach } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { AppError } from '../../src/shared/errors';
import { ErrorState } from '../../src/renderer/src/components/ErrorState';
import { renderWithProviders } from './render';

afterEach(cleanup);

describe('ErrorState', () => {
  it('shows the sentence meant for the store owner and the code support asks for', () => {
    const error = new AppError('odoo.unreachable', 'Odoo at https://shop.example.com does not answer. Check your connection.');
    renderWithProviders(<ErrorState error={error} title="Could not load campaigns" />);
    expect(screen.getByRole('alert').textContent).toContain('Odoo at https://shop.example.com does not answer');
    expect(screen.getByText('odoo.unreachable')).toBeTruthy();
    expect(screen.getByText('Could not load campaigns')).toBeTruthy();
  });

  it('calls retry when the user asks to try again', () => {
    let retries = 0;
    renderWithProviders(<ErrorState error={new AppError('odoo.timeout', 'Odoo took too long.')} onRetry={() => (retries += 1)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retries).toBe(1);
  });

  it('never shows the raw message of an unexpected error, which may carry internals', () => {
    renderWithProviders(<ErrorState error={new TypeError("Cannot read properties of undefined (reading 'api_key')")} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).not.toContain('api_key');
    expect(alert.textContent).toContain('internal');
  });
});
