import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import type { OpOutput } from '../../api/hooks';

type Report = OpOutput<'setup.check'>;
type Step = Report['steps'][number];
type Delivery = 'sendgrid-relay' | 'odoo-mail-server';

/**
 * The steps still to do. Odoo's own "ready" forgives a mail server step that was skipped (no
 * SendGrid key yet), but a store owner who chose the SendGrid relay cannot send without it, so
 * only a profile that delivers through the Odoo's own mail server may leave that step out.
 */
export function remainingSteps(steps: Step[], delivery: Delivery | null): Step[] {
  return steps.filter((s) => {
    if (s.status === 'missing' || s.status === 'failed') return true;
    if (s.status !== 'skipped') return false;
    return !(s.id === 'mail_server' && delivery === 'odoo-mail-server');
  });
}

/** "Your Odoo is ready" only when nothing remains; otherwise what remains, by name. */
export function SetupVerdict({ report, delivery }: { report: Report; delivery: Delivery | null }) {
  const remaining = remainingSteps(report.steps, delivery);
  if (remaining.length === 0 && report.ready) {
    return <Alert variant="light" color="teal" icon={<IconCheck size={18} />} title="Your Odoo is ready for Markket" role="status" />;
  }
  const title = remaining.length === 1 ? 'One step remains' : `${remaining.length} steps remain`;
  return (
    <Alert variant="light" color="orange" icon={<IconAlertTriangle size={18} />} title={title} role="status">
      <List size="sm" spacing={2}>
        {remaining.map((s) => (
          <List.Item key={s.id}>
            <Text span size="sm" fw={500}>{s.label}</Text>: {s.error?.message ?? s.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
