import { ActionIcon, Button, Group, Menu, Table, Text } from '@mantine/core';
import { IconChartBar, IconCopy, IconDots, IconSend } from '@tabler/icons-react';
import type { z } from 'zod';
import type { CampaignRow } from '../../../../shared/schemas/marketing';
import { CampaignStatusBadge, formatDateTime, formatNumber, formatPercent } from '../../components';
import { hrefFor, navigate } from '../../router';

type Row = z.infer<typeof CampaignRow>;
const num = { fontVariantNumeric: 'tabular-nums' } as const;

export function CampaignsTable({ campaigns, onSend }: { campaigns: Row[]; onSend: (row: Row) => void }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table aria-label="Campaigns">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Campaign</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Sent / scheduled</Table.Th>
            <Table.Th ta="right">Recipients</Table.Th>
            <Table.Th ta="right">Open rate</Table.Th>
            <Table.Th ta="right">Click rate</Table.Th>
            <Table.Th w={170} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaigns.map((c) => {
            const hasFigures = c.status === 'sent' || c.status === 'sending';
            return (
              <Table.Tr key={c.campaign_id}>
                <Table.Td maw={420}>
                  <Text size="sm" fw={500} truncate>
                    {c.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Odoo mailing #{c.odoo_campaign_id}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CampaignStatusBadge status={c.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(c.sent_date ?? c.scheduled_for)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={num}>
                  {hasFigures ? formatNumber(c.recipients) : '—'}
                </Table.Td>
                <Table.Td ta="right" style={num}>
                  {hasFigures ? formatPercent(c.open_rate) : '—'}
                </Table.Td>
                <Table.Td ta="right" style={num}>
                  {hasFigures ? formatPercent(c.click_rate) : '—'}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {c.status === 'draft' ? (
                      <Button size="xs" variant="light" leftSection={<IconSend size={14} />} onClick={() => onSend(c)} aria-label={`Send ${c.subject} now`}>
                        Send now
                      </Button>
                    ) : (
                      <Button component="a" href={hrefFor({ name: 'campaign-stats', campaignId: c.campaign_id })} size="xs" variant="subtle" leftSection={<IconChartBar size={14} />} aria-label={`View stats for ${c.subject}`}>
                        View stats
                      </Button>
                    )}
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${c.subject}`}>
                          <IconDots size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconChartBar size={14} />} onClick={() => navigate({ name: 'campaign-stats', campaignId: c.campaign_id })}>
                          View stats
                        </Menu.Item>
                        <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => navigate({ name: 'campaign-new', duplicateOf: c.campaign_id })}>
                          Duplicate
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
