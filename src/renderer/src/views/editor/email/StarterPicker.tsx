import { useState } from 'react';
import { Button, Group, Select } from '@mantine/core';
import type { EmailDocument } from '../../../../../shared/email/document';
import { STARTER_LABELS, STARTER_LAYOUTS, starterLayout, type StarterLayout } from '../../../../../shared/email/layouts';
import { parseEmailDocument } from '../../../../../shared/email/validate';
import { useOp } from '../../../api/hooks';

/** The console's starter layouts (no network, no SendGrid): the first email to edit. Lazily loaded. */
export default function StarterPicker({ storeId, onDocument }: { storeId: string; onDocument: (doc: EmailDocument) => void }) {
  const [layout, setLayout] = useState<StarterLayout>('newsletter');
  const stores = useOp('stores.list', {}, { staleTime: 5 * 60_000 });
  const storeName = stores.data?.stores.find((s) => s.id === storeId)?.name || 'Your store';
  const start = () => onDocument(parseEmailDocument(starterLayout(layout, { store_name: storeName, postal_address: 'Your postal address' })));
  return (
    <Group align="flex-end">
      <Select label="Start from" data={STARTER_LAYOUTS.map((l) => ({ value: l, label: STARTER_LABELS[l] }))} value={layout} onChange={(l) => l && setLayout(l as StarterLayout)} allowDeselect={false} />
      <Button onClick={start}>Start writing</Button>
    </Group>
  );
}
