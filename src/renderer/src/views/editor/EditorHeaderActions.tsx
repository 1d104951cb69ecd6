import type { ReactNode } from 'react';
import { Button, Group } from '@mantine/core';
import { IconChecklist, IconCloudUp } from '@tabler/icons-react';
import { DeleteDraftButton } from './DeleteDraftButton';
import { FavoriteButton } from './FavoriteButton';
import { TestSendButton } from './TestSendButton';

export interface EditorHeaderActionsProps {
  storeId: string;
  /** Where the draft's saving stands (on this computer or in Odoo). */
  status: ReactNode;
  review: () => void;
  /** Brings the campaign to Odoo as it is in the form; answers its campaign id. */
  prepare: () => Promise<string>;
  scheduled: boolean;
  saving: boolean;
  /** Offered while the draft is on this computer only. */
  onSaveToOdoo: (() => void) | undefined;
  localDraftId: string | undefined;
  /** The draft's mailing in Odoo, which Delete removes too. */
  odooDraftId: string | undefined;
  /** The campaign's mailing in Odoo, once there is one: it can then be saved as a favourite. */
  odooCampaignId: string | null;
}

/** The editor's header buttons: save state, save to Odoo, delete, favourite, test send, review. */
export function EditorHeaderActions({ storeId, status, review, prepare, scheduled, saving, onSaveToOdoo, localDraftId, odooDraftId, odooCampaignId }: EditorHeaderActionsProps) {
  return (
    <Group gap="sm">
      {status}
      {onSaveToOdoo && (
        <Button variant="default" leftSection={<IconCloudUp size={16} />} loading={saving} onClick={onSaveToOdoo}>Save to Odoo</Button>
      )}
      <DeleteDraftButton storeId={storeId} localDraftId={localDraftId} odooCampaignId={odooDraftId} />
      {odooCampaignId && <FavoriteButton storeId={storeId} campaignId={odooCampaignId} />}
      <TestSendButton storeId={storeId} prepare={prepare} />
      <Button leftSection={<IconChecklist size={16} />} onClick={review}>Review and {scheduled ? 'schedule' : 'send'}…</Button>
    </Group>
  );
}
