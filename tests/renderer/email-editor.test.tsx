// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { parseEmailDocument, starterLayout, type EmailDocument } from '../../src/shared/email';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: one subscriber on the list, as the host would answer.
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name !== 'marketing.subscribers.list') throw new Error(`unexpected op ${name}`);
      return { subscribers: [{ id: 7, email: 'ada@example.org', name: 'Ada Lovelace', subscribed_date: null, tags: [], campaigns_received: 0, last_opened: null, status: 'active' }], total: 1, page: 1, pages: 1 };
    },
  },
}));

const { default: EmailEditor } = await import('../../src/renderer/src/views/editor/email/EmailEditor');

let latest: EmailDocument | null = null;
function Harness() {
  const [doc, setDoc] = useState(parseEmailDocument(starterLayout('newsletter', { store_name: 'Store A', postal_address: '1 Market Street' })));
  return <EmailEditor value={doc} onChange={(d) => { latest = d; setDoc(d); }} storeId="demo-store-a" listId={3} />;
}

afterEach(() => {
  cleanup();
  latest = null;
});

describe('the email editor', () => {
  it('previews the email as a real subscriber of the list will get it, and as plain text', async () => {
    renderWithProviders(<Harness />);
    const frame = await screen.findByTitle('Email preview');
    await waitFor(() => expect(frame.getAttribute('srcdoc')).toContain('Hello Ada Lovelace,'), { timeout: 10_000 });
    fireEvent.click(screen.getByRole('radio', { name: 'Mobile' }));
    expect(screen.getByTitle('Email preview').getAttribute('data-width')).toBe('mobile');
    fireEvent.click(screen.getByRole('radio', { name: 'Plain text' }));
    expect(screen.getByLabelText('Plain-text version').textContent).toContain('Hello Ada Lovelace,');
  });

  it('edits a heading into the document, and names the block that is not ready', async () => {
    renderWithProviders(<Harness />);
    fireEvent.change(screen.getAllByLabelText('Heading')[0]!, { target: { value: 'Spring news for {name|you}' } });
    expect(latest?.blocks[0]).toMatchObject({ type: 'heading', content: [{ type: 'text', text: 'Spring news for ' }, { type: 'mergeField', attrs: { field: 'name', fallback: 'you' } }] });
    fireEvent.click(screen.getByRole('button', { name: 'Add a block' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Image' }));
    expect(await screen.findByText(/Block 6 \(image\): must be an https:\/\/ address/)).toBeTruthy();
  });
});
