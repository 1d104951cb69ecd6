import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconTrash } from '@tabler/icons-react';
import { AppError } from '../../../../shared/errors';
import { api } from '../../api';
import { ErrorState } from '../../components';
import { navigate } from '../../router';

export interface DeleteDraftButtonProps {
  storeId: string;
  /** The draft on this computer, if there is one. */
  localDraftId?: string | undefined;
  /** The campaign whose Odoo mailing exists, if it reached Odoo. */
  odooCampaignId?: string | undefined;
}

/**
 * "Delete draft" removes every copy: the Odoo mailing (marketing.campaigns.delete, drafts only) and
 * the draft on this computer. When Odoo holds it, the confirmation says so first (issue 10, item 4).
 */
export function DeleteDraftButton({ storeId, localDraftId, odooCampaignId }: DeleteDraftButtonProps) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!localDraftId && !odooCampaignId) return null;

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      // Already gone from Odoo (deleted there meanwhile): only the local copy is left to remove.
      if (odooCampaignId) await api.call('marketing.campaigns.delete', { storeId, campaignId: odooCampaignId }).catch((e: unknown) => {
        if (!(e instanceof AppError && e.code === 'not_found')) throw e;
      });
      if (localDraftId) await api.call('drafts.delete', { id: localDraftId });
      await queryClient.invalidateQueries({ predicate: (q) => ['drafts.list', 'outbox.list', 'marketing.campaigns.list', 'marketing.overview'].includes(String(q.queryKey[0])) });
      navigate({ name: 'campaigns' });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => (odooCampaignId ? setAsking(true) : void remove())} loading={busy && !asking}>Delete draft</Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title="Delete this draft?" centered>
        <Stack>
          <Text size="sm">This draft is also saved in Odoo. Deleting it removes the draft mailing from Odoo too, for everyone. This cannot be undone.</Text>
          {error !== null && <ErrorState error={error} title="The draft was not deleted" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(false)} data-autofocus>Keep it</Button>
            <Button color="red" loading={busy} onClick={() => void remove()}>Delete from Odoo and here</Button>
          </Group>
        </Stack>
      </Modal>
      {!asking && error !== null && <ErrorState error={error} title="The draft was not deleted" />}
    </>
  );
}
