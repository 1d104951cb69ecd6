import { Alert, Button, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';

/** Odoo refused the draft's last push: what it said, and a way to push again now. */
export function FailedPushAlert({ message, onRetry }: { message: string | undefined; onRetry: () => void }) {
  return (
    <Alert color="red" variant="light" title="Odoo refused this draft" icon={<IconInfoCircle size={18} />}>
      <Text size="sm">{message ?? 'The last push failed.'} Fix it here; the next edit is pushed again, or <Button size="compact-xs" variant="light" onClick={onRetry}>retry now</Button>.</Text>
    </Alert>
  );
}
