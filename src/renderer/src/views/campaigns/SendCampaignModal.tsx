import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconSend } from '@tabler/icons-react';
import { useOpMutation } from '../../api/hooks';
import { ErrorState, formatDateTime, formatNumber } from '../../components';

export interface SendTarget {
  campaignId: string;
  subject: string;
  /** Known when the caller has just created the campaign or read its row. */
  recipients?: number;
  scheduledFor?: string | null;
}

/**
 * The last step before mail goes out: says how many people will receive it (or when), and only
 * then calls marketing.campaigns.send. Every campaign query is refreshed afterwards.
 */
export function SendCampaignModal({ storeId, target, onClose, onSent }: { storeId: string; target: SendTarget | null; onClose: () => void; onSent?: (campaignId: string) => void }) {
  const queryClient = useQueryClient();
  const send = useOpMutation('marketing.campaigns.send', {
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['marketing.campaigns.list'] });
      void queryClient.invalidateQueries({ queryKey: ['marketing.overview'] });
      void queryClient.invalidateQueries({ queryKey: ['marketing.campaigns.get'] });
      notifications.show({
        color: 'teal',
        title: result.status === 'scheduled' ? 'Campaign scheduled' : 'Campaign is sending',
        message:
          result.status === 'scheduled'
            ? `It goes out ${formatDateTime(result.scheduled_for)} to about ${formatNumber(result.estimated_recipients)} people.`
            : `On its way to ${formatNumber(result.estimated_recipients)} people.`,
      });
      onSent?.(result.campaign_id);
      onClose();
    },
  });
  const scheduled = Boolean(target?.scheduledFor);
  return (
    <Modal opened={target !== null} onClose={() => { send.reset(); onClose(); }} title={scheduled ? 'Schedule this campaign?' : 'Send this campaign now?'} centered>
      {target && (
        <Stack>
          <Text size="sm">
            <Text span fw={600}>
              “{target.subject}”
            </Text>{' '}
            {scheduled ? `will go out ${formatDateTime(target.scheduledFor)}` : 'will go out right away'}
            {target.recipients !== undefined ? (
              <>
                {' '}to{' '}
                <Text span fw={700}>
                  {formatNumber(target.recipients)} {target.recipients === 1 ? 'person' : 'people'}
                </Text>
                .
              </>
            ) : (
              ' to everyone in its audience.'
            )}
          </Text>
          <Text size="xs" c="dimmed">
            Opted-out and blacklisted contacts are left out automatically. A sent campaign cannot be recalled.
          </Text>
          {send.error && <ErrorState error={send.error} title="The campaign was not sent" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button leftSection={<IconSend size={16} />} loading={send.isPending} onClick={() => send.mutate({ storeId, campaignId: target.campaignId })} data-autofocus>
              {scheduled ? 'Schedule' : 'Send now'}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
