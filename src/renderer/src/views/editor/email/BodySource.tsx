import { lazy, Suspense, useState } from 'react';
import { Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import type { EmailDocument } from '../../../../../shared/email/document';

// Starter layouts and the editor load only when the person chooses to write the email.
const StarterPicker = lazy(() => import('./StarterPicker'));

/**
 * Where the body comes from: an email written here, from one of the console's starter layouts
 * (no network, no SendGrid needed), or a SendGrid template (the picker, as before).
 */
export function BodySource({ document, onDocument, storeId, templatePicker }: { document: EmailDocument | null; onDocument: (doc: EmailDocument | null) => void; storeId: string; templatePicker: React.ReactNode }) {
  const [source, setSource] = useState<'write' | 'template'>(document ? 'write' : 'template');
  return (
    <Stack gap="sm">
      <SegmentedControl value={source} onChange={(s) => { setSource(s as 'write' | 'template'); if (s === 'template') onDocument(null); }} data={[{ value: 'write', label: 'Write the email' }, { value: 'template', label: 'SendGrid template' }]} aria-label="Email content" />
      {source === 'template' && templatePicker}
      {source === 'write' && !document && <Suspense fallback={<Loader size="sm" />}><StarterPicker storeId={storeId} onDocument={onDocument} /></Suspense>}
      {source === 'write' && document && <Text size="sm" c="dimmed">The email is written below; its preview shows it as a subscriber of the list gets it.</Text>}
    </Stack>
  );
}
