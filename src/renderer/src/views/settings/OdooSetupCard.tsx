import { Badge, Button, Card, Group, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconCircleDashed, IconPlus, IconTool, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { opQueryKey, useOp, useOpMutation, type OpOutput } from '../../api/hooks';
import { ErrorState, TableSkeleton } from '../../components';
import { SetupVerdict } from './setup-verdict';

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

/** Checks the Odoo for what Markket needs and, on request, creates what is missing; running it twice changes nothing. */
export function OdooSetupCard({ storeId }: { storeId: string }) {
  const queryClient = useQueryClient();
  const check = useOp('setup.check', { storeId }, { staleTime: 0 });
  const apply = useOpMutation('setup.apply', {
    invalidates: [],
    onSuccess: (report) => queryClient.setQueryData(opQueryKey('setup.check', { storeId }), report),
  });
  const active = useOp('profiles.active', {});
  const report = apply.data ?? check.data;
  const missing = report?.steps.filter((s) => s.status === 'missing' || s.status === 'failed').length ?? 0;
  return (
    <Card component="section" aria-label="Odoo setup">
      <Group justify="space-between" mb="md" wrap="wrap">
        <div>
          <Text fw={600}>Odoo setup</Text>
          <Text size="sm" c="dimmed">What Markket needs in your Odoo: Email Marketing, its fields, the store's list and the SendGrid relay.</Text>
        </div>
        <Group gap="xs">
          <Button variant="default" size="sm" onClick={() => { apply.reset(); void check.refetch(); }} loading={check.isFetching && !apply.isPending}>Check again</Button>
          <Button size="sm" leftSection={<IconTool size={16} />} onClick={() => apply.mutate({ storeId })} loading={apply.isPending} disabled={!report || missing === 0}>
            Set up what is missing
          </Button>
        </Group>
      </Group>
      {check.error && !apply.data ? (
        <ErrorState error={check.error} title="Could not check your Odoo" onRetry={() => void check.refetch()} retrying={check.isFetching} />
      ) : !report ? (
        <TableSkeleton rows={4} />
      ) : (
        <Stack gap="sm">
          <SetupVerdict report={report} delivery={active.data?.profile?.sendgrid.delivery ?? null} />
          {apply.error && <ErrorState error={apply.error} title="Setup stopped" />}
          <Table aria-label="Setup steps" highlightOnHover={false} verticalSpacing="xs">
            <Table.Tbody>
              {report.steps.map((s) => <StepRow key={s.id} step={s} />)}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Card>
  );
}
