import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import type { z } from 'zod';
import type { SendProgress } from '../../../../shared/schemas/marketing';
import { useOpMutation } from '../../api/hooks';
import { formatNumber } from '../../components';

type Progress = z.infer<typeof SendProgress>;

const clock = (iso: string): string => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** One line a store owner can read: how many are out, and why the rest waits (Odoo's queues). */
export function progressLine(p: Progress): string {
  const out = `${formatNumber(p.sent)} of ${formatNumber(p.expected)} out`;
  const failed = p.failed > 0 ? `, ${formatNumber(p.failed)} failed` : '';
  if (p.waiting_for === 'mail_queue') {
    const next = p.next_batch_at ? `; next batch expected around ${clock(p.next_batch_at)}` : '; Odoo sends the next batch when its mail queue next runs';
    return `Odoo sends in batches; ${out}${failed}${next}`;
  }
  if (p.waiting_for === 'mailing_queue') {
    const next = p.next_batch_at ? ` around ${clock(p.next_batch_at)}` : '';
    return `Waiting for Odoo to prepare the mails${next}; ${out}${failed}`;
  }
  return `${out}${failed}; ${formatNumber(p.queued)} with the mail server`;
}

/** The stats view's progress while a campaign is sending, with "Process the queue now" for those who may. */
export function SendProgressCard({ storeId, campaignId, progress }: { storeId: string; campaignId: string; progress: Progress }) {
  const run = useOpMutation('marketing.campaigns.process_queue');
  const share = progress.expected > 0 ? (100 * (progress.sent + progress.failed)) / progress.expected : 0;
  return (
    <Alert color="blue" title="Sending" data-testid="send-progress">
      <Stack gap="xs">
        <Text size="sm">{progressLine(progress)}</Text>
        <Progress value={share} aria-label={`${formatNumber(progress.sent)} of ${formatNumber(progress.expected)} sent`} />
        {progress.can_process_now && progress.waiting_for && (
          <Group>
            <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} loading={run.isPending} onClick={() => run.mutate({ storeId, campaignId })}>
              Process the queue now
            </Button>
          </Group>
        )}
        {run.error && <Text size="sm" c="red">{run.error.message}</Text>}
      </Stack>
    </Alert>
  );
}
