import { useState } from 'react';
import { Autocomplete, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTag, IconTagOff, IconUserMinus, IconX } from '@tabler/icons-react';
import { useOp, useOpMutation } from '../../api/hooks';
import { ErrorState, formatNumber } from '../../components';

type Action = 'tag' | 'untag' | 'unsubscribe';
const verbs: Record<Action, { title: string; button: string; done: string }> = {
  tag: { title: 'Add a tag', button: 'Add tag', done: 'tagged' },
  untag: { title: 'Remove a tag', button: 'Remove tag', done: 'untagged' },
  unsubscribe: { title: 'Unsubscribe from this list', button: 'Unsubscribe', done: 'unsubscribed' },
};

/** What to do with the selected subscribers, always through a confirmation that says how many. */
export function BulkActions({ storeId, selected, onClear }: { storeId: string; selected: number[]; onClear: () => void }) {
  const [action, setAction] = useState<Action | null>(null);
  const [tag, setTag] = useState('');
  const tags = useOp('marketing.subscribers.tags', { storeId }, { enabled: action === 'tag' || action === 'untag' });
  const bulk = useOpMutation('marketing.subscribers.bulk', {
    onSuccess: (result) => {
      notifications.show({ color: 'teal', title: `${formatNumber(result.changed)} subscribers ${action ? verbs[action].done : 'changed'}`, message: action === 'unsubscribe' ? 'They will not receive campaigns sent to this list.' : `Tag “${tag.trim()}”.` });
      setAction(null);
      setTag('');
      onClear();
    },
  });
  const n = selected.length;
  const people = `${formatNumber(n)} ${n === 1 ? 'subscriber' : 'subscribers'}`;
  const open = (a: Action) => {
    bulk.reset();
    setTag('');
    setAction(a);
  };
  if (n === 0) return null;
  return (
    <>
      <Paper withBorder p="xs" px="md" bg="var(--mantine-primary-color-light)" role="toolbar" aria-label="Bulk actions">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm" fw={600}>{people} selected</Text>
          <Group gap="xs">
            <Button size="xs" variant="default" leftSection={<IconTag size={14} />} onClick={() => open('tag')}>Tag</Button>
            <Button size="xs" variant="default" leftSection={<IconTagOff size={14} />} onClick={() => open('untag')}>Untag</Button>
            <Button size="xs" variant="default" color="red" leftSection={<IconUserMinus size={14} />} onClick={() => open('unsubscribe')}>Unsubscribe from this list</Button>
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>Clear</Button>
          </Group>
        </Group>
      </Paper>
      <Modal opened={action !== null} onClose={() => setAction(null)} title={action ? verbs[action].title : ''} centered>
        {action && (
          <form noValidate onSubmit={(e) => { e.preventDefault(); if (action === 'unsubscribe' || tag.trim()) bulk.mutate({ storeId, ids: selected, action, ...(action !== 'unsubscribe' ? { tag: tag.trim() } : {}) }); }}>
            <Stack>
              {action === 'unsubscribe' ? (
                <Text size="sm">{people} will be opted out of the store’s list and get no more campaigns from it. They stay in Odoo, and can sign up again.</Text>
              ) : (
                <>
                  <Text size="sm">{action === 'tag' ? 'Add' : 'Remove'} a tag {action === 'tag' ? 'to' : 'from'} {people}.</Text>
                  <Autocomplete label="Tag" data={(tags.data?.tags ?? []).map((t) => t.name)} value={tag} onChange={setTag} data-autofocus required />
                </>
              )}
              {bulk.error && <ErrorState error={bulk.error} title="Nothing was changed" />}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setAction(null)}>Cancel</Button>
                <Button type="submit" color={action === 'unsubscribe' ? 'red' : undefined} loading={bulk.isPending} disabled={action !== 'unsubscribe' && tag.trim() === ''}>
                  {verbs[action].button} · {people}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
