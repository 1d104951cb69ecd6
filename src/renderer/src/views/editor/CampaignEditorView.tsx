import { useState } from 'react';
import type { z } from 'zod';
import type { MailingListSummary } from '../../../../shared/schemas/marketing';
import { Alert, Anchor, Button, Card, Grid, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft, IconCheck, IconDeviceFloppy, IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useOp, useOpMutation } from '../../api/hooks';
import { ErrorState, LoadingState, PageHeader, formatDateTime, userTimeZone } from '../../components';
import { hrefFor, navigate } from '../../router';
import { SendCampaignModal, type SendTarget } from '../campaigns/SendCampaignModal';
import { AudienceFields, segmentValue, type SegmentKind } from './AudienceFields';
import { localPickerValueToIso, subjectHint } from './schedule';
import { TemplatePicker } from './TemplatePicker';
import { TemplatePreview } from './TemplatePreview';

const back = (
  <Anchor href={hrefFor({ name: 'campaigns' })} size="sm" c="dimmed">
    <Group gap={4}>
      <IconArrowLeft size={14} /> Campaigns
    </Group>
  </Anchor>
);

interface Saved {
  campaignId: string;
  estimate: number;
}

export function CampaignEditorView({ storeId, duplicateOf }: { storeId: string; duplicateOf?: string | undefined }) {
  const lists = useOp('marketing.lists', { storeId });
  const source = useOp('marketing.campaigns.get', { storeId, campaignId: duplicateOf ?? '' }, { enabled: Boolean(duplicateOf) });
  const title = duplicateOf ? 'Duplicate campaign' : 'New campaign';
  if (lists.error) return <><PageHeader title={title} above={back} /><ErrorState error={lists.error} title="Could not load your mailing lists" onRetry={() => void lists.refetch()} /></>;
  if (source.error) return <><PageHeader title={title} above={back} /><ErrorState error={source.error} title="Could not load the campaign to duplicate" onRetry={() => void source.refetch()} /></>;
  if (lists.isPending || (duplicateOf && source.isPending)) return <><PageHeader title={title} above={back} /><LoadingState variant="page" /></>;
  const initial = { subject: source.data ? `${source.data.subject} (copy)` : '', templateId: source.data?.sendgrid_template_id ?? '' };
  return <CampaignEditorForm key={duplicateOf ?? 'new'} storeId={storeId} title={title} lists={lists.data.lists} initial={initial} />;
}

interface EditorFormProps {
  storeId: string;
  title: string;
  lists: z.infer<typeof MailingListSummary>[];
  initial: { subject: string; templateId: string };
}

