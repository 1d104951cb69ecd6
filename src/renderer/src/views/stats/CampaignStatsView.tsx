import { lazy, Suspense } from 'react';
import { Anchor, Button, Card, Grid, Group, Loader, SimpleGrid, Stack, Text, Skeleton } from '@mantine/core';
import { IconArrowLeft, IconCalendarX, IconCopy, IconEdit, IconMailX, IconSearch } from '@tabler/icons-react';
import { useOp } from '../../api/hooks';
import { CampaignStatusBadge, EmptyState, ErrorState, FigureLabel, LoadingState, StaleBadge, PageHeader, StatCard, formatDateTime, formatNumber, formatPercent, formatRate } from '../../components';
import { isAppError } from '../../../../shared/errors';
import { hrefFor } from '../../router';
import { Funnel } from './Funnel';
import { deliveryFunnel } from './funnel';
import { useCampaignActions } from '../campaigns/CampaignActions';

const TimelineChart = lazy(() => import('./TimelineChart').then((m) => ({ default: m.TimelineChart })));
import { TopLinks } from './TopLinks';
import { AbComparison } from './ab/AbComparison';
import { Breakdowns } from './Breakdowns';
import { RecipientsCard } from './RecipientsCard';
import { SendProgressCard } from './SendProgressCard';
import { UnsubscribeReasons } from './UnsubscribeReasons';

/**
 * The SendGrid template the email came from, by the name the owner gave it in SendGrid. Its id
 * (d-…) means nothing to a store owner, so a template SendGrid no longer lists (or a profile
 * without SendGrid) shows nothing rather than the id.
 */
function TemplateName({ templateId }: { templateId: string }) {
  const templates = useOp('sendgrid.templates.list', {}, { staleTime: 5 * 60_000, retry: false });
  const name = templates.data?.templates.find((t) => t.id === templateId)?.name;
  return name ? <span>· Template “{name}”</span> : null;
}

const back = (
  <Anchor href={hrefFor({ name: 'campaigns' })} size="sm" c="dimmed">
    <Group gap={4}>
      <IconArrowLeft size={14} /> Campaigns
    </Group>
  </Anchor>
);

/**
 * How often the figures are asked again. Just after Send the campaign is queued and has none: the
 * view asks every 2 s until the first mails are out (no "No figures yet" for a send under way), then
 * every 5 s while it sends or until the first opens arrive, and every 30 s after.
 */
export function figuresRefresh(c: { status: string; stats: { sent: number; unique_opened: number } } | undefined): number {
  if (!c) return 30_000;
  if (c.status === 'sending' && c.stats.sent === 0) return 2_000;
  if (c.status === 'sending' || (c.status === 'sent' && c.stats.unique_opened === 0)) return 5_000;
  return 30_000;
}

function ReportSections({ storeId, campaignId, sending }: { storeId: string; campaignId: string; sending: boolean }) {
  const report = useOp('marketing.campaigns.report', { storeId, campaignId }, { refetchInterval: sending ? 5_000 : 30_000 });
  if (report.error) return <ErrorState error={report.error} title="Could not load the detailed report" onRetry={() => void report.refetch()} retrying={report.isFetching} />;
  if (report.isPending) return <LoadingState variant="cards" />;
  const r = report.data;
  return (
    <>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Suspense fallback={<Skeleton height={260} radius="md" />}>
            <TimelineChart timeline={r.timeline} />
          </Suspense>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <TopLinks links={r.top_links} />
        </Grid.Col>
      </Grid>
      <Breakdowns report={r} />
      <Text size="xs" c="dimmed" ta="right">Figures from {r.sources.map((src) => ({ odoo: 'Odoo', sendgrid: 'SendGrid statistics', events: 'SendGrid events' })[src]).join(', ')}</Text>
    </>
  );
}

