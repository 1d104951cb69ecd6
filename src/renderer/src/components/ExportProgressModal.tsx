import { Button, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { formatNumber } from './format';

export interface ExportProgressState {
  title: string;
  rowsDone: number;
  total: number | null;
}

/** Rows written so far and a Cancel that stops the export and leaves no partial file behind. */
export function ExportProgressModal({ state, onCancel }: { state: ExportProgressState | null; onCancel: () => void }) {
  const percent = state && state.total ? Math.min(100, (state.rowsDone / Math.max(1, state.total)) * 100) : null;
  return (
    <Modal opened={state !== null} onClose={onCancel} title={state?.title ?? 'Exporting'} centered closeOnClickOutside={false} withCloseButton={false}>
      {state && (
        <Stack gap="sm" aria-live="polite">
          <Progress value={percent ?? 100} animated={percent === null || percent < 100} striped={percent === null} size="lg" aria-label="Export progress" />
          <Text size="sm" data-testid="export-progress">
            {formatNumber(state.rowsDone)} {state.total !== null ? `of ${formatNumber(state.total)} ` : ''}rows written
          </Text>
          <Text size="xs" c="dimmed">Cancelling deletes the partly written file.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>Cancel export</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
