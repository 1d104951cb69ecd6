// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { AppError } from '../../src/shared/errors';
import { renderWithProviders } from './render';

/**
 * Issue 13: after a failure whose outcome is unknown, the screens that create or send offer "Try
 * again", and the retry repeats the same request (the same request id, the same address), which the
 * server makes safe. The fake sits where the transports plug in and records every call.
 */
const host = vi.hoisted(() => ({ calls: [] as { name: string; input: Record<string, unknown> }[], answers: [] as (() => unknown)[], reads: {} as Record<string, unknown> }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string, input: Record<string, unknown>) => {
      // The screens' own reads (lists, import fields) answer the same every time; changes are recorded.
      if (name in host.reads) return host.reads[name];
      host.calls.push({ name, input });
      const next = host.answers.shift();
      if (!next) throw new Error(`unexpected op ${name}`);
      return next();
    },
  },
}));

const { TestSendButton } = await import('../../src/renderer/src/views/editor/TestSendButton');
const { AddSubscriberModal } = await import('../../src/renderer/src/views/subscribers/AddSubscriberModal');
const { ImportModal } = await import('../../src/renderer/src/views/subscribers/import/ImportModal');

const lost = (what: string) => () => {
  throw new AppError('odoo.server_error', `Odoo received this ${what}, but its answer was lost, so it may or may not have been saved.`, { outcome: 'unknown' });
};

afterEach(() => {
  cleanup();
  host.calls.length = 0;
  host.answers.length = 0;
  host.reads = {};
  window.localStorage.clear();
});

describe('Send a test, after a failure', () => {
  it('offers Try again, which repeats the test under the same request id', async () => {
    window.localStorage.setItem('markket-test-addresses', JSON.stringify(['owner@store-a.example.com']));
    host.answers.push(lost('test'), () => ({ campaign_id: 'camp_1', via: 'odoo', sent_to: ['owner@store-a.example.com'], already_sent: ['owner@store-a.example.com'], maybe_sent: ['owner@store-a.example.com'] }));
    renderWithProviders(<TestSendButton storeId="demo-store-a" prepare={async () => 'camp_1'} />);
    fireEvent.click(screen.getByRole('button', { name: 'Send a test…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Send test' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The test was not sent');
    expect(alert.textContent).toContain('may or may not have been saved');

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(host.calls).toHaveLength(2));
    const [first, again] = host.calls.map((c) => c.input);
    expect(first?.client_request_id).toEqual(expect.any(String));
    expect(again).toEqual(first);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('starts a new request when the dialog is opened again, so a new test is a new send', async () => {
    host.answers.push(() => ({ campaign_id: 'camp_1', via: 'odoo', sent_to: ['owner@store-a.example.com'] }), () => ({ campaign_id: 'camp_1', via: 'odoo', sent_to: ['owner@store-a.example.com'] }));
    window.localStorage.setItem('markket-test-addresses', JSON.stringify(['owner@store-a.example.com']));
    renderWithProviders(<TestSendButton storeId="demo-store-a" prepare={async () => 'camp_1'} />);
    for (let i = 0; i < 2; i++) {
      fireEvent.click(screen.getByRole('button', { name: 'Send a test…' }));
      fireEvent.click(await screen.findByRole('button', { name: 'Send test' }));
      await waitFor(() => expect(host.calls).toHaveLength(i + 1));
      await waitFor(() => expect(screen.queryByRole('button', { name: 'Send test' })).toBeNull());
    }
    expect(host.calls[0]?.input.client_request_id).not.toBe(host.calls[1]?.input.client_request_id);
  });
});

describe('the test-sent notification', async () => {
  const { sentMessage } = await import('../../src/renderer/src/views/editor/TestSendButton');
  it('names who got the test now, and who an earlier try already reached or may have reached', () => {
    expect(sentMessage({ via: 'odoo', sent_to: ['a@x.com', 'b@x.com', 'c@x.com'], already_sent: ['a@x.com', 'b@x.com'], maybe_sent: ['b@x.com'] })).toBe(
      'To c@x.com, through Odoo. The earlier try already sent it to a@x.com; not sent again. The earlier try may already have sent it to b@x.com: check that inbox. Not sent again; send a new test if it did not arrive. It is not counted in the campaign’s figures.',
    );
    expect(sentMessage({ via: 'sendgrid', sent_to: ['a@x.com'] })).toBe('To a@x.com, through SendGrid. It is not counted in the campaign’s figures.');
  });
});

describe('Add a subscriber, after a failure', () => {
  it('offers Try again, which adds the same address again (the server finds the contact Odoo made)', async () => {
    host.answers.push(lost('subscriber'), () => ({ row: { line: 1, email: 'grace@example.com', outcome: 'unchanged', contact_id: 42 } }));
    renderWithProviders(<AddSubscriberModal storeId="demo-store-a" opened onClose={() => undefined} />);
    fireEvent.change(await screen.findByLabelText(/Email/), { target: { value: 'grace@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add subscriber' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The subscriber was not added');

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByRole('status')).textContent).toContain('grace@example.com');
    expect(host.calls.map((c) => c.input)).toEqual([{ storeId: 'demo-store-a', email: 'grace@example.com' }, { storeId: 'demo-store-a', email: 'grace@example.com' }]);
  });
});

describe('Import subscribers, after a failed run', () => {
  it('offers Try again, which runs the same file with the same columns again', async () => {
    host.reads = { 'marketing.lists': { lists: [] }, 'subscribers.importFields': { fields: [] } };
    const report = { extension_id: 'ext_1', counts: { created: 2, updated: 0, unchanged: 0, resubscribed: 0, skipped: 0, invalid: 0 }, rows: [], blank_lines: 0 };
    host.answers.push(lost('import'), () => report);
    const { container } = renderWithProviders(<ImportModal storeId="demo-store-a" opened onClose={() => undefined} />);
    await screen.findByText('CSV file');
    const input = document.body.querySelector('input[type="file"]') ?? container.querySelector('input[type="file"]');
    const csv = 'email,name\nada@example.com,Ada\ngrace@example.com,Grace\n';
    fireEvent.change(input as HTMLInputElement, { target: { files: [new File([csv], 'people.csv', { type: 'text/csv' })] } });
    fireEvent.click(await screen.findByLabelText('I have permission to email these people'));
    fireEvent.click(screen.getByRole('button', { name: /^Import/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('The import did not run');

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(host.calls).toHaveLength(2));
    const [first, again] = host.calls.map((c) => c.input);
    expect(first).toMatchObject({ storeId: 'demo-store-a', csv, permission: true });
    expect(again).toEqual(first);
  });
});