export function CampaignStatsView({ storeId, campaignId }: { storeId: string; campaignId: string }) {
  const campaign = useOp('marketing.campaigns.get', { storeId, campaignId }, { refetchInterval: (q) => figuresRefresh(q.state.data) });
  const { actions, dialogs } = useCampaignActions(storeId);

  if (campaign.error) {
    if (isAppError(campaign.error) && (campaign.error.code === 'not_found' || campaign.error.code === 'odoo.missing_record' || campaign.error.code === 'input.invalid'))
      return (
        <>
          <PageHeader title="Campaign not found" above={back} />
          <EmptyState icon={<IconSearch size={28} />} title="This campaign does not exist in this store" description={campaign.error.message} action={<Button component="a" href={hrefFor({ name: 'campaigns' })}>Back to campaigns</Button>} />
        </>
      );
    return (
      <>
        <PageHeader title="Campaign" above={back} />
        <ErrorState error={campaign.error} title="Could not load this campaign" onRetry={() => void campaign.refetch()} retrying={campaign.isFetching} />
      </>
    );
  }
  if (campaign.isPending)
    return (
      <>
        <PageHeader title="Campaign" above={back} />
        <LoadingState variant="page" />
      </>
    );

  const c = campaign.data;
  const s = c.stats;
  const row = { campaign_id: c.campaign_id, odoo_campaign_id: c.odoo_campaign_id, subject: c.subject, status: c.status, sent_date: c.sent_date, scheduled_for: c.scheduled_for, recipients: s.sent, open_rate: s.open_rate, click_rate: s.click_rate };
  const when = c.sent_date ? `Sent ${formatDateTime(c.sent_date)}` : c.scheduled_for ? `Scheduled for ${formatDateTime(c.scheduled_for)}` : 'Not sent yet';
  const bounceRate = s.sent > 0 ? (s.bounced / s.sent) * 100 : 0;
  const unsubscribeRate = s.delivered > 0 ? (s.unsubscribed / s.delivered) * 100 : 0;

  return (
    <Stack gap="lg">
      <PageHeader
        above={back}
        title={c.subject}
        description={
          <Group gap="xs" component="span">
            <CampaignStatusBadge status={c.status} />
            <span>{when}</span>
            <span>· Odoo mailing #{c.odoo_campaign_id}</span>
            {c.sendgrid_template_id && <TemplateName templateId={c.sendgrid_template_id} />}
            <StaleBadge data={c} what="These figures" />
          </Group>
        }
        actions={
          <>
            {c.status === 'draft' && <Button component="a" href={hrefFor({ name: 'campaign-edit', campaignId: c.campaign_id })} leftSection={<IconEdit size={16} />}>Edit</Button>}
            {c.status === 'scheduled' && <Button variant="light" color="orange" leftSection={<IconCalendarX size={16} />} onClick={() => actions.onCancel(row)}>Cancel schedule</Button>}
            <Button variant="default" leftSection={<IconCopy size={16} />} onClick={() => actions.onDuplicate(row)}>
              Duplicate
            </Button>
          </>
        }
      />
      {c.progress && <SendProgressCard storeId={storeId} campaignId={c.campaign_id} progress={c.progress} />}
      {s.sent === 0 && c.status === 'sending' ? (
        <EmptyState icon={<Loader size={28} />} title="Sending" description="Odoo is preparing the mails. Delivery and engagement figures appear here as the mails go out; this page refreshes on its own." />
      ) : s.sent === 0 ? (
        <EmptyState icon={<IconMailX size={28} />} title="No figures yet" description="Delivery and engagement figures appear once the campaign has been sent." />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <StatCard label="Open rate" meaning="openRate" value={formatRate(s.open_rate)} hint={`${formatNumber(s.unique_opened)} people opened`} />
            <StatCard label="Click rate" meaning="clickRate" value={formatRate(s.click_rate)} hint={`${formatNumber(s.unique_clicked)} people clicked`} />
            <StatCard label="Delivered" meaning="delivered" value={formatNumber(s.delivered)} hint={`of ${formatNumber(s.sent)} sent`} />
            <StatCard label="Bounced" meaning="bounced" value={formatNumber(s.bounced)} hint={`${formatPercent(bounceRate)} of sent`} />
          </SimpleGrid>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Funnel steps={deliveryFunnel(s)} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Card h="100%">
                <Text fw={600} mb="md">
                  All figures
                </Text>
                <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
                  {([
                    ['Sent', formatNumber(s.sent), 'sent'],
                    ['Delivered', formatNumber(s.delivered), 'delivered'],
                    ['Bounced', formatNumber(s.bounced), 'bounced'],
                    ['Opens (total)', formatNumber(s.opened), 'opensTotal'],
                    ['Unique opens', formatNumber(s.unique_opened), 'uniqueOpens'],
                    ['Clicks (total)', formatNumber(s.clicked), 'clicksTotal'],
                    ['Unique clicks', formatNumber(s.unique_clicked), 'uniqueClicks'],
                    ['Unsubscribed', `${formatNumber(s.unsubscribed)} (${formatPercent(unsubscribeRate)})`, 'unsubscribed'],
                  ] as const).map(([label, value, meaning]) => (
                    <div key={label}>
                      <Text size="xs" c="dimmed" component="div">
                        <FigureLabel label={label} meaning={meaning} />
                      </Text>
                      <Text fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {value}
                      </Text>
                    </div>
                  ))}
                </SimpleGrid>
                {c.unsubscribe_reasons && <UnsubscribeReasons reasons={c.unsubscribe_reasons} />}
              </Card>
            </Grid.Col>
          </Grid>
          <AbComparison storeId={storeId} campaignId={c.campaign_id} />
          <ReportSections storeId={storeId} campaignId={c.campaign_id} sending={c.status === 'sending'} />
          <RecipientsCard storeId={storeId} campaignId={c.campaign_id} subject={c.subject} />
        </>
      )}
      {dialogs}
    </Stack>
  );
}
