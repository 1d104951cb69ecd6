import { useState } from 'react';
import { Alert, Autocomplete, Button, Group, List, Modal, Paper, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconListCheck, IconTag, IconTagOff, IconTrash, IconUserMinus, IconX } from '@tabler/icons-react';
import { useOp } from '../../api/hooks';
import { ErrorState, formatNumber } from '../../components';
import { useBulkRun, type BulkAction, type BulkResult, type BulkTarget } from './bulk-run';

const people = (n: number) => `${formatNumber(n)} ${n === 1 ? 'subscriber' : 'subscribers'}`;
/** Unsubscribing and deleting cannot be undone from here: the number is typed, not clicked. */
const destructive = (a: BulkAction) => a === 'unsubscribe' || a === 'delete';

const verbs: Record<BulkAction, { title: string; button: string; done: string; unchanged: string }> = {
  tag: { title: 'Add a tag', button: 'Add tag', done: 'tagged', unchanged: 'already had the tag' },
  untag: { title: 'Remove a tag', button: 'Remove tag', done: 'untagged', unchanged: 'did not have the tag' },
  add_to_list: { title: 'Add to a list', button: 'Add to list', done: 'added to the list', unchanged: 'were already on the list' },
  unsubscribe: { title: 'Unsubscribe', button: 'Unsubscribe', done: 'unsubscribed', unchanged: 'were already unsubscribed' },
  delete: { title: 'Delete subscribers', button: 'Delete', done: 'deleted', unchanged: 'were unchanged' },
};

function what(action: BulkAction, n: string, listFiltered: boolean): string {
  switch (action) {
    case 'unsubscribe':
      return `${n} will be opted out of ${listFiltered ? 'this list' : 'the store’s lists'} and get no more campaigns from ${listFiltered ? 'it' : 'them'}. They stay in Odoo, and can sign up again.`;
    case 'delete':
      return `${n} will be deleted from Odoo with their list subscriptions. This cannot be undone. Anyone who is also on another store’s lists is kept.`;
    case 'add_to_list':
      return `${n} will be added to the list you choose. Anyone who unsubscribed from it before stays unsubscribed.`;
    default:
      return `${action === 'tag' ? 'Add a tag to' : 'Remove a tag from'} ${n}.`;
  }
}

/** The final count: what changed, what already was so, what was left alone and why, and where a stop or error ended it. */
export function BulkReport({ result }: { result: BulkResult }) {
  const v = verbs[result.action];
  return (
    <Stack gap="xs" data-testid="bulk-report">
      {result.stopped && <Alert color="yellow" title="Stopped">Stopped after {people(result.done)} of {formatNumber(result.matched)}. The rest were not changed.</Alert>}
      {result.failed && <Alert color="red" title={`Ended after ${people(result.done)} of ${formatNumber(result.matched)}`}>{result.failed} What was done before stays done; run it again to finish.</Alert>}
      <List size="sm" spacing={4}>
        <List.Item><b>{people(result.changed)}</b> {v.done}</List.Item>
        {result.unchanged > 0 && <List.Item>{people(result.unchanged)} {v.unchanged}</List.Item>}
        {result.skipped > 0 && <List.Item>{people(result.skipped)} left alone: they {result.skipped_reason ?? 'could not be changed'}</List.Item>}
      </List>
    </Stack>
  );
}

/**
 * What to do with the selected subscribers — picked rows, or everyone the filter matches on every
 * page — always through a confirmation that says how many, with progress, a Stop and a final count.
 */
