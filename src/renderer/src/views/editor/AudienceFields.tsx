import { Autocomplete, Group, Loader, Paper, Select, Text, ThemeIcon } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { IconAlertTriangle, IconUsersGroup } from '@tabler/icons-react';
import type { z } from 'zod';
import type { MailingListSummary } from '../../../../shared/schemas/marketing';
import { useOp } from '../../api/hooks';
import { StaleBadge, asOfText, formatNumber, type Freshness } from '../../components';
import { useSavedSegmentChoices } from './saved-segment-choices';

/** `saved:<id>`: a segment saved with the segment builder (an Odoo favourite filter). */
export type SavedSegmentKind = `saved:${number}`;
export type SegmentKind = 'all' | 'buyers' | 'subscribers' | 'opened_last_campaign' | 'tag' | 'custom' | SavedSegmentKind;

export const isSavedSegment = (s: string): s is SavedSegmentKind => /^saved:[1-9]\d{0,9}$/.test(s);

/** A domain the console cannot name (edited in Odoo): shown, counted by Odoo, and kept. */
export const CUSTOM_AUDIENCE = 'Custom audience (set in Odoo)';

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
  storeId: string;
  lists: z.infer<typeof MailingListSummary>[];
  listId: string | null;
  onListId: (id: string | null) => void;
  segment: SegmentKind;
  onSegment: (s: SegmentKind) => void;
  tag: string;
  onTag: (t: string) => void;
  tagError?: string | undefined;
  /** How fresh `lists` is: answered from the offline cache, they carry "as of". */
  listsFreshness?: Freshness | undefined;
  /**
   * The audience Odoo holds for this campaign, while the form still shows it unchanged: its live
   * count comes from Odoo as the mailing stands (a custom domain, or "opened the last campaign" as
   * resolved then), not from re-estimating the segment. `custom` offers "Custom audience" in the picker.
   */
  stored?: { recipients: number; custom: boolean; unchanged: boolean; label?: string | undefined } | undefined;
}

/**
 * The picker's choices: the fixed segments, then the store's saved segments, each with Odoo's count
 * on this list (saved-segment-choices.ts), then the audience kept from Odoo.
 */
function pickerData(saved: { value: string; label: string }[], stored: AudienceFieldsProps['stored']) {
  return [
    { group: 'Segments', items: segmentOptions },
    ...(saved.length > 0 ? [{ group: 'Saved segments', items: saved }] : []),
    ...(stored?.custom ? [{ group: 'Kept from Odoo', items: [{ value: 'custom', label: stored.label && stored.label !== CUSTOM_AUDIENCE ? `${stored.label} (kept as it is)` : CUSTOM_AUDIENCE }] }] : []),
  ];
}

