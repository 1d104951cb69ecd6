// @vitest-environment happy-dom
import { useEffect, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { parseEmailDocument, starterLayout, type EmailDocument } from '../../src/shared/email';
import { renderWithProviders } from './render';
import type { FavoriteBody } from '../../src/renderer/src/views/editor/email/FavoritePicker';
import type { BodySourceKind } from '../../src/renderer/src/views/editor/email/BodySource';
import { emptyValues, toDraftInput, valuesFromDraft } from '../../src/renderer/src/views/editor/values';

const letter = parseEmailDocument(starterLayout('letter', { store_name: 'Store A', postal_address: '1 Market Street' }));
const odooHtml = '<p>Autumn letter, written in Odoo.</p>';

// The fake sits where the transports plug in: the store's favourites as the host answers them.
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name !== 'marketing.favorites.list') throw new Error(`unexpected op ${name}`);
      return {
        favorites: [
          { odoo_id: 41, subject: 'Spring letter', kind: 'document', document: letter, html: '<div>…</div>' },
          { odoo_id: 42, subject: 'Autumn letter', kind: 'html', document: null, html: odooHtml },
        ],
      };
    },
  },
}));

const { BodySource, sourceOf } = await import('../../src/renderer/src/views/editor/email/BodySource');

type Shown = { source: BodySourceKind; document: EmailDocument | null; favorite: FavoriteBody | null };
const seen: { state: Shown | null } = { state: null };
function Harness({ start }: { start: { document: EmailDocument | null; favorite: FavoriteBody | null } }) {
  const [source, setSource] = useState<BodySourceKind>(sourceOf({ ...start, templateId: '' }));
  const [document, setDocument] = useState(start.document);
  const [favorite, setFavorite] = useState(start.favorite);
  useEffect(() => {
    seen.state = { source, document, favorite };
  });
  return <BodySource storeId="demo-store-a" source={source} onSource={setSource} document={document} onDocument={setDocument} favorite={favorite} onFavorite={setFavorite} templatePicker={<p>SendGrid templates</p>} />;
}

afterEach(() => {
  cleanup();
  seen.state = null;
});

async function pickFavorite(label: string) {
  fireEvent.click(screen.getByRole('radio', { name: 'Start from an Odoo favourite' }));
  fireEvent.click((await screen.findAllByLabelText('Odoo favourite'))[0]!);
  fireEvent.click(await screen.findByRole('option', { name: label }));
  fireEvent.click(screen.getByRole('button', { name: 'Use this favourite' }));
}

describe('where the email comes from', () => {
  it('says what each choice does, and opens on writing when the campaign holds a written email', () => {
    renderWithProviders(<Harness start={{ document: letter, favorite: null }} />);
    expect(screen.getAllByRole('radio')).toHaveLength(3);
    for (const label of ['Write it here', 'Start from an Odoo favourite', 'Use a SendGrid template']) expect(screen.getByRole('radio', { name: label })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Write it here' })).toHaveProperty('checked', true);
  });

  it('opens a favourite written here in the editor, and the switch then says the email is written here', async () => {
    renderWithProviders(<Harness start={{ document: null, favorite: null }} />);
    await pickFavorite('Spring letter');
    await waitFor(() => expect(seen.state?.source).toBe('write'));
    expect(seen.state?.document).toStrictEqual(letter);
    expect(screen.getByRole('radio', { name: 'Write it here' })).toHaveProperty('checked', true);
  });

  it('uses a favourite written in Odoo as it is, and shows it', async () => {
    renderWithProviders(<Harness start={{ document: null, favorite: null }} />);
    await pickFavorite('Autumn letter (written in Odoo)');
    await waitFor(() => expect(seen.state?.favorite).toEqual({ id: 42, subject: 'Autumn letter', html: odooHtml }));
    expect(screen.getByTitle('The favourite’s email').getAttribute('srcdoc')).toBe(odooHtml);
    expect(seen.state?.source).toBe('favorite');
  });
});

describe('a local draft started from a favourite written in Odoo', () => {
  it('keeps the favourite’s HTML as the body, without a template, and reopens with it', () => {
    const v = { ...emptyValues(3), subject: 'October letter', favorite: { id: 42, subject: 'Autumn letter', html: odooHtml } };
    const input = toDraftInput('demo-store-a', v, undefined);
    expect(input).toMatchObject({ templateId: null, body: odooHtml });
    expect(valuesFromDraft({ subject: input.subject, previewText: '', templateId: input.templateId ?? null, listId: 3, segment: 'all', schedule: null, body: input.body }, 3).favorite).toEqual({ id: null, subject: '', html: odooHtml });
  });
});
