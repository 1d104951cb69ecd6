import { lazy, Suspense } from 'react';
import { Button, Grid, SimpleGrid, Stack, Skeleton } from '@mantine/core';
import { IconClick, IconMailOpened, IconPlus, IconSend, IconUpload, IconUsers, IconMail } from '@tabler/icons-react';
import { useOp } from '../../api/hooks';
import { EmptyState, ErrorState, LoadingState, PageHeader, StaleBadge, StatCard, formatNumber, formatRate } from '../../components';
import { hrefFor } from '../../router';
import { RecentCampaignsTable } from './RecentCampaignsTable';

// Charts (recharts) are a chunk of their own: the overview's figures show before it arrives.
const RatesChart = lazy(() => import('./RatesChart').then((m) => ({ default: m.RatesChart })));
import { countTrend, periodRateTrend, rateTrend } from './trends';

// Two averages are possible: the mean of each campaign's rate, or every open over every delivered
// mail of the period, where one big send outweighs the rest. Marketers read the first (Mailchimp's
// "average open rate" is the mean of campaign rates), so that is what the API computes; say which.
const AVERAGE_OPEN_HINT = "Mean of each sent campaign's open rate (opened ÷ delivered)";
const AVERAGE_CLICK_HINT = "Mean of each sent campaign's click rate (clicked ÷ delivered)";

function QuickActions() {
  return (
    <>
      <Button component="a" href={hrefFor({ name: 'subscribers', import: true })} variant="default" leftSection={<IconUpload size={16} />}>
        Import subscribers
      </Button>
      <Button component="a" href={hrefFor({ name: 'campaign-new' })} leftSection={<IconPlus size={16} />}>
        New campaign
      </Button>
    </>
  );
}

export function OverviewView({ storeId }: { storeId: string }) {
  const overview = useOp('marketing.overview', { storeId });
  const actions = (
    <>
      <StaleBadge data={overview.data} what="These figures" />
      <QuickActions />
    </>
  );
  const header = <PageHeader title="Overview" description="How your store's email marketing is doing" actions={actions} />;

  // Every state keeps the header first in the same Stack, so React keeps the same heading element:
  // a person who skipped to it while the figures loaded keeps their focus when they arrive.
  if (overview.error)
    return (
      <Stack gap="lg">
        {header}
        <ErrorState error={overview.error} title="Could not load the overview" onRetry={() => void overview.refetch()} retrying={overview.isFetching} />
      </Stack>
    );
  if (overview.isPending)
    return (
      <Stack gap="lg">
        {header}
        <LoadingState variant="page" />
      </Stack>
    );

  const o = overview.data;
  const recent = o.recent_campaigns;
  const t = 'trends' in o ? o.trends : undefined;
  return (
    <Stack gap="lg">
      {header}
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }}>
        <StatCard label="Subscribers" meaning="subscribers" value={formatNumber(o.subscribers)} icon={<IconUsers size={18} />} hint="Reachable: on a list, not opted out, not blacklisted, with a valid address" trend={t ? countTrend(t.subscribers.current, t.subscribers.previous, t.period_days) : null} />
        <StatCard label="Campaigns sent" meaning="campaignsSent" value={formatNumber(o.campaigns_sent)} icon={<IconSend size={18} />} hint={`${t ? `${formatNumber(t.campaigns_sent.current)} in the last ${t.period_days} days` : 'All time'}; an A/B test counts once`} trend={t ? countTrend(t.campaigns_sent.current, t.campaigns_sent.previous, t.period_days) : null} />
        <StatCard label="Average open rate" meaning="averageOpenRate" value={formatRate(o.average_open_rate)} icon={<IconMailOpened size={18} />} hint={AVERAGE_OPEN_HINT} trend={t ? periodRateTrend(t.average_open_rate.current, t.average_open_rate.previous, t.period_days) : rateTrend(recent, 'open_rate')} />
        <StatCard label="Average click rate" meaning="averageClickRate" value={formatRate(o.average_click_rate)} icon={<IconClick size={18} />} hint={AVERAGE_CLICK_HINT} trend={t ? periodRateTrend(t.average_click_rate.current, t.average_click_rate.previous, t.period_days) : rateTrend(recent, 'click_rate')} />
      </SimpleGrid>
      {recent.length === 0 ? (
        <EmptyState
          icon={<IconMail size={28} />}
          title="No campaigns yet"
          description="Your first campaign's figures will show up here once it is sent."
          action={
            <Button component="a" href={hrefFor({ name: 'campaign-new' })} leftSection={<IconPlus size={16} />}>
              Create your first campaign
            </Button>
          }
        />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, xl: 7 }} order={{ base: 2, xl: 1 }}>
            <RecentCampaignsTable campaigns={recent} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xl: 5 }} order={{ base: 1, xl: 2 }}>
            <Suspense fallback={<Skeleton height={300} radius="md" />}>
              <RatesChart campaigns={recent} />
            </Suspense>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
