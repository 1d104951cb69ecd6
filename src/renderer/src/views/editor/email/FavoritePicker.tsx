import { useState } from 'react';
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconStar } from '@tabler/icons-react';
import type { EmailDocument } from '../../../../../shared/email/document';
import { useOp } from '../../../api/hooks';
import { EmptyState, ErrorState, LoadingState } from '../../../components';

/** A favourite written in Odoo, used as Odoo holds it (`id` is unknown for a local draft reopened). */
export interface FavoriteBody {
  id: number | null;
  subject: string;
  html: string;
}

/**
 * Odoo's favourite mailings of the store (Odoo's own "favourite" templates): one written here opens
 * in the editor as its document; one written in Odoo's editor is used as it is, shown below.
 */
export function FavoritePicker({ storeId, value, onDocument, onFavorite }: { storeId: string; value: FavoriteBody | null; onDocument: (doc: EmailDocument) => void; onFavorite: (favorite: FavoriteBody) => void }) {
  const favorites = useOp('marketing.favorites.list', { storeId }, { staleTime: 60_000 });
  const [picked, setPicked] = useState<string | null>(null);
  if (favorites.isPending) return <LoadingState />;
  if (favorites.error) return <ErrorState error={favorites.error} title="Could not load Odoo’s favourites" onRetry={() => void favorites.refetch()} />;
  const list = favorites.data.favorites;
  if (list.length === 0)
    return <EmptyState icon={<IconStar size={28} />} title="No favourites yet" description="Star a mailing in Odoo, or use “Save as favourite” on a campaign here, and it is offered as a starting point." />;
  const chosen = list.find((f) => String(f.odoo_id) === picked) ?? null;
  const use = () => {
    if (!chosen) return;
    if (chosen.document) onDocument(chosen.document);
    else onFavorite({ id: chosen.odoo_id, subject: chosen.subject, html: chosen.html });
  };
  return (
    <Stack gap="sm">
      <Group align="flex-end">
        <Select label="Odoo favourite" placeholder="Pick a favourite" data={list.map((f) => ({ value: String(f.odoo_id), label: `${f.subject || 'Untitled'}${f.kind === 'html' ? ' (written in Odoo)' : ''}` }))} value={picked} onChange={setPicked} />
        <Button onClick={use} disabled={!chosen}>Use this favourite</Button>
      </Group>
      {value && (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">The email is {value.subject ? `“${value.subject}”, ` : ''}written in Odoo: it is sent as it is. Edit it in Odoo, or write one here instead.</Text>
          <iframe title="The favourite’s email" sandbox="" srcDoc={value.html} style={{ width: '100%', height: 420, border: '1px solid var(--mantine-color-default-border)', background: 'white' }} />
        </Stack>
      )}
    </Stack>
  );
}
