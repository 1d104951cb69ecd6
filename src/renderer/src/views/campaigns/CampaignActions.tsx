import { useRef, useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CampaignRow } from '../../../../shared/schemas/marketing';
import { useOpMutation } from '../../api/hooks';
import { ErrorState, formatDateTime, userTimeZone } from '../../components';
import { navigate } from '../../router';
import { ReviewModal } from '../editor/ReviewModal';
import { localPickerValueToIso, nextSensibleSendTime } from '../editor/schedule';
import type { CampaignRowActions } from './CampaignsTable';
import { createRequestIds } from './request-ids';

type Row = z.infer<typeof CampaignRow>;

/**
 * The campaign list's actions and their dialogs: send or schedule (through the pre-send check and
 * a confirmation), cancel a schedule, duplicate into a new draft that opens in the editor.
 */
export function useCampaignActions(storeId: string): { actions: CampaignRowActions; dialogs: React.ReactNode } {
  const queryClient = useQueryClient();
  const [sending, setSending] = useState<{ row: Row; schedule: string | null } | null>(null);
  const [scheduling, setScheduling] = useState<Row | null>(null);
  const [when, setWhen] = useState<string | null>(null);
  const [canceling, setCanceling] = useState<Row | null>(null);
  const refresh = () => queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('marketing.') });

  const cancel = useOpMutation('marketing.campaigns.cancel', {
    onSuccess: () => {
      notifications.show({ color: 'teal', title: 'Schedule cancelled', message: `“${canceling?.subject ?? 'The campaign'}” is a draft again; nothing was sent.` });
      setCanceling(null);
    },
  });
  const duplicateIds = useRef(createRequestIds()).current;
  const duplicate = useOpMutation('marketing.campaigns.duplicate', {
    onSuccess: (copy, input) => {
      duplicateIds.succeeded(input.campaignId);
      notifications.show({ color: 'teal', title: 'Campaign duplicated', message: 'The copy is a new draft; edit it and send it when ready.' });
      navigate({ name: 'campaign-edit', campaignId: copy.campaign_id });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not duplicated', message: `${error.message} Duplicate again to retry: the same request is repeated, so it never makes a second copy.` }),
  });

  const schedule = localPickerValueToIso(when);
  const scheduleValid = schedule !== null && new Date(schedule) > new Date();
  const actions: CampaignRowActions = {
    onSend: (row, at) => setSending({ row, schedule: at }),
    onSchedule: (row) => {
      setWhen(nextSensibleSendTime(new Date()));
      setScheduling(row);
    },
    onCancel: (row) => {
      cancel.reset();
      setCanceling(row);
    },
    onDuplicate: (row) => duplicate.mutate({ storeId, campaignId: row.campaign_id, client_request_id: duplicateIds.for(row.campaign_id) }),
  };

  const dialogs = (
    <>
      <ReviewModal
        storeId={storeId}
        opened={sending !== null}
        subject={sending?.row.subject ?? ''}
        schedule={sending?.schedule ?? null}
        prepare={async () => {
          const row = sending?.row;
          if (!row) throw new Error('no campaign');
          return row.campaign_id;
        }}
        onClose={() => setSending(null)}
        onSent={(id) => {
          setSending(null);
          void refresh();
          navigate({ name: 'campaign-stats', campaignId: id });
        }}
      />
      <Modal opened={scheduling !== null} onClose={() => setScheduling(null)} title="Schedule this campaign" centered>
        <Stack>
          <Text size="sm">When should “{scheduling?.subject}” go out?</Text>
          <DateTimePicker label="Send at" description={`Your time zone: ${userTimeZone()}`} value={when} onChange={setWhen} minDate={new Date()} valueFormat="DD MMM YYYY HH:mm" error={when && !scheduleValid ? 'Pick a time in the future' : undefined} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setScheduling(null)}>Cancel</Button>
            <Button disabled={!scheduleValid} onClick={() => { if (scheduling && schedule) { setSending({ row: scheduling, schedule }); setScheduling(null); } }}>Continue</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={canceling !== null} onClose={() => setCanceling(null)} title="Cancel this scheduled campaign?" centered>
        {canceling && (
          <Stack>
            <Text size="sm">“{canceling.subject}” was going out {formatDateTime(canceling.scheduled_for)}. It goes back to drafts and is not sent.</Text>
            {cancel.error && <ErrorState error={cancel.error} title="The schedule was not cancelled" />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCanceling(null)} data-autofocus>Keep it scheduled</Button>
              <Button color="orange" loading={cancel.isPending} onClick={() => cancel.mutate({ storeId, campaignId: canceling.campaign_id })}>Cancel schedule</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
  return { actions, dialogs };
}