function CampaignEditorForm({ storeId, title, lists, initial }: EditorFormProps) {
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState(initial.subject);
  const [previewText, setPreviewText] = useState('');
  const [emailFrom, setEmailFrom] = useState('');
  const [templateId, setTemplateId] = useState(initial.templateId);
  const [listId, setListId] = useState<string | null>(() => (lists[0] ? String(lists[0].id) : null));
  const [segment, setSegment] = useState<SegmentKind>('all');
  const [tag, setTag] = useState('');
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [scheduleLocal, setScheduleLocal] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [sendTarget, setSendTarget] = useState<SendTarget | null>(null);
  const [touched, setTouched] = useState(false);
  // One idempotency key per draft: a retried save never creates a second mailing.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());

  // Any edit after a save makes the saved draft stale: the next save is a new draft.
  const edited = () => {
    if (saved) {
      setSaved(null);
      setRequestId(crypto.randomUUID());
    }
  };

  const create = useOpMutation('marketing.campaigns.create', {
    onSuccess: (result) => {
      setSaved({ campaignId: result.campaign_id, estimate: result.estimated_recipients });
      void queryClient.invalidateQueries({ queryKey: ['marketing.campaigns.list'] });
    },
  });

  const schedule = when === 'later' ? localPickerValueToIso(scheduleLocal) : null;
  const errors = {
    subject: subject.trim() === '' ? 'A subject is required' : subject.trim().length > 255 ? 'At most 255 characters' : undefined,
    template: templateId.trim() === '' ? 'Pick the SendGrid template to send' : undefined,
    list: listId ? undefined : 'Pick a list',
    tag: segment === 'tag' && tag.trim() === '' ? 'Name the tag' : undefined,
    schedule: when === 'later' && !schedule ? 'Pick a date and time' : when === 'later' && schedule && new Date(schedule) <= new Date() ? 'Pick a time in the future' : undefined,
  };
  const valid = Object.values(errors).every((e) => e === undefined);
  const hint = subjectHint(subject);

  const save = () => {
    setTouched(true);
    if (!valid || !listId) return;
    create.mutate({
      storeId,
      subject: subject.trim(),
      sendgrid_template_id: templateId.trim(),
      list_id: Number(listId),
      segment: segmentValue(segment, tag),
      schedule,
      ...(previewText.trim() ? { preview_text: previewText.trim() } : {}),
      ...(emailFrom.trim() ? { email_from: emailFrom.trim() } : {}),
      client_request_id: requestId,
    });
  };

  const field = <T,>(error: T) => (touched ? error : undefined);

  return (
    <Stack gap="lg">
      <PageHeader title={title} description="Write it, pick who gets it, then save the draft and send" above={back} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card component="form" noValidate onSubmit={(e: React.FormEvent) => { e.preventDefault(); save(); }} aria-label="Campaign">
            <Stack>
              <Title order={2} fz="md">Message</Title>
              <TextInput label="Subject" value={subject} onChange={(e) => { setSubject(e.currentTarget.value); edited(); }} error={field(errors.subject)} description={<Text span size="xs" c={hint.color}>{hint.text}</Text>} required maxLength={300} />
              <TextInput label="Preview text" description="Shown after the subject in most inboxes" value={previewText} onChange={(e) => { setPreviewText(e.currentTarget.value); edited(); }} maxLength={255} />
              <TextInput label="Sender" placeholder="Store name <news@yourstore.com>" description="Leave empty to use the sender set up in Odoo" value={emailFrom} onChange={(e) => { setEmailFrom(e.currentTarget.value); edited(); }} />
              <Title order={2} fz="md" mt="sm">Template</Title>
              <TemplatePicker value={templateId} onChange={(id) => { setTemplateId(id); edited(); }} error={field(errors.template)} />
              <Title order={2} fz="md" mt="sm">Audience</Title>
              <AudienceFields lists={lists} listId={listId} onListId={(v) => { setListId(v); edited(); }} segment={segment} onSegment={(s) => { setSegment(s); edited(); }} tag={tag} onTag={(t) => { setTag(t); edited(); }} estimate={saved?.estimate ?? null} tagError={field(errors.tag)} />
              <Title order={2} fz="md" mt="sm">Delivery</Title>
              <SegmentedControl value={when} onChange={(v) => { setWhen(v as 'now' | 'later'); edited(); }} data={[{ value: 'now', label: 'Send when I say so' }, { value: 'later', label: 'Schedule' }]} aria-label="When to send" />
              {when === 'later' && (
                <DateTimePicker label="Send at" description={`Your time zone: ${userTimeZone()}`} value={scheduleLocal} onChange={(v) => { setScheduleLocal(v); edited(); }} minDate={new Date()} error={field(errors.schedule)} valueFormat="DD MMM YYYY HH:mm" clearable />
              )}
              {create.error && <ErrorState error={create.error} title="The draft was not saved" />}
              <Group justify="flex-end" mt="sm">
                <Button type="submit" variant={saved ? 'default' : 'filled'} leftSection={saved ? <IconCheck size={16} /> : <IconDeviceFloppy size={16} />} loading={create.isPending} disabled={saved !== null}>
                  {saved ? 'Draft saved' : 'Save draft'}
                </Button>
                <Button leftSection={<IconSend size={16} />} disabled={!saved} onClick={() => saved && setSendTarget({ campaignId: saved.campaignId, subject: subject.trim(), recipients: saved.estimate, scheduledFor: schedule })}>
                  {schedule ? 'Schedule…' : 'Send…'}
                </Button>
              </Group>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <Card>
              <Text fw={600} mb="xs">Inbox preview</Text>
              <Stack gap={2} p="sm" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
                <Text size="sm" fw={600} truncate>{emailFrom.trim() || 'Your store'}</Text>
                <Text size="sm" truncate>{subject.trim() || 'Your subject line'}</Text>
                <Text size="xs" c="dimmed" truncate>{previewText.trim() || 'Preview text appears here'}</Text>
              </Stack>
              {schedule && <Text size="xs" c="dimmed" mt="xs">Goes out {formatDateTime(schedule)}</Text>}
            </Card>
            <TemplatePreview templateId={templateId} />
            <Alert variant="light" icon={<IconInfoCircle size={18} />} title="How sending works">
              Saving creates a draft mailing in Odoo and counts the exact recipients. Nothing is sent until you confirm; opted-out and blacklisted contacts are always left out.
            </Alert>
          </Stack>
        </Grid.Col>
      </Grid>
      {saved && <SendCampaignModal storeId={storeId} target={sendTarget} onClose={() => setSendTarget(null)} onSent={(id) => navigate({ name: 'campaign-stats', campaignId: id })} />}
    </Stack>
  );
}
