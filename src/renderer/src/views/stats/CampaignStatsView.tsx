import { Anchor, Button, Card, Grid, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCopy, IconMailX, IconSearch } from '@tabler/icons-react';
import { useOp } from '../../api/hooks';
import { CampaignStatusBadge, EmptyState, ErrorState, LoadingState, PageHeader, StatCard, formatDateTime, formatNumber, formatPercent } from '../../components';
import { isAppError } from '../../../../shared/errors';
import { hrefFor } from '../../router';
import { Funnel } from './Funnel';
import { deliveryFunnel } from './funnel';

const back = (
  <Anchor href={hrefFor({ name: 'campaigns' })} size="sm" c="dimmed">
    <Group gap={4}>
      <IconArrowLeft size={14} /> Campaigns
    </Group>
  </Anchor>
);

export function CampaignStatsView({ storeId, campaignId }: { storeId: string; campaignId: string }) {
  const campaign = useOp('marketing.campaigns.get', { storeId, campaignId });

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
            {c.sendgrid_template_id && <span>· Template {c.sendgrid_template_id}</span>}
          </Group>
        }
        actions={
          <Button component="a" href={hrefFor({ name: 'campaign-new', duplicateOf: c.campaign_id })} variant="default" leftSection={<IconCopy size={16} />}>
            Duplicate
          </Button>
        }
      />
      {s.sent === 0 ? (
        <EmptyState icon={<IconMailX size={28} />} title="No figures yet" description="Delivery and engagement figures appear once the campaign has been sent." />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <StatCard label="Open rate" value={formatPercent(s.open_rate)} hint={`${formatNumber(s.unique_opened)} people opened`} />
            <StatCard label="Click rate" value={formatPercent(s.click_rate)} hint={`${formatNumber(s.unique_clicked)} people clicked`} />
            <StatCard label="Delivered" value={formatNumber(s.delivered)} hint={`of ${formatNumber(s.sent)} sent`} />
            <StatCard label="Bounced" value={formatNumber(s.bounced)} hint={`${formatPercent(bounceRate)} of sent`} />
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
                  {[
                    ['Sent', formatNumber(s.sent)],
                    ['Delivered', formatNumber(s.delivered)],
                    ['Bounced', formatNumber(s.bounced)],
                    ['Opens (total)', formatNumber(s.opened)],
                    ['Unique opens', formatNumber(s.unique_opened)],
                    ['Clicks (total)', formatNumber(s.clicked)],
                    ['Unique clicks', formatNumber(s.unique_clicked)],
                    ['Unsubscribed', `${formatNumber(s.unsubscribed)} (${formatPercent(unsubscribeRate)})`],
                  ].map(([label, value]) => (
                    <div key={label}>
                      <Text size="xs" c="dimmed">
                        {label}
                      </Text>
                      <Text fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {value}
                      </Text>
                    </div>
                  ))}
                </SimpleGrid>
              </Card>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
