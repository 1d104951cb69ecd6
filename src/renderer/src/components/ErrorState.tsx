import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconRefresh } from '@tabler/icons-react';
import { isAppError } from '../../../shared/errors';

export interface ErrorStateProps {
  error: unknown;
  /** What failed, in the user's words: "Could not load campaigns". */
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
}

/**
 * Shows an error the way the API reports it: the sentence meant for the store owner, and the code
 * support asks for. Anything that is not an AppError (a bug) gets a neutral sentence, never a stack.
 */
export function ErrorState({ error, title = 'Something went wrong', onRetry, retrying = false }: ErrorStateProps) {
  const message = isAppError(error) ? error.message : 'The console hit an unexpected problem. Try again; if it keeps happening, contact support.';
  const code = isAppError(error) ? error.code : 'internal';
  // Something this Odoo user may not do (a store owner creating fields, reading the platform
  // blacklist) is not a fault: it is a request for whoever runs the Odoo. It is Odoo that refused,
  // on Markket's Odoo or the store's own, so the request goes to that Odoo's administrator.
  const notAllowed = code === 'odoo.access_denied';
  return (
    <Alert variant="light" color={notAllowed ? 'blue' : 'red'} title={notAllowed ? 'Ask your Odoo administrator' : title} icon={notAllowed ? <IconLock size={20} /> : <IconAlertTriangle size={20} />} role="alert">
      <Stack gap="sm">
        <Text size="sm">{message}</Text>
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            Error code <Code>{code}</Code>
          </Text>
          {onRetry && (
            <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={onRetry} loading={retrying}>
              Try again
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
