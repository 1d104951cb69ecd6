import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useOpMutation } from '../../api/hooks';
import { ErrorState } from '../../components';
import { outcomeLook } from './import/ImportReport';

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Adds one person the way a storefront sign-up does: through the store's newsletter extension, so
 * tags, dedupe and opt-out rules apply. The answer says what Odoo did with them.
 */
export function AddSubscriberModal({ storeId, opened, onClose }: { storeId: string; opened: boolean; onClose: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const add = useOpMutation('subscribers.add', { invalidates: ['marketing.subscribers.list', 'marketing.lists', 'marketing.overview'] });
  const emailError = submitted && !emailShape.test(email.trim()) ? 'Enter an email address like name@example.com' : undefined;

  const close = () => {
    setEmail('');
    setName('');
    setSubmitted(false);
    add.reset();
    onClose();
  };
  const submit = () => {
    setSubmitted(true);
    if (!emailShape.test(email.trim())) return;
    add.mutate({ storeId, email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}) });
  };
  const row = add.data?.row;
  const taken = row && row.outcome !== 'invalid' && row.outcome !== 'skipped';

  return (
    <Modal opened={opened} onClose={close} title="Add a subscriber">
      {row ? (
        <Stack>
          <Alert color={taken ? 'teal' : 'orange'} variant="light" icon={taken ? <IconCheck size={18} /> : <IconInfoCircle size={18} />} title={`${outcomeLook[row.outcome].label}: ${row.email}`} role="status">
            <Text size="sm">
              {row.outcome === 'created' && 'A new contact is on the list.'}
              {row.outcome === 'updated' && 'This person was already in Odoo; they are on the list now with the store’s tags.'}
              {row.outcome === 'unchanged' && 'This person was already on the list; nothing changed.'}
              {row.outcome === 'resubscribed' && 'This person had opted out and is subscribed again.'}
              {(row.outcome === 'skipped' || row.outcome === 'invalid') && (row.reason ?? 'Odoo did not take this address.')}
            </Text>
            {row.contact_id !== undefined && <Text size="xs" c="dimmed" mt={4}>Odoo contact #{row.contact_id}</Text>}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => { add.reset(); setEmail(''); setName(''); setSubmitted(false); }}>Add another</Button>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label="New subscriber">
          <Stack>
            <TextInput label="Email" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={emailError} required data-autofocus autoComplete="off" />
            <TextInput label="Name" placeholder="Optional" value={name} onChange={(e) => setName(e.currentTarget.value)} autoComplete="off" />
            <Text size="xs" c="dimmed">Runs the store’s newsletter extension: the same list, tags and duplicate check as a sign-up in the store.</Text>
            {/* Safe to repeat: the newsletter extension finds a contact Odoo already made by its address. */}
            {add.error && <ErrorState error={add.error} title="The subscriber was not added" onRetry={submit} retrying={add.isPending} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Cancel</Button>
              <Button type="submit" loading={add.isPending}>Add subscriber</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
