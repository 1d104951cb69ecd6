import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { IconLock, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useOpMutation } from '../../api/hooks';
import { ErrorState } from '../../components';

/**
 * Markket's shared Odoo, for its administrator: "Isolate stores" (a store-owner group and record
 * rules, so an owner's key reaches only its store) and "Add a store owner" (the owner's Odoo user,
 * with what to hand over). Odoo enforces the confinement, not the console.
 */
export function StoreOwnersCard({ storeId }: { storeId: string }) {
  const isolate = useOpMutation('setup.apply', { invalidates: ['setup.check'] });
  const add = useOpMutation('setup.addStoreOwner', { invalidates: [] });
  const [owner, setOwner] = useState({ storeId, login: '', name: '', email: '', invite: false });
  const set = <K extends keyof typeof owner>(key: K, value: (typeof owner)[K]) => setOwner((o) => ({ ...o, [key]: value }));
  const step = isolate.data?.steps.find((s) => s.id === 'isolate');
  return (
    <Card component="section" aria-label="Store owners">
      <Stack gap="md">
        <div>
          <Text fw={600}>Store owners on Markket's shared Odoo</Text>
          <Text size="sm" c="dimmed">
            Each store owner gets their own Odoo user whose API key reads and changes only their store. Odoo's record rules do the confining, for any program that holds the key. Needs an Odoo administrator's key.
          </Text>
        </div>
        <Group gap="xs">
          <Button size="sm" variant="default" leftSection={<IconLock size={16} />} onClick={() => isolate.mutate({ storeId, isolate: true })} loading={isolate.isPending}>
            Isolate stores
          </Button>
          {step && <Badge color={step.status === 'failed' ? 'red' : 'teal'}>{step.status === 'ok' ? 'Already in place' : step.status}</Badge>}
        </Group>
        {step && <Text size="sm" c={step.status === 'failed' ? 'red' : 'dimmed'}>{step.error?.message ?? step.message}</Text>}
        {isolate.error && <ErrorState error={isolate.error} title="Could not isolate the stores" />}
        <form
          aria-label="Add a store owner"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(owner);
          }}
        >
          <Stack gap="xs">
            <Text fw={500} size="sm">Add a store owner</Text>
            <Group grow wrap="wrap" align="flex-start">
              <TextInput label="Store id" value={owner.storeId} onChange={(e) => set('storeId', e.currentTarget.value)} required />
              <TextInput label="Odoo login" placeholder="owner@store.example" value={owner.login} onChange={(e) => set('login', e.currentTarget.value)} required />
            </Group>
            <Group grow wrap="wrap" align="flex-start">
              <TextInput label="Name" value={owner.name} onChange={(e) => set('name', e.currentTarget.value)} required />
              <TextInput label="Email (Odoo sends the invitation here)" type="email" value={owner.email} onChange={(e) => set('email', e.currentTarget.value)} required />
            </Group>
            <Checkbox label="If the user exists already, send Odoo's password email again" checked={owner.invite} onChange={(e) => set('invite', e.currentTarget.checked)} />
            <Group>
              <Button type="submit" size="sm" leftSection={<IconUserPlus size={16} />} loading={add.isPending}>Add store owner</Button>
            </Group>
          </Stack>
        </form>
        {add.error && <ErrorState error={add.error} title="Could not add the store owner" />}
        {add.data && (
          <Alert color="teal" variant="light" title={`Store owner ${add.data.user === 'created' ? 'created' : add.data.user === 'updated' ? 'updated' : 'already set up'}: hand this over`} role="status">
            <List size="sm" spacing={4} type="ordered">
              {add.data.handOver.map((line) => <List.Item key={line}>{line}</List.Item>)}
            </List>
            <Text size="xs" mt="xs">
              API keys are made in Odoo only: <Anchor href={add.data.apiKeyPage} target="_blank" rel="noreferrer">{add.data.apiKeyPage}</Anchor>
            </Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
