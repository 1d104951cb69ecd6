import type { ReactNode } from 'react';
import { EmptyState as MantineEmptyState, Paper } from '@mantine/core';

export interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  description?: ReactNode;
  /** Usually one primary button that gets the user out of the empty state. */
  action?: ReactNode;
  /** Inside a card or table the frame is already there. */
  framed?: boolean;
}

export function EmptyState({ icon, title, description, action, framed = true }: EmptyStateProps) {
  const body = (
    <MantineEmptyState icon={icon} title={title} description={description} variant="light" py="xl">
      {action && <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions>}
    </MantineEmptyState>
  );
  return framed ? (
    <Paper withBorder p="xl">
      {body}
    </Paper>
  ) : (
    body
  );
}
