import { useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconCheck, IconCircleDashed, IconPlus, IconTool, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { opQueryKey, useOp, useOpMutation, type OpOutput } from '../../api/hooks';
import { ErrorState, TableSkeleton } from '../../components';
import { SetupVerdict } from './setup-verdict';
import { DeliveryStep } from './DeliveryStep';

type Step = OpOutput<'setup.check'>['steps'][number];

const look: Record<Step['status'], { label: string; color: string; icon: typeof IconCheck }> = {
  ok: { label: 'Already there', color: 'teal', icon: IconCheck },
  created: { label: 'Done', color: 'teal', icon: IconPlus },
  updated: { label: 'Updated', color: 'teal', icon: IconCheck },
  missing: { label: 'Missing', color: 'orange', icon: IconCircleDashed },
  failed: { label: 'Failed', color: 'red', icon: IconX },
  skipped: { label: 'Skipped', color: 'gray', icon: IconCircleDashed },
};

function StepRow({ step }: { step: Step }) {
  const l = look[step.status];
  return (
    <Table.Tr>
      <Table.Td w={40}>
        <ThemeIcon size="sm" variant="light" color={l.color} aria-hidden="true"><l.icon size={12} /></ThemeIcon>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>{step.label}</Text>
        <Text size="xs" c={step.status === 'failed' ? 'red' : 'dimmed'}>{step.error?.message ?? step.message}</Text>
      </Table.Td>
      <Table.Td ta="right"><Badge color={l.color}>{l.label}</Badge></Table.Td>
    </Table.Tr>
  );
}

/** "Corner Shop" → "corner-shop": a store id the owner never has to invent. */
export function storeIdFromName(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
}

/**
 * Checks the Odoo for what Markket needs and, on request, creates what is missing; running it twice
 * changes nothing. Its first step is how mail is delivered (the relay step follows from it), then
 * the store: the name given here names the store's list, and so the store in the store picker.
 * Before the first setup there is no store yet, so the card asks for its name (and id).
 */
export function OdooSetupCard({ storeId }: { storeId: string | null }) {
  const queryClient = useQueryClient();
  const active = useOp('profiles.active', {});
  const stores = useOp('stores.list', {});
  const profile = active.data?.profile ?? null;
  const known = stores.data?.stores.find((s) => s.id === storeId);
  const [name, setName] = useState<string | null>(null);
  const [id, setId] = useState<string | null>(null);
  const storeName = (name ?? (known && known.name !== known.id ? known.name : '')).trim();
  const target = storeId ?? (id ?? (profile?.storeIds[0] ?? storeIdFromName(storeName))).trim();
  const input = { storeId: target, ...(storeName ? { storeName } : {}) };
  const ready = target.length > 0 && (storeId !== null || storeName.length > 0);
  // Typing a name asks Odoo once the typing pauses, not at every key.
  const [checkedId] = useDebouncedValue(target, 400);
  const [checkedName] = useDebouncedValue(storeName, 400);
  const checked = { storeId: checkedId, ...(checkedName ? { storeName: checkedName } : {}) };
  const check = useOp('setup.check', checked, { staleTime: 0, enabled: ready && checkedId.length > 0 });
  const apply = useOpMutation('setup.apply', {
    invalidates: ['stores.list'],
    onSuccess: (report) => queryClient.setQueryData(opQueryKey('setup.check', checked), report),
  });
  const report = apply.data ?? (ready ? check.data : undefined);
  const missing = report?.steps.filter((s) => s.status === 'missing' || s.status === 'failed').length ?? 0;
  return (
    <Card component="section" aria-label="Odoo setup">
      <Group justify="space-between" mb="md" wrap="wrap">
        <div>
          <Text fw={600}>Odoo setup</Text>
          <Text size="sm" c="dimmed">What Markket needs in your Odoo: how mail is delivered, Email Marketing, its fields and your store's list.</Text>
        </div>
        <Group gap="xs">
          <Button variant="default" size="sm" onClick={() => { apply.reset(); void check.refetch(); }} loading={check.isFetching && !apply.isPending} disabled={!ready}>Check again</Button>
          <Button size="sm" leftSection={<IconTool size={16} />} onClick={() => apply.mutate(input)} loading={apply.isPending} disabled={!report || missing === 0}>
            Set up what is missing
          </Button>
        </Group>
      </Group>
      <Stack gap="lg">
        {profile && <DeliveryStep key={`${profile.id}-${profile.sendgrid.delivery}-${profile.hipaa.sendgridAcknowledgedAt ?? ''}`} profile={profile} label="1. How your campaigns are delivered" />}
        <Stack gap="xs">
          <Text size="sm" fw={500}>2. Your store</Text>
          <Group align="flex-start" grow wrap="wrap">
            <TextInput label="Store name" description="Shown in the store picker; the store's mailing list is named after it" placeholder="Corner Shop" value={name ?? storeName} onChange={(e) => setName(e.currentTarget.value)} required={storeId === null} />
            {storeId === null && <TextInput label="Store id" description="How Markket and Odoo know the store; letters, digits and - only" value={id ?? target} onChange={(e) => setId(e.currentTarget.value)} required />}
          </Group>
        </Stack>
        <Text size="sm" fw={500}>3. What Markket needs in your Odoo</Text>
        {!ready ? (
          <Text size="sm" c="dimmed">Enter your store's name to check your Odoo.</Text>
        ) : check.error && !apply.data ? (
          <ErrorState error={check.error} title="Could not check your Odoo" onRetry={() => void check.refetch()} retrying={check.isFetching} />
        ) : !report ? (
          <TableSkeleton rows={4} />
        ) : (
          <Stack gap="sm">
            <SetupVerdict report={report} delivery={profile?.sendgrid.delivery ?? null} />
            {apply.error && <ErrorState error={apply.error} title="Setup stopped" />}
            <Table aria-label="Setup steps" highlightOnHover={false} verticalSpacing="xs">
              <Table.Tbody>
                {report.steps.map((s) => <StepRow key={s.id} step={s} />)}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