/** Who gets it, with Odoo's live count of that audience as the list or segment changes. */
export function AudienceFields({ storeId, lists, listId, onListId, segment, onSegment, tag, onTag, tagError, listsFreshness, stored }: AudienceFieldsProps) {
  const list = lists.find((l) => String(l.id) === listId);
  const tags = useOp('marketing.subscribers.tags', { storeId }, { staleTime: 5 * 60_000 });
  const kept = stored?.unchanged ? stored : undefined;
  const ready = Boolean(listId) && (segment !== 'tag' || tag.trim() !== '') && segment !== 'custom';
  const [query] = useDebouncedValue({ listId, segment: segmentValue(segment, tag), ready }, 400);
  const estimate = useOp('marketing.campaigns.estimate', { storeId, list_id: Number(query.listId ?? 0), segment: query.segment }, { enabled: !kept && query.ready && Boolean(query.listId), placeholderData: keepPreviousData, staleTime: 60_000 });
  const { saved, items } = useSavedSegmentChoices(storeId, listId, lists);
  // The segment's own last count stands in only on the list it was counted on.
  const savedHere = isSavedSegment(segment) ? saved.data?.segments.find((s) => `saved:${s.id}` === segment && String(s.list_id) === listId) : undefined;
  const options = pickerData(items, stored);
  const settling = estimate.isFetching || query.segment !== segmentValue(segment, tag) || query.listId !== listId;
  // Offline the host answers the last count for this audience: an estimate, said as one.
  const estimateAsOf = asOfText(estimate.data, new Date());

  return (
    <>
      <Group grow align="flex-start">
        <Select label="Mailing list" data={lists.map((l) => ({ value: String(l.id), label: `${l.name} (${formatNumber(l.active_contacts)})` }))} value={listId} onChange={onListId} allowDeselect={false} required disabled={segment === 'custom'} description={segment === 'custom' ? 'Set in Odoo with the audience; pick a segment to change it here' : undefined} />
        <Select label="Segment" data={options} value={segment} onChange={(v) => v && onSegment(v as SegmentKind)} allowDeselect={false} />
      </Group>
      {listsFreshness?.stale && (
        <Group gap="xs">
          <StaleBadge data={listsFreshness} what="Your lists" />
          <Text size="xs" c="dimmed">Lists and counts as Odoo last gave them.</Text>
        </Group>
      )}
      {segment === 'tag' && (
        <Autocomplete
          label="Tag"
          placeholder="e.g. vip"
          data={(tags.data?.tags ?? []).map((t) => ({ value: t.name, label: `${t.name} (${formatNumber(t.count)})` }))}
          value={tag}
          onChange={onTag}
          error={tagError}
          required
        />
      )}
      <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size="lg" color={estimate.error ? 'orange' : undefined}>
            {estimate.error ? <IconAlertTriangle size={18} /> : <IconUsersGroup size={18} />}
          </ThemeIcon>
          <div aria-live="polite" style={{ flex: 1 }}>
            {kept ? (
              <Text size="sm">
                <Text span fw={700} fz="lg" data-testid="estimated-recipients">{formatNumber(kept.recipients)}</Text>{' '}
                {kept.recipients === 1 ? 'recipient' : 'recipients'} {segment === 'custom' ? 'in the audience set in Odoo, kept as it is' : 'as Odoo holds this campaign’s audience'} — opted-out and blacklisted contacts left out.
              </Text>
            ) : !ready ? (
              <Text size="sm" c="dimmed">{listId ? 'Name the tag to count who has it.' : 'Pick a list to see who will receive this campaign.'}</Text>
            ) : estimate.error && savedHere ? (
              <Text size="sm">
                About <Text span fw={700} fz="lg" data-testid="estimated-recipients">{formatNumber(savedHere.recipients)}</Text>{' '}
                {savedHere.recipients === 1 ? 'recipient' : 'recipients'} in “{savedHere.name}”{asOfText(saved.data, new Date()) ? ` · ${asOfText(saved.data, new Date())}` : ''} <Text span c="dimmed">(Odoo could not count it now; this is the segment’s last count)</Text>
              </Text>
            ) : estimate.error ? (
              <Text size="sm">
                Odoo could not count this audience right now ({estimate.error.message}){list ? ` The list has ${formatNumber(list.active_contacts)} active contacts.` : ''}
              </Text>
            ) : estimate.data && estimateAsOf ? (
              <Text size="sm" style={{ opacity: settling ? 0.6 : 1 }}>
                About <Text span fw={700} fz="lg" data-testid="estimated-recipients">{formatNumber(estimate.data.estimated_recipients)}</Text>{' '}
                {estimate.data.estimated_recipients === 1 ? 'recipient' : 'recipients'} · {estimateAsOf} <Text span c="dimmed">(Odoo cannot be reached; the count is the last one it gave)</Text>
              </Text>
            ) : estimate.data ? (
              <Text size="sm" style={{ opacity: settling ? 0.6 : 1 }}>
                <Text span fw={700} fz="lg" data-testid="estimated-recipients">{formatNumber(estimate.data.estimated_recipients)}</Text>{' '}
                {estimate.data.estimated_recipients === 1 ? 'recipient' : 'recipients'} of {formatNumber(estimate.data.list_total)} reachable on {list?.name ?? 'the list'} — opted-out and blacklisted contacts left out.
              </Text>
            ) : (
              <Text size="sm" c="dimmed">Counting…</Text>
            )}
          </div>
          {!kept && settling && ready && !estimate.error && <Loader size="xs" aria-label="Updating the estimate" />}
        </Group>
      </Paper>
    </>
  );
}
