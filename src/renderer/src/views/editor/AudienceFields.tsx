import { Group, Select, Text, TextInput, ThemeIcon, Paper } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import type { z } from 'zod';
import type { MailingListSummary } from '../../../../shared/schemas/marketing';
import { formatNumber } from '../../components';

export type SegmentKind = 'all' | 'buyers' | 'subscribers' | 'opened_last_campaign' | 'tag';

export const segmentOptions: { value: SegmentKind; label: string }[] = [
  { value: 'all', label: 'Everyone on the list' },
  { value: 'buyers', label: 'Buyers' },
  { value: 'subscribers', label: 'Newsletter sign-ups' },
  { value: 'opened_last_campaign', label: 'Opened the last campaign' },
  { value: 'tag', label: 'Has a tag…' },
];

/** The contract's segment string: all | buyers | subscribers | opened_last_campaign | tag:<name>. */
export function segmentValue(kind: SegmentKind, tag: string): string {
  return kind === 'tag' ? `tag:${tag.trim()}` : kind;
}

export interface AudienceFieldsProps {
  lists: z.infer<typeof MailingListSummary>[];
  listId: string | null;
  onListId: (id: string | null) => void;
  segment: SegmentKind;
  onSegment: (s: SegmentKind) => void;
  tag: string;
  onTag: (t: string) => void;
  /** The exact count Odoo computed when the draft was saved, or null before that. */
  estimate: number | null;
  tagError?: string | undefined;
}

export function AudienceFields({ lists, listId, onListId, segment, onSegment, tag, onTag, estimate, tagError }: AudienceFieldsProps) {
  const list = lists.find((l) => String(l.id) === listId);
  return (
    <>
      <Group grow align="flex-start">
        <Select label="Mailing list" data={lists.map((l) => ({ value: String(l.id), label: `${l.name} (${formatNumber(l.active_contacts)})` }))} value={listId} onChange={onListId} allowDeselect={false} required />
        <Select label="Segment" data={segmentOptions} value={segment} onChange={(v) => v && onSegment(v as SegmentKind)} allowDeselect={false} />
      </Group>
      {segment === 'tag' && <TextInput label="Tag" placeholder="e.g. vip" value={tag} onChange={(e) => onTag(e.currentTarget.value)} error={tagError} required />}
      <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size="lg">
            <IconUsersGroup size={18} />
          </ThemeIcon>
          <div aria-live="polite">
            {estimate !== null ? (
              <Text size="sm">
                <Text span fw={700} data-testid="estimated-recipients">
                  {formatNumber(estimate)}
                </Text>{' '}
                recipients, as Odoo counts them (opted-out and blacklisted contacts left out).
              </Text>
            ) : list ? (
              <Text size="sm">
                Up to <Text span fw={700}>{formatNumber(list.active_contacts)}</Text> active contacts on {list.name}
                {segment !== 'all' && '; the segment narrows it'}. The exact count is computed when you save the draft.
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                Pick a list to see who will receive this campaign.
              </Text>
            )}
          </div>
        </Group>
      </Paper>
    </>
  );
}
