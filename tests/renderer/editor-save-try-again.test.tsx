// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AppError } from '../../src/shared/errors';
import { renderWithProviders } from './render';

/**
 * Issue 13: the editor saves a new campaign on this computer under an id it chose before the first
 * save. When that save's answer is lost, "Try again" repeats the same save under the same id, so the
 * server finds the draft it may already have written instead of making a second one. The fake sits
 * where the transports plug in and records every save.
 */
const host = vi.hoisted(() => ({ saves: [] as Record<string, unknown>[], answers: [] as ((input: Record<string, unknown>) => unknown)[] }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string, input: Record<string, unknown>) => {
      if (name === 'drafts.save') {
        host.saves.push(input);
        const next = host.answers.shift();
        if (!next) throw new Error('an unexpected save');
        return next(input);
      }
      // Everything else the form reads around the draft (templates, favourites, the draft's detail) is not this story.
      throw new AppError('offline', 'Not part of this test.');
    },
  },
}));

const { EditorForm } = await import('../../src/renderer/src/views/editor/EditorForm');
const { emptyValues } = await import('../../src/renderer/src/views/editor/values');

const lostAnswer = () => {
  throw new AppError('internal', 'The draft was sent to be saved, but the answer was lost, so it may or may not have been saved.', { outcome: 'unknown' });
};
const savedAs = (input: Record<string, unknown>) => ({
  id: input.id, storeId: input.storeId, subject: input.subject, previewText: input.previewText ?? '', templateId: input.templateId ?? '', listId: input.listId ?? null,
  segment: input.segment ?? 'all', schedule: input.schedule ?? null, version: 1, campaignId: null, updatedAt: '2026-12-05T10:00:00.000Z',
  sync: { state: 'local' },
});

afterEach(() => {
  cleanup();
  host.saves.length = 0;
  host.answers.length = 0;
});

describe('the editor’s save, after its answer was lost', () => {
  it('offers Try again, which repeats the same save under the same draft id', async () => {
    host.answers.push(lostAnswer, savedAs);
    renderWithProviders(<EditorForm storeId="demo-store-a" title="New campaign" lists={[]} initial={emptyValues(undefined)} mode={{ kind: 'local', draft: null }} onReplaced={() => undefined} />);
    fireEvent.change(screen.getByRole('textbox', { name: /Subject/ }), { target: { value: 'Spring sale' } });

    // The save runs once the typing settles (the editor's debounce).
    const title = await screen.findByText('Your last edits were not saved on this computer', {}, { timeout: 15_000 });
    const alert = title.closest('[role="alert"]');
    expect(alert?.textContent).toContain('may or may not have been saved');
    expect(host.saves).toHaveLength(1);

    fireEvent.click(within(alert as HTMLElement).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(host.saves).toHaveLength(2));
    const [first, again] = host.saves;
    expect(first?.id).toEqual(expect.any(String));
    expect(first?.subject).toBe('Spring sale');
    expect(again).toEqual(first);
    await waitFor(() => expect(screen.queryByText('Your last edits were not saved on this computer')).toBeNull());
  }, 30_000);
});
