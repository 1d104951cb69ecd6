import { lazy, Suspense } from 'react';
import { Group, Loader, Radio, Stack, Text } from '@mantine/core';
import type { EmailDocument } from '../../../../../shared/email/document';
import { FavoritePicker, type FavoriteBody } from './FavoritePicker';

// Starter layouts and the editor load only when the person chooses to write the email.
const StarterPicker = lazy(() => import('./StarterPicker'));

export type BodySourceKind = 'write' | 'favorite' | 'template';

/** Where the form's email comes from, as it opens: what it holds decides. */
export function sourceOf(v: { document: EmailDocument | null; favorite: FavoriteBody | null; templateId: string }): BodySourceKind {
  if (v.document) return 'write';
  if (v.favorite) return 'favorite';
  return 'template';
}

/** Each choice says what it does with the email (issue 11: the switch used to keep saying "SendGrid template"). */
export const SOURCE_LABELS: Record<BodySourceKind, string> = {
  write: 'Write it here',
  favorite: 'Start from an Odoo favourite',
  template: 'Use a SendGrid template',
};

/**
 * Where the body comes from, in one place: an email written here (from a starter layout, no
 * network, no SendGrid), one of Odoo's favourite mailings, or a SendGrid template.
 */
export function BodySource({ source, onSource, document, onDocument, favorite, onFavorite, storeId, templatePicker }: {
  source: BodySourceKind;
  onSource: (s: BodySourceKind) => void;
  document: EmailDocument | null;
  onDocument: (doc: EmailDocument | null) => void;
  favorite: FavoriteBody | null;
  onFavorite: (f: FavoriteBody | null) => void;
  storeId: string;
  templatePicker: React.ReactNode;
}) {
  const choose = (s: BodySourceKind) => {
    onSource(s);
    if (s !== 'write') onDocument(null);
    if (s !== 'favorite') onFavorite(null);
  };
  // A favourite written here opens in the editor: the switch then says the email is written here.
  const startFrom = (doc: EmailDocument) => {
    onFavorite(null);
    onDocument(doc);
    onSource('write');
  };
  return (
    <Stack gap="sm">
      <Radio.Group value={source} onChange={(s) => choose(s as BodySourceKind)} aria-label="Where the email comes from">
        <Group gap="lg">
          {(Object.keys(SOURCE_LABELS) as BodySourceKind[]).map((value) => <Radio key={value} value={value} label={SOURCE_LABELS[value]} />)}
        </Group>
      </Radio.Group>
      {source === 'template' && templatePicker}
      {source === 'favorite' && <FavoritePicker storeId={storeId} value={favorite} onDocument={startFrom} onFavorite={onFavorite} />}
      {source === 'write' && !document && <Suspense fallback={<Loader size="sm" />}><StarterPicker storeId={storeId} onDocument={onDocument} /></Suspense>}
      {source === 'write' && document && <Text size="sm" c="dimmed">The email is written below; its preview shows it as a subscriber of the list gets it.</Text>}
    </Stack>
  );
}
