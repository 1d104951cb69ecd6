import { Alert, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import { useOpMutation, type OpOutput } from '../../api/hooks';
import { ErrorState, formatDateTime } from '../../components';

type Detail = OpOutput<'drafts.get'>;

function Version({ title, when, subject, preview, state }: { title: string; when: string; subject: string; preview: string; state?: string }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Text fw={600} size="sm">{title}</Text>
      <Text size="xs" c="dimmed" mb="sm">{when}{state ? ` · Odoo state: ${state}` : ''}</Text>
      <Text size="xs" c="dimmed">Subject</Text>
      <Text size="sm" fw={500} mb="xs" style={{ wordBreak: 'break-word' }}>{subject || '—'}</Text>
      <Text size="xs" c="dimmed">Preview text</Text>
      <Text size="sm" style={{ wordBreak: 'break-word' }}>{preview || '—'}</Text>
    </Card>
  );
}

/** Both versions side by side; nothing is overwritten until the user picks one. */
export function ConflictPanel({ detail, onResolved }: { detail: Detail; onResolved: (choice: 'keep-local' | 'take-odoo') => void }) {
  const resolve = useOpMutation('drafts.resolveConflict', { invalidates: ['drafts.get', 'drafts.list', 'outbox.list'] });
  const remote = detail.remote;
  if (!remote) return null;
  const pick = (choice: 'keep-local' | 'take-odoo') => resolve.mutate({ id: detail.draft.id, choice }, { onSuccess: () => onResolved(choice) });
  return (
    <Alert color="red" variant="light" icon={<IconGitCompare size={18} />} title="This campaign was changed in Odoo while you edited it" role="alert">
      <Stack gap="sm">
        <Text size="sm">Pick the version to keep. The other one is discarded.</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Version title="Yours (this computer)" when={`Saved ${formatDateTime(detail.draft.updatedAt)}`} subject={detail.draft.subject} preview={detail.draft.previewText} />
          <Version title="Odoo's" when={`Changed ${formatDateTime(`${remote.writeDate.replace(' ', 'T')}Z`)}`} subject={remote.subject} preview={remote.previewText} state={remote.state} />
        </SimpleGrid>
        {resolve.error && <ErrorState error={resolve.error} title="The conflict is not resolved" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => pick('take-odoo')} loading={resolve.isPending && resolve.variables?.choice === 'take-odoo'}>Take Odoo’s</Button>
          <Button onClick={() => pick('keep-local')} loading={resolve.isPending && resolve.variables?.choice === 'keep-local'}>Keep mine</Button>
        </Group>
      </Stack>
    </Alert>
  );
}
