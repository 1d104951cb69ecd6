import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { Button, Card, Grid, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconChecklist } from '@tabler/icons-react';
import type { MailingListSummary } from '../../../../shared/schemas/marketing';
import { AppError } from '../../../../shared/errors';
import { api } from '../../api';
import { useOp, type OpOutput } from '../../api/hooks';
import { ErrorState, LoadingState, PageHeader, type Freshness } from '../../components';
import { hrefFor, navigate } from '../../router';
import { AudienceFields } from './AudienceFields';
import { ConflictPanel } from './ConflictPanel';
import { AudienceConflict } from './AudienceConflict';
import { ReviewModal } from './ReviewModal';
import { TestVersionsSlot } from './TestVersionsSlot';
import { InboxPreviewColumn } from './InboxPreviewColumn';
import { prepareLocal } from './prepare-local';
import { DeliveryFields } from './DeliveryFields';
import { FailedPushAlert } from './FailedPushAlert';
import { EditorHeaderActions } from './EditorHeaderActions';
import { SaveStatus } from './SaveStatus';
import { OdooSaveStatus } from './OdooSaveStatus';
import { editorBackLink } from './CampaignEditorView';
import { nextSensibleSendTime, subjectHint } from './schedule';
import { TemplatePicker } from './TemplatePicker';
import { focusTemplateValue, TemplateValueFields } from './TemplateValueFields';
import { campaignValueNames } from '../../../../shared/email/template-values';
import { useLocalDraft } from './use-local-draft';
import { BodySource, sourceOf } from './email/BodySource';
import { needsOdooNotice, OdooBodyNotice } from './email/OdooBodyNotice';

// The email editor (and MJML inside it) is its own chunk, fetched only when an email is written here.
const EmailEditor = lazy(() => import('./email/EmailEditor'));
import { scheduleOf, toDraftInput, validateForSend, type EditorValues } from './values';
import { useOdooWrites } from './use-odoo-writes';

type Draft = OpOutput<'drafts.save'>;
type Audience = OpOutput<'marketing.campaigns.get'>['audience'];
/** `audience`: what Odoo held when the editor opened (and, refetched, what it holds now). */
export type EditorMode = { kind: 'local'; draft: Draft | null } | { kind: 'odoo'; campaignId: string; audience: Audience };

export interface EditorFormProps {
  storeId: string;
  title: string;
  lists: z.infer<typeof MailingListSummary>[];
  /** Lists answered from the offline cache carry stale/as_of; the picker says so. */
  listsFreshness?: Freshness | undefined;
  initial: EditorValues;
  mode: EditorMode;
  /** For a draft that lives in Odoo: its email as Odoo holds it. */
  odooBody?: OpOutput<'marketing.campaigns.body.get'> | undefined;
  onReplaced: (draft: Draft) => void;
  /** Opens the form again from Odoo's campaign as it is now ("Take Odoo's" after an audience conflict). */
  onReload?: () => void;
}

