import { ActionIcon, Badge, Button, Group, Menu, Table, Text } from '@mantine/core';
import { IconCalendarTime, IconCalendarX, IconChartBar, IconCopy, IconDots, IconEdit, IconSend } from '@tabler/icons-react';
import type { z } from 'zod';
import type { Draft } from '../../../../shared/schemas/drafts';
import type { CampaignRow } from '../../../../shared/schemas/marketing';
import { ActionMenu, CampaignStatusBadge, formatDateTime, formatNumber, formatRate, FigureLabel } from '../../components';
import { hrefFor, navigate } from '../../router';
import { stateLook } from './LocalDraftsCard';

type Row = z.infer<typeof CampaignRow>;
const num = { fontVariantNumeric: 'tabular-nums' } as const;

export interface CampaignRowActions {
  /** schedule: an instant to schedule for, or null to send now. */
  onSend: (row: Row, schedule: string | null) => void;
  onSchedule: (row: Row) => void;
  onCancel: (row: Row) => void;
  onDuplicate: (row: Row) => void;
}

/** `drafts`: the local draft of each campaign that has one, by campaign id; its row shows the draft's sync state. */
export function CampaignsTable({ campaigns, actions, drafts = new Map() }: { campaigns: Row[]; actions: CampaignRowActions; drafts?: ReadonlyMap<string, Draft> }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table aria-label="Campaigns">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Campaign</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Sent / scheduled</Table.Th>
            <Table.Th ta="right"><FigureLabel label="Recipients" meaning="recipients" /></Table.Th>
            <Table.Th ta="right"><FigureLabel label="Open rate" meaning="openRate" /></Table.Th>
            <Table.Th ta="right"><FigureLabel label="Click rate" meaning="clickRate" /></Table.Th>
            <Table.Th w={170} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaigns.map((c) => {
            const hasFigures = c.status === 'sent' || c.status === 'sending';
            // Only a draft's local copy can differ from Odoo: once sent, Odoo's mailing is the campaign.
            const draft = c.status === 'draft' ? drafts.get(c.campaign_id) : undefined;
            return (
              <Table.Tr key={c.campaign_id}>
                <Table.Td maw={420}>
                  <Text size="sm" fw={500} truncate>
                    {/* Edits not yet pushed are newer than Odoo's subject. */}
                    {draft && draft.sync.state !== 'synced' && draft.subject ? draft.subject : c.subject}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Odoo mailing #{c.odoo_campaign_id}
                    {c.ab_test && ` · A/B test of ${c.ab_test.versions} versions${c.ab_test.winner === 'sent' ? ', winner sent' : c.ab_test.winner === 'sending' ? ', winner going out' : ''}`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CampaignStatusBadge status={c.status} />
                  {draft && (
                    <Badge data-testid="row-sync" ml={6} size="sm" color={stateLook[draft.sync.state].color} style={{ textTransform: 'none' }}>
                      {stateLook[draft.sync.state].label}
                    </Badge>
                  )}
                  {c.progress && (
                    <Text size="xs" c="dimmed" data-testid="row-progress">
                      {formatNumber(c.progress.sent)} of {formatNumber(c.progress.expected)} out{c.progress.failed > 0 ? `, ${formatNumber(c.progress.failed)} failed` : ''}
                    </Text>
                  )}
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
                  {hasFigures ? formatRate(c.open_rate) : '—'}
                </Table.Td>
                <Table.Td ta="right" style={num}>
                  {hasFigures ? formatRate(c.click_rate) : '—'}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {c.status === 'draft' ? (
                      <Button component="a" href={hrefFor({ name: 'campaign-edit', campaignId: c.campaign_id })} size="xs" variant="light" leftSection={<IconEdit size={14} />} aria-label={`Edit ${c.subject}`}>
                        Edit
                      </Button>
                    ) : c.status === 'scheduled' ? (
                      <Button size="xs" variant="light" color="orange" leftSection={<IconCalendarX size={14} />} onClick={() => actions.onCancel(c)} aria-label={`Cancel ${c.subject}`}>
                        Cancel
                      </Button>
                    ) : (
                      <Button component="a" href={hrefFor({ name: 'campaign-stats', campaignId: c.campaign_id })} size="xs" variant="subtle" leftSection={<IconChartBar size={14} />} aria-label={`View stats for ${c.subject}`}>
                        View stats
                      </Button>
                    )}
                    <ActionMenu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${c.subject}`}>
                          <IconDots size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        {c.status === 'draft' && (
                          <>
                            <Menu.Item leftSection={<IconSend size={14} />} onClick={() => actions.onSend(c, null)}>Send now…</Menu.Item>
                            <Menu.Item leftSection={<IconCalendarTime size={14} />} onClick={() => actions.onSchedule(c)}>Schedule…</Menu.Item>
                          </>
                        )}
                        {c.status === 'scheduled' && <Menu.Item leftSection={<IconCalendarX size={14} />} onClick={() => actions.onCancel(c)}>Cancel schedule</Menu.Item>}
                        <Menu.Item leftSection={<IconChartBar size={14} />} onClick={() => navigate({ name: 'campaign-stats', campaignId: c.campaign_id })}>
                          View stats
                        </Menu.Item>
                        <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => actions.onDuplicate(c)}>
                          Duplicate
                        </Menu.Item>
                      </Menu.Dropdown>
                    </ActionMenu>
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
