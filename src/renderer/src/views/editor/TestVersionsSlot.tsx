import { Button, Card, Group, Text } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { TestVersionsPanel } from './ab/TestVersionsPanel';

/**
 * Test versions under the editor: the panel once the campaign is in Odoo; before that, for a draft
 * kept on this computer, the offer to save it there first (versions are Odoo's A/B test: mailings
 * Odoo draws shares for).
 */
export function TestVersionsSlot({ storeId, campaignId, localOnly, canSave, saving, onSaveToOdoo }: { storeId: string; campaignId: string | null; localOnly: boolean; canSave: boolean; saving: boolean; onSaveToOdoo: () => void }) {
  if (campaignId) return <TestVersionsPanel storeId={storeId} campaignId={campaignId} />;
  if (!localOnly) return null;
  return (
    <Card withBorder aria-label="Test versions">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm">Send 2 or 3 versions to part of the list first, and the best one to everyone else. Versions are made in Odoo, so this campaign is saved there first.</Text>
        <Button variant="default" leftSection={<IconFlask size={16} />} loading={saving} disabled={!canSave} onClick={onSaveToOdoo}>Save to Odoo and test versions</Button>
      </Group>
    </Card>
  );
}