export function EditorForm({ storeId, title, lists, listsFreshness, initial: initialProp, mode, odooBody, onReplaced, onReload }: EditorFormProps) {
  const queryClient = useQueryClient();
  // What the form opened with, frozen: a refetch of the campaign must not turn the person's older
  // values into "changes" written over what Odoo holds now.
  const [initial] = useState<EditorValues>(initialProp);
  const [v, setValues] = useState<EditorValues>(initial);
  const [touched, setTouched] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  // A template value the review sent the person to fill: focused once the review has closed.
  const fillTarget = useRef<string | null>(null);
  useEffect(() => {
    if (reviewing || fillTarget.current === null) return;
    focusTemplateValue(fillTarget.current);
    fillTarget.current = null;
  }, [reviewing]);
  // Odoo's own version of the email is replaced only once the person chose to (the server asks the same).
  const [replaceOdoo, setReplaceOdoo] = useState(false);
  // Where the email comes from; "Write it here instead" over Odoo's email turns it to writing.
  const [source, setSource] = useState(() => sourceOf(initial));
  const set = <K extends keyof EditorValues>(key: K, value: EditorValues[K]) => setValues((old) => ({ ...old, [key]: value }));
  const template = useOp('sendgrid.templates.get', { templateId: v.templateId }, { enabled: v.templateId !== '', staleTime: 5 * 60_000 });

  // Local drafts: every edit saved on this computer (nothing is written for an untouched new form).
  const pristine = mode.kind === 'local' && mode.draft === null && JSON.stringify(v) === JSON.stringify(initial);
  const local = useLocalDraft(mode.kind === 'local' ? mode.draft : null, mode.kind === 'local' && !pristine ? toDraftInput(storeId, v, template.data?.odoo_html) : null);

  // Drafts that live in Odoo (made there, or duplicated): edits go straight to Odoo, debounced.
  const odoo = useOdooWrites({ storeId, mode, v, initial, odooBody, replaceOdoo });
  const { campaignId, update, saveBody, startFromFavorite, openedAudience, changedInOdoo, audienceUnchanged } = odoo;

  // The chosen template's campaign-wide values (its fields Odoo cannot fill that are plain names).
  const valueNames = !v.document && !v.favorite && template.data ? campaignValueNames(template.data.unmapped) : [];
  const errors = validateForSend(v, new Date(), valueNames);
  const shown = touched ? errors : {};
  const schedule = scheduleOf(v);
  const hint = subjectHint(v.subject);
  const draft = mode.kind === 'local' ? local.draft : null;
  const failedPush = local.detail?.outbox.find((o) => o.state === 'failed');
  // Once the first save gave the draft an id, the address names it, so a reload reopens it.
  const draftId = draft?.id;
  useEffect(() => {
    if (draftId && !window.location.hash.includes('draft=')) window.history.replaceState(null, '', hrefFor({ name: 'campaign-new', draftId }));
  }, [draftId]);

  const review = () => {
    setTouched(true);
    if (Object.keys(errors).length === 0) setReviewing(true);
  };
  const prepare = async () => {
    if (mode.kind === 'odoo') {
      await odoo.writeNow(mode.campaignId);
      return mode.campaignId;
    }
    const saved = await local.flush({ toOdoo: true });
    if (!saved) throw new AppError('input.invalid', 'Write the campaign first: it is saved as you type.');
    return prepareLocal(saved.id);
  };
  const onSent = (campaignId: string) => {
    if (draft) void api.call('drafts.delete', { id: draft.id }).finally(() => void queryClient.invalidateQueries({ queryKey: ['drafts.list'] }));
    navigate({ name: 'campaign-stats', campaignId });
  };

  // The campaign's mailing in Odoo, once there is one: it can then be saved as a favourite.
  const odooCampaignId = campaignId ?? (draft?.sync.odooId && draft.campaignId ? draft.campaignId : null);
  const status = mode.kind === 'local' ? <SaveStatus draft={draft} saving={local.saving} failed={local.error !== null} /> : <OdooSaveStatus pending={update.isPending} error={update.error} saved={update.isSuccess} />;
  return (
    <Stack gap="lg">
      <PageHeader
        title={title}
        description="Write it, pick who gets it, check it, send it"
        above={editorBackLink}
        actions={
          <EditorHeaderActions storeId={storeId} status={status} review={review} prepare={prepare} scheduled={schedule !== null} saving={local.saving}
            onSaveToOdoo={mode.kind === 'local' && draft && !draft.campaignId ? () => void local.flush({ toOdoo: true }).catch(() => undefined) : undefined}
            localDraftId={draft?.id} odooDraftId={mode.kind === 'odoo' ? mode.campaignId : draft?.sync.odooId ? draft.campaignId : undefined} odooCampaignId={odooCampaignId} />
        }
      />
      {changedInOdoo && openedAudience && (
        <AudienceConflict odoo={changedInOdoo} yours={audienceUnchanged ? null : v} onTakeOdoo={() => onReload?.()} onKeepMine={v.segment === 'custom' ? undefined : () => odoo.keepMine(changedInOdoo.version)} />
      )}
      {local.detail?.remote && <ConflictPanel detail={local.detail} onResolved={(choice) => { if (choice === 'take-odoo') void api.call('drafts.get', { id: local.detail!.draft.id }).then((d) => onReplaced(d.draft)); }} />}
      {failedPush && <FailedPushAlert message={failedPush.lastError?.message} onRetry={() => void api.call('outbox.retry', { id: failedPush.id }).then(() => queryClient.invalidateQueries({ queryKey: ['drafts.get'] }))} />}
      {local.error !== null && <ErrorState error={local.error} title="Your last edits were not saved on this computer" onRetry={() => void local.flush().catch(() => undefined)} retrying={local.saving} />}
      {update.error && <ErrorState error={update.error} title="Odoo did not take the last edit" onRetry={update.error.code === 'conflict' ? undefined : odoo.retryUpdate} retrying={update.isPending} />}
      {saveBody.error && <ErrorState error={saveBody.error} title="Odoo did not take the last change to the email" onRetry={saveBody.variables ? () => saveBody.mutate(saveBody.variables) : undefined} retrying={saveBody.isPending} />}
      {startFromFavorite.error && <ErrorState error={startFromFavorite.error} title="Odoo did not take the favourite as this email" />}
      {needsOdooNotice(odooBody) && !replaceOdoo && <OdooBodyNotice body={odooBody} onReplace={() => { setReplaceOdoo(true); if (odooBody.kind !== 'sendgrid_template') setSource('write'); if (odooBody.document) set('document', odooBody.document); }} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card component="form" noValidate onSubmit={(e: React.FormEvent) => { e.preventDefault(); review(); }} aria-label="Campaign">
            <Stack>
              <Title order={2} fz="md">Message</Title>
              <TextInput label="Subject" value={v.subject} onChange={(e) => set('subject', e.currentTarget.value)} error={shown.subject} description={<Text span size="xs" c={hint.color}>{hint.text}</Text>} required maxLength={300} />
              <TextInput label="Preview text" description="Shown after the subject in most inboxes" value={v.previewText} onChange={(e) => set('previewText', e.currentTarget.value)} maxLength={255} />
              <TextInput label="Sender" placeholder="Store name <news@yourstore.com>" description="Leave empty to use the sender set up in Odoo" value={v.emailFrom} onChange={(e) => set('emailFrom', e.currentTarget.value)} />
              <Title order={2} fz="md" mt="sm">Content</Title>
              <BodySource storeId={storeId} source={source} onSource={setSource} document={v.document} onDocument={(d) => set('document', d)} favorite={v.favorite} onFavorite={(f) => set('favorite', f)} templatePicker={<TemplatePicker value={v.templateId} onChange={(id) => set('templateId', id)} error={shown.template} />} />
              <TemplateValueFields names={valueNames} values={v.templateValues} onChange={(values) => set('templateValues', values)} errors={shown.values} />
              <Title order={2} fz="md" mt="sm">Audience</Title>
              <AudienceFields storeId={storeId} lists={lists} listId={v.listId} onListId={(id) => set('listId', id)} segment={v.segment} onSegment={(s) => set('segment', s)} tag={v.tag} onTag={(t) => set('tag', t)} tagError={shown.tag} listsFreshness={listsFreshness}
                stored={odoo.storedAudience} />
              <Title order={2} fz="md" mt="sm">Delivery</Title>
              <DeliveryFields when={v.when} scheduleLocal={v.scheduleLocal} error={shown.schedule} onWhen={(w) => { set('when', w); if (w === 'later' && !v.scheduleLocal) set('scheduleLocal', nextSensibleSendTime(new Date())); }} onScheduleLocal={(d) => set('scheduleLocal', d)} />
              <Group justify="flex-end" mt="sm">
                <Button type="submit" leftSection={<IconChecklist size={16} />}>Review and {schedule ? 'schedule' : 'send'}…</Button>
              </Group>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <InboxPreviewColumn values={v} schedule={schedule} />
        </Grid.Col>
      </Grid>
      <TestVersionsSlot storeId={storeId} campaignId={campaignId ?? (mode.kind === 'local' && draft?.campaignId && draft.sync.odooId ? draft.campaignId : null)} localOnly={mode.kind === 'local'} canSave={Boolean(draft)} saving={local.saving} onSaveToOdoo={() => void local.flush({ toOdoo: true }).catch(() => undefined)} />
      {v.document && (
        <Suspense fallback={<LoadingState variant="page" />}>
          <EmailEditor value={v.document} onChange={(d) => set('document', d)} storeId={storeId} listId={v.listId ? Number(v.listId) : null} />
        </Suspense>
      )}
      <ReviewModal storeId={storeId} opened={reviewing} subject={v.subject.trim()} schedule={schedule} prepare={prepare} onClose={() => setReviewing(false)} onSent={onSent} onFillValue={(name) => { setTouched(true); fillTarget.current = name; setReviewing(false); }} />
    </Stack>
  );
}
