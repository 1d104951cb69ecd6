import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Modal, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { ownTags } from '../../../../shared/tags';
import { useOpMutation, type OpOutput } from '../../api/hooks';
import { ErrorState, formatDate } from '../../components';

type Detail = OpOutput<'marketing.subscribers.get'>;

/** Name and address, saved together; Odoo refuses nothing here, the console refuses a second contact with the same address in the store. */
function Identity({ storeId, d }: { storeId: string; d: Detail }) {
  const update = useOpMutation('marketing.subscribers.update');
  const [name, setName] = useState(d.name);
  const [email, setEmail] = useState(d.email);
  const dirty = name.trim() !== d.name || email.trim() !== d.email;
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} />
        <TextInput label="Email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} maxLength={254} required />
      </Group>
      {update.error && <ErrorState error={update.error} title="Not saved" />}
      <Group justify="flex-end">
        <Button size="xs" disabled={!dirty} loading={update.isPending} onClick={() => update.mutate({ storeId, id: d.id, ...(name.trim() !== d.name ? { name: name.trim() } : {}), ...(email.trim() !== d.email ? { email: email.trim() } : {}) })}>
          Save name and email
        </Button>
      </Group>
    </Stack>
  );
}

function DeleteSubscriber({ storeId, d, onDeleted }: { storeId: string; d: Detail; onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [forget, setForget] = useState(false);
  const remove = useOpMutation('marketing.subscribers.delete', { onSuccess: () => { setOpen(false); onDeleted(); } });
  return (
    <>
      <Button variant="light" color="red" size="xs" leftSection={<IconTrash size={14} />} onClick={() => setOpen(true)}>Delete subscriber…</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Delete this subscriber?">
        <Stack>
          <Text size="sm">The contact is deleted from Odoo and cannot be brought back. Campaign figures stay as they are.</Text>
          <Checkbox checked={forget} onChange={(e) => setForget(e.currentTarget.checked)} label="Also forget them" description="Removes their address from the record of every campaign sent to them (a GDPR erasure request). A blacklist entry stays, so they are never mailed again." />
          <TextInput label={`Type ${d.email} to confirm`} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-autofocus />
          {remove.error && <ErrorState error={remove.error} title="Not deleted" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>Keep</Button>
            <Button color="red" disabled={typed.trim().toLowerCase() !== d.email.toLowerCase()} loading={remove.isPending} onClick={() => remove.mutate({ storeId, id: d.id, confirm_email: typed.trim(), forget })}>
              {forget ? 'Delete and forget' : 'Delete'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** What a store owner can change on one subscriber; each change is one call, audited in a HIPAA profile. */
export function SubscriberActions({ storeId, d, onDeleted }: { storeId: string; d: Detail; onDeleted: () => void }) {
  const update = useOpMutation('marketing.subscribers.update');
  const tags = ownTags(d.tags);
  const setTags = (next: string[]) => {
    const add = next.filter((t) => !tags.includes(t));
    const remove = tags.filter((t) => !next.includes(t));
    if (add.length + remove.length > 0) update.mutate({ storeId, id: d.id, tags: { add, remove } });
  };
  return (
    <Stack gap="md">
      <Identity key={`${d.name}|${d.email}`} storeId={storeId} d={d} />
      <TagsInput label="Tags" description="Press Enter after a new tag" value={tags} onChange={setTags} disabled={update.isPending} clearable={false} />
      <div>
        <Text size="xs" c="dimmed" mb={4}>Lists</Text>
        <Stack gap={6}>
          {d.lists.length === 0 ? <Text size="sm" c="dimmed">On no list</Text> : d.lists.map((l) => (
            <Group key={l.id} gap="xs" justify="space-between" wrap="nowrap">
              <div>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm">{l.name}</Text>
                  {l.opted_out ? <Badge color="gray">Opted out {formatDate(l.opted_out_date)}</Badge> : <Badge color="teal">Since {formatDate(l.subscribed_date)}</Badge>}
                </Group>
                {l.opted_out && l.opted_out_reason && <Text size="xs" c="dimmed">Reason given: {l.opted_out_reason}</Text>}
              </div>
              <Button size="compact-xs" variant="default" aria-label={l.opted_out ? `Resubscribe to ${l.name}` : `Unsubscribe from ${l.name}`} loading={update.isPending} onClick={() => update.mutate({ storeId, id: d.id, lists: l.opted_out ? { subscribe: [l.id], unsubscribe: [] } : { subscribe: [], unsubscribe: [l.id] } })}>
                {l.opted_out ? 'Resubscribe' : 'Unsubscribe'}
              </Button>
            </Group>
          ))}
        </Stack>
      </div>
      <Switch
        label="On Odoo’s blacklist"
        description="No mailing of any list reaches a blacklisted address."
        checked={d.blacklisted}
        disabled={update.isPending}
        onChange={(e) => update.mutate({ storeId, id: d.id, blacklisted: e.currentTarget.checked })}
      />
      {update.error && <ErrorState error={update.error} title="Not changed" />}
      <Group justify="flex-end"><DeleteSubscriber storeId={storeId} d={d} onDeleted={onDeleted} /></Group>
    </Stack>
  );
}
