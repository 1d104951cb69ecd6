import { useState } from 'react';
import { Anchor, Button, Group } from '@mantine/core';
import { IconArrowLeft, IconMailCheck } from '@tabler/icons-react';
import { useOp, type OpOutput } from '../../api/hooks';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '../../components';
import { hrefFor } from '../../router';
import { EditorForm, type EditorMode } from './EditorForm';
import { emptyValues, valuesFromCampaign, valuesFromDraft } from './values';

type Draft = OpOutput<'drafts.save'>;

export const editorBackLink = (
  <Anchor href={hrefFor({ name: 'campaigns' })} size="sm" c="dimmed">
    <Group gap={4}>
      <IconArrowLeft size={14} /> Campaigns
    </Group>
  </Anchor>
);

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <PageHeader title={title} above={editorBackLink} />
      {children}
    </>
  );
}

/** A new campaign, a local draft being resumed (`draftId`), or a draft that lives in Odoo (`campaignId`). */
export function CampaignEditorView({ storeId, draftId: routeDraftId, campaignId }: { storeId: string; draftId?: string | undefined; campaignId?: string | undefined }) {
  // The address gains ?draft=<id> after the first save; the editor keeps the draft it started with.
  const [draftId] = useState(routeDraftId);
  const lists = useOp('marketing.lists', { storeId });
  const localDraft = useOp('drafts.get', { id: draftId ?? '00000000-0000-4000-8000-000000000000' }, { enabled: Boolean(draftId) });
  const campaign = useOp('marketing.campaigns.get', { storeId, campaignId: campaignId ?? 'camp_unused' }, { enabled: Boolean(campaignId) });
  const drafts = useOp('drafts.list', { storeId }, { enabled: Boolean(campaignId) });
  // The email as Odoo holds it: the console's document when it was written here (read back to edit).
  const body = useOp('marketing.campaigns.body.get', { storeId, campaignId: campaignId ?? 'camp_unused' }, { enabled: Boolean(campaignId) });
  // "Take Odoo's" replaces the local draft: the form starts again from it.
  const [replaced, setReplaced] = useState<{ draft: Draft; generation: number } | null>(null);
  // "Take Odoo's" audience after a conflict opens the form again from Odoo's campaign.
  const [reloads, setReloads] = useState(0);
  const title = campaignId || draftId ? 'Edit campaign' : 'New campaign';

  const failure = lists.error ?? localDraft.error ?? campaign.error ?? body.error;
  if (failure) return <Frame title={title}><ErrorState error={failure} title="Could not open the editor" onRetry={() => { void lists.refetch(); if (draftId) void localDraft.refetch(); if (campaignId) void campaign.refetch(); }} /></Frame>;
  if (!lists.data || (draftId && localDraft.isPending) || (campaignId && (campaign.isPending || drafts.isPending || body.isPending))) return <Frame title={title}><LoadingState variant="page" /></Frame>;

  const allLists = lists.data.lists;
  const firstList = allLists[0]?.id;
  if (campaign.data && campaign.data.status !== 'draft')
    return (
      <Frame title={title}>
        <EmptyState icon={<IconMailCheck size={28} />} title="This campaign can no longer be edited" description={`It is ${campaign.data.status}. Duplicate it to send a new version.`} action={<Button component="a" href={hrefFor({ name: 'campaign-stats', campaignId: campaign.data.campaign_id })}>View the campaign</Button>} />
      </Frame>
    );

  let mode: EditorMode;
  let initial;
  const linked = campaignId ? drafts.data?.drafts.find((d) => d.campaignId === campaignId) : undefined;
  const startDraft = replaced?.draft ?? localDraft.data?.draft ?? linked ?? null;
  if (startDraft) {
    mode = { kind: 'local', draft: startDraft };
    initial = valuesFromDraft(startDraft, firstList);
  } else if (campaign.data) {
    mode = { kind: 'odoo', campaignId: campaign.data.campaign_id, audience: campaign.data.audience };
    // A document edited in Odoo since is not taken up silently: the form says so and asks (OdooBodyNotice).
    const document = body.data?.kind === 'document' && !body.data.edited_in_odoo ? body.data.document : null;
    initial = { ...valuesFromCampaign(campaign.data, firstList), document, templateValues: body.data?.template_values ?? {} };
  } else {
    mode = { kind: 'local', draft: null };
    initial = emptyValues(firstList);
  }
  const key = `${mode.kind}-${startDraft?.id ?? campaignId ?? 'new'}-${replaced?.generation ?? 0}-${reloads}`;
  return (
    <EditorForm
      key={key}
      storeId={storeId}
      title={title}
      lists={allLists}
      listsFreshness={lists.data}
      initial={initial}
      mode={mode}
      odooBody={mode.kind === 'odoo' ? body.data : undefined}
      onReplaced={(draft) => setReplaced((r) => ({ draft, generation: (r?.generation ?? 0) + 1 }))}
      onReload={() => void campaign.refetch().then(() => setReloads((n) => n + 1))}
    />
  );
}