export function BulkActions({ storeId, target, onClear }: { storeId: string; target: BulkTarget; onClear: () => void }) {
  const [action, setAction] = useState<BulkAction | null>(null);
  const [tag, setTag] = useState('');
  const [listId, setListId] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const bulk = useBulkRun(storeId);
  const tags = useOp('marketing.subscribers.tags', { storeId }, { enabled: action === 'tag' || action === 'untag' });
  const lists = useOp('marketing.lists', { storeId });
  const n = target.kind === 'ids' ? target.ids.length : target.count;
  const listFiltered = target.kind === 'filter' && target.filter.list_id !== undefined;
  const open = (a: BulkAction) => { bulk.reset(); setTag(''); setListId(null); setTyped(''); setAction(a); };
  const close = () => { if (bulk.state.phase === 'finished') onClear(); bulk.reset(); setAction(null); };
  const countOk = !action || !destructive(action) || typed.replace(/[\s,.']/g, '') === String(n);
  const ready = action !== null && countOk && (action === 'tag' || action === 'untag' ? tag.trim() !== '' : action === 'add_to_list' ? listId !== null : true);
  const running = bulk.state.phase === 'running';
  const canAddToList = (lists.data?.lists.length ?? 0) > 1;

  return (
    <>
      <Paper withBorder p="xs" px="md" bg="var(--mantine-primary-color-light)" role="toolbar" aria-label="Bulk actions">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm" fw={600}>{target.kind === 'filter' ? `All ${people(n)} matching selected` : `${people(n)} selected`}</Text>
          <Group gap="xs">
            <Button size="xs" variant="default" leftSection={<IconTag size={14} />} onClick={() => open('tag')}>Tag</Button>
            <Button size="xs" variant="default" leftSection={<IconTagOff size={14} />} onClick={() => open('untag')}>Untag</Button>
            {canAddToList && <Button size="xs" variant="default" leftSection={<IconListCheck size={14} />} onClick={() => open('add_to_list')}>Add to list</Button>}
            <Button size="xs" variant="default" color="red" leftSection={<IconUserMinus size={14} />} onClick={() => open('unsubscribe')}>Unsubscribe</Button>
            <Button size="xs" variant="default" color="red" leftSection={<IconTrash size={14} />} onClick={() => open('delete')}>Delete</Button>
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>Clear selection</Button>
          </Group>
        </Group>
      </Paper>
      <Modal opened={action !== null} onClose={close} title={action ? verbs[action].title : ''} centered
        withCloseButton={!running} closeOnEscape={!running} closeOnClickOutside={!running} closeButtonProps={{ 'aria-label': 'Close' }}>
        {action && bulk.state.phase === 'idle' && (
          <form noValidate onSubmit={(e) => {
            e.preventDefault();
            if (ready) void bulk.start(target, action, action === 'tag' || action === 'untag' ? { tag: tag.trim() } : action === 'add_to_list' ? { target_list_id: Number(listId) } : {});
          }}>
            <Stack>
              <Text size="sm">{what(action, people(n), listFiltered)}</Text>
              {(action === 'tag' || action === 'untag') && <Autocomplete label="Tag" data={(tags.data?.tags ?? []).map((t) => t.name)} value={tag} onChange={setTag} data-autofocus required />}
              {action === 'add_to_list' && <Select label="List" data={(lists.data?.lists ?? []).map((l) => ({ value: String(l.id), label: l.name }))} value={listId} onChange={setListId} data-autofocus required />}
              {destructive(action) && (
                <TextInput label={`Type ${n} to confirm`} description={`The number of subscribers this will ${action === 'delete' ? 'delete' : 'unsubscribe'}.`} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} inputMode="numeric" autoComplete="off" data-autofocus />
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>Cancel</Button>
                <Button type="submit" color={destructive(action) ? 'red' : undefined} disabled={!ready}>{verbs[action].button} · {people(n)}</Button>
              </Group>
            </Stack>
          </form>
        )}
        {bulk.state.phase === 'running' && (
          <Stack gap="sm" aria-live="polite">
            <Progress value={bulk.state.total === 0 ? 100 : (bulk.state.done / bulk.state.total) * 100} size="lg" animated aria-label="Bulk action progress" />
            <Text size="sm" data-testid="bulk-progress">{formatNumber(bulk.state.done)} of {formatNumber(bulk.state.total)} done · {formatNumber(bulk.state.changed)} {verbs[action ?? 'tag'].done}</Text>
            <Text size="xs" c="dimmed">Stopping finishes the batch under way; what was done stays done.</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={bulk.stop} loading={bulk.state.stopping}>Stop</Button>
            </Group>
          </Stack>
        )}
        {bulk.state.phase === 'finished' && (
          <Stack>
            <BulkReport result={bulk.state.result} />
            <Group justify="flex-end"><Button onClick={close} data-autofocus>Done</Button></Group>
          </Stack>
        )}
        {bulk.state.phase === 'failed' && (
          <Stack>
            <ErrorState error={bulk.state.error} title={bulk.state.error.code === 'offline' ? 'The answer was lost: some subscribers may have changed' : 'Nothing was changed'} />
            <Group justify="flex-end"><Button variant="default" onClick={() => bulk.reset()}>Back</Button></Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
