// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from './render';

vi.mock('../../src/renderer/src/api', () => ({ api: { call: async (name: string) => { throw new Error(`unexpected op ${name}`); } } }));

const { DeleteDraftButton } = await import('../../src/renderer/src/views/editor/DeleteDraftButton');

afterEach(cleanup);

describe('a confirmation before a destructive action', () => {
  it('puts the focus on the way out ("Keep it"), not on Delete, so Enter never deletes by accident', async () => {
    renderWithProviders(<DeleteDraftButton storeId="demo-store-a" odooCampaignId="camp_0123456789" />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete draft' }));
    const keep = await screen.findByRole('button', { name: 'Keep it' });
    await waitFor(() => expect(document.activeElement).toBe(keep));
  });
});
