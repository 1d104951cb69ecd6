import { ActionIcon, Anchor, Card, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import type { z } from 'zod';
import type { CampaignRow } from '../../../../shared/schemas/marketing';
import { formatDate, formatNumber, formatRate } from '../../components/format';
import { CampaignStatusBadge } from '../../components/CampaignStatusBadge';
import { FigureLabel } from '../../components/FigureLabel';
import { hrefFor } from '../../router';
import { hasEngagementFigures } from './trends';

export function RecentCampaignsTable({ campaigns, limit = 8 }: { campaigns: z.infer<typeof CampaignRow>[]; limit?: number }) {
  const rows = campaigns.slice(0, limit);
  return (
    <Card p={0}>
      <Group justify="space-between" p="lg" pb="sm">
        <div>
          <Text fw={600}>Recent campaigns</Text>
          <Text size="xs" c="dimmed">
            Your latest sends and how they performed
          </Text>
        </div>
        <Anchor href={hrefFor({ name: 'campaigns' })} size="sm">
          All campaigns
        </Anchor>
      </Group>
      <Table.ScrollContainer minWidth={600}>
        <Table aria-label="Recent campaigns">
          <Table.Thead>
            <Table.Tr>
              <Table.Th pl="lg">Campaign</Table.Th>
              <Table.Th>Sent</Table.Th>
              <Table.Th ta="right"><FigureLabel label="Recipients" meaning="recipients" /></Table.Th>
              <Table.Th ta="right"><FigureLabel label="Open rate" meaning="openRate" /></Table.Th>
              <Table.Th ta="right"><FigureLabel label="Click rate" meaning="clickRate" /></Table.Th>
              <Table.Th pr="lg" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.campaign_id}>
                <Table.Td pl="lg" maw={360}>
                  <Text size="sm" fw={500} truncate>
                    {c.subject}
                  </Text>
                  {c.status !== 'sent' && <CampaignStatusBadge status={c.status} />}
                  {c.ab_test && <Text size="xs" c="dimmed">A/B test of {c.ab_test.versions} versions{c.ab_test.winner === 'sent' ? ', winner sent' : ''}: one campaign, figures of all its mails</Text>}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(c.sent_date ?? c.scheduled_for)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(c.recipients)}
                </Table.Td>
                {hasEngagementFigures(c) ? (
                  <>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatRate(c.open_rate)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatRate(c.click_rate)}
                    </Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={2} ta="right">
                    <Text size="sm" c="dimmed" fs="italic">
                      {c.status === 'sent' || c.status === 'sending' ? 'Figures coming in' : '—'}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td pr="lg" ta="right">
                  <Tooltip label="View stats">
                    <ActionIcon component="a" href={hrefFor({ name: 'campaign-stats', campaignId: c.campaign_id })} variant="subtle" aria-label={`View stats for ${c.subject}`}>
                      <IconChartBar size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
