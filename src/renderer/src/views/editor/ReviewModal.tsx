import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Loader, Modal, Stack, Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCalendarTime, IconCircleCheck, IconSend, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useOp, useOpMutation, type OpOutput } from '../../api/hooks';
import { ErrorState, formatDateTime, formatNumber } from '../../components';
import { TestSendButton } from './TestSendButton';

type Issue = OpOutput<'marketing.campaigns.precheck'>['issues'][number];

export interface ReviewModalProps {
  storeId: string;
  opened: boolean;
  subject: string;
  /** When it should go out (ISO), or null for now. */
  schedule: string | null;
  /** Brings Odoo's mailing up to date with the editor and answers its campaign id. */
  prepare: () => Promise<string>;
  onClose: () => void;
  onSent: (campaignId: string) => void;
  /** Closes the review and puts the person in a template value's field (the editor's "Template values"). */
  onFillValue?: ((name: string) => void) | undefined;
}

/** The template values the check found empty (details.missing_values of unmapped_template_fields). */
function missingValues(issue: Issue): string[] {
  const names = issue.details['missing_values'];
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

function IssueRow({ issue, acknowledged, onAcknowledge, onFillValue }: { issue: Issue; acknowledged: boolean; onAcknowledge: (v: boolean) => void; onFillValue?: ((name: string) => void) | undefined }) {
  const blocking = issue.severity === 'error';
  const fill = onFillValue ? missingValues(issue) : [];
  return (
    <Group wrap="nowrap" align="flex-start" gap="sm">
      <ThemeIcon size="sm" variant="light" color={blocking ? 'red' : 'orange'} mt={2} aria-hidden="true">
        {blocking ? <IconX size={12} /> : <IconAlertTriangle size={12} />}
      </ThemeIcon>
      <Stack gap={4} style={{ flex: 1 }}>
        <Text size="sm">{issue.message}</Text>
        {blocking && fill.length > 0 && onFillValue ? (
          <Group gap="xs">
            {fill.map((name) => (
              <Button key={name} size="compact-xs" variant="light" color="red" onClick={() => onFillValue(name)}>Fill “{name}”</Button>
            ))}
          </Group>
        ) : blocking ? (
          <Text size="xs" c="red">Fix this in the editor before sending.</Text>
        ) : (
          <Checkbox size="xs" label="I have checked this and want to send anyway" checked={acknowledged} onChange={(e) => onAcknowledge(e.currentTarget.checked)} aria-label={`Acknowledge: ${issue.message}`} />
        )}
      </Stack>
    </Group>
  );
}

/**
 * The way out of the editor: bring Odoo up to date, run the pre-send check (every warning must be
 * ticked, every error fixed), then a last confirmation that says how many people will get it.
 */
/**
 * What Odoo will really do with the send (mass_mailing's queue, mail.mail.force.send.limit: 100 by
 * default): it makes the mails on its next queue run, sends up to 100 of them at once, and leaves a
 * bigger send to its mail queue cron, which sends batches of 1,000 (hourly by default).
 */
export function queueNote(recipients: number): string {
  if (recipients <= 100) return 'Odoo usually sends a campaign of up to 100 people as soon as its queue picks it up.';
  return 'Odoo sends a campaign this size in batches from its mail queue (1,000 a run, hourly unless your Odoo is set otherwise), so it can take a while; the campaign’s page shows how many are out and when the next batch leaves.';
}

export function ReviewModal(props: ReviewModalProps) {
  const [confirming, setConfirming] = useState(false);
  const [leaving, setLeaving] = useState(false);
  // A new opening returns focus as usual again (state adjusted while rendering, not in an effect).
  const [wasOpened, setWasOpened] = useState(props.opened);
  if (wasOpened !== props.opened) {
    setWasOpened(props.opened);
    if (props.opened) setLeaving(false);
  }
  const close = () => {
    setConfirming(false);
    props.onClose();
  };
  const { onFillValue } = props;
  const fillValue = onFillValue ? (name: string) => {
    setLeaving(true);
    setConfirming(false);
    onFillValue(name);
  } : undefined;
  return (
    // Going to a value's field, focus stays there instead of returning to the Review button.
    <Modal opened={props.opened} onClose={close} returnFocus={!leaving} title={confirming ? (props.schedule ? 'Schedule this campaign?' : 'Send this campaign now?') : 'Pre-send check'} size="lg" centered>
      {/* Mounted per opening, so each review starts from a fresh check. */}
      <ReviewBody {...props} onClose={close} onFillValue={fillValue} confirming={confirming} setConfirming={setConfirming} />
    </Modal>
  );
}

function ReviewBody({ storeId, subject, schedule, prepare, onClose, onSent, onFillValue, confirming, setConfirming }: ReviewModalProps & { confirming: boolean; setConfirming: (v: boolean) => void }) {
  const queryClient = useQueryClient();
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [prepareError, setPrepareError] = useState<unknown>(null);
  const [acknowledged, setAcknowledged] = useState<Record<string, boolean>>({});

  useEffect(() => {
    let cancelled = false;
    prepare().then(
      (id) => !cancelled && setCampaignId(id),
      (e: unknown) => !cancelled && setPrepareError(e),
    );
    return () => {
      cancelled = true;
    };
    // prepare is re-created every render; the check runs once per opening (this body mounts per opening).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const check = useOp('marketing.campaigns.precheck', { storeId, campaignId: campaignId ?? 'camp_pending' }, { enabled: campaignId !== null, staleTime: 0, gcTime: 0 });
  const send = useOpMutation('marketing.campaigns.send', {
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('marketing.') });
      notifications.show({
        color: 'teal',
        title: result.status === 'scheduled' ? 'Campaign scheduled' : 'Campaign is sending',
        message: result.status === 'scheduled' ? `It goes out ${formatDateTime(result.scheduled_for)} to about ${formatNumber(result.estimated_recipients)} people.` : `Queued in Odoo for ${formatNumber(result.estimated_recipients)} people; the campaign's page shows how far it got.`,
      });
      onSent(result.campaign_id);
    },
  });

  const issues = check.data?.issues ?? [];
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const allAcknowledged = warnings.every((w) => acknowledged[w.code]);
  const clear = check.data !== undefined && errors.length === 0 && allAcknowledged;
  const recipients = check.data?.recipients ?? 0;
  const people = `${formatNumber(recipients)} ${recipients === 1 ? 'person' : 'people'}`;
  const verb = schedule ? 'Schedule' : 'Send';

  return (
      <Stack>
        {prepareError !== null ? (
          <ErrorState error={prepareError} title="The campaign is not ready to send" />
        ) : campaignId === null || check.isPending ? (
          <Group gap="sm" py="md">
            <Loader size="sm" />
            <Text size="sm">{campaignId === null ? 'Bringing Odoo up to date with your edits…' : 'Checking the campaign…'}</Text>
          </Group>
        ) : check.error ? (
          <ErrorState error={check.error} title="The check could not run" onRetry={() => void check.refetch()} retrying={check.isFetching} />
        ) : confirming ? (
          <>
            <Text size="sm">
              <Text span fw={600}>“{subject}”</Text> {schedule ? `will go out ${formatDateTime(schedule)}` : 'goes into Odoo’s sending queue now'} for{' '}
              <Text span fw={700} data-testid="confirm-recipients">{people}</Text>.
            </Text>
            <Text size="xs" c="dimmed" data-testid="queue-note">{queueNote(recipients)}</Text>
            <Text size="xs" c="dimmed">Opted-out and blacklisted contacts are left out automatically. A sent campaign cannot be recalled{schedule ? '; a scheduled one can be cancelled until it goes out' : ''}.</Text>
            {send.error && <ErrorState error={send.error} title="The campaign was not sent" />}
          </>
        ) : (
          <>
            <Group gap="sm">
              <Badge size="lg" color={errors.length > 0 ? 'red' : warnings.length > 0 ? 'orange' : 'teal'} leftSection={errors.length === 0 && warnings.length === 0 ? <IconCircleCheck size={14} /> : <IconAlertTriangle size={14} />} style={{ textTransform: 'none' }}>
                {errors.length > 0 ? `${errors.length} to fix` : warnings.length > 0 ? `${warnings.length} to acknowledge` : 'All clear'}
              </Badge>
              <Text size="sm">Goes to <Text span fw={700}>{people}</Text>.</Text>
            </Group>
            {issues.length === 0 ? (
              <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>Unsubscribe link present, every template field mapped, subject set, links secure, no suppressed recipients.</Alert>
            ) : (
              <Stack gap="sm" role="list" aria-label="Pre-send check">
                {[...errors, ...warnings].map((issue) => (
                  <div role="listitem" key={issue.code}>
                    <IssueRow issue={issue} acknowledged={acknowledged[issue.code] === true} onAcknowledge={(v) => setAcknowledged((a) => ({ ...a, [issue.code]: v }))} onFillValue={onFillValue} />
                  </div>
                ))}
              </Stack>
            )}
          </>
        )}
        <Group justify="flex-end">
          {campaignId !== null && !confirming && <TestSendButton storeId={storeId} prepare={async () => campaignId} />}
          <Button variant="default" onClick={confirming ? () => setConfirming(false) : onClose}>{confirming ? 'Back' : 'Cancel'}</Button>
          {confirming ? (
            <Button leftSection={schedule ? <IconCalendarTime size={16} /> : <IconSend size={16} />} loading={send.isPending} onClick={() => campaignId && send.mutate({ storeId, campaignId, schedule, acknowledge: warnings.filter((w) => acknowledged[w.code]).map((w) => w.code) })} data-autofocus>
              {schedule ? `Schedule for ${people}` : `Send to ${people}`}
            </Button>
          ) : (
            <Button disabled={!clear || recipients === 0} onClick={() => setConfirming(true)}>{verb}…</Button>
          )}
        </Group>
      </Stack>
  );
}
