import { useState } from 'react';
import { Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import type { SegmentRule } from '../../../../shared/schemas/segments';
import { useOp, useOpMutation, type OpOutput } from '../../api/hooks';
import { ErrorState, formatNumber } from '../../components';
import { ConditionRow, type ConditionChoices } from './ConditionRow';
import { fromCondition, newDraft, ruleOf, type ConditionDraft } from './conditions';

type Saved = OpOutput<'marketing.segments.list'>['segments'][number];
type Lists = OpOutput<'marketing.lists'>['lists'];

export interface SegmentBuilderProps {
  storeId: string;
  lists: Lists;
  /** The saved segment being changed; null for a new one. */
  editing: Saved | null;
  onDone: (saved: Saved | null) => void;
}

/** Odoo counts after the person stops typing for this long: one count per pause, not per key. */
const COUNT_DELAY_MS = 400;

/**
 * Conditions combined with all or any, on one of the store's lists, with Odoo's live count of the
 * whole segment and of each condition alone (marketing.segments.count: search_count in Odoo,
 * never a guess here), and a name to save it under as an Odoo favourite filter.
 */
export function SegmentBuilder({ storeId, lists, editing, onDone }: SegmentBuilderProps) {
  const [listId, setListId] = useState<string | null>(editing ? String(editing.list_id) : lists[0] ? String(lists[0].id) : null);
  const [match, setMatch] = useState<SegmentRule['match']>(editing?.rule.match ?? 'all');
  const [drafts, setDrafts] = useState<ConditionDraft[]>(() => (editing ? editing.rule.conditions.map(fromCondition) : [newDraft()]));
  const [name, setName] = useState(editing?.name ?? '');
  const [nameError, setNameError] = useState<string | null>(null);

  const built = ruleOf(match, drafts);
  const [query] = useDebouncedValue({ listId, built }, COUNT_DELAY_MS);
  const ready = Boolean(query.listId && query.built);
  const count = useOp('marketing.segments.count', { storeId, list_id: Number(query.listId ?? 0), rule: query.built?.rule ?? { match, conditions: [{ type: 'bounced' }] } }, { enabled: ready, placeholderData: keepPreviousData, staleTime: 30_000 });
  const settling = count.isFetching || JSON.stringify(query) !== JSON.stringify({ listId, built });
  const tags = useOp('marketing.subscribers.tags', { storeId }, { staleTime: 5 * 60_000 });
  const sent = useOp('marketing.campaigns.list', { storeId, status: 'sent', limit: 200 }, { staleTime: 60_000 });
  const save = useOpMutation('marketing.segments.save', { invalidates: ['marketing.segments.list'] });

  const choices: ConditionChoices = {
    tags: (tags.data?.tags ?? []).map((t) => ({ value: t.name, label: `${t.name} (${formatNumber(t.count)})` })),
    lists: lists.map((l) => ({ value: String(l.id), label: l.name })),
    campaigns: (sent.data?.campaigns ?? []).map((c) => ({ value: String(c.odoo_campaign_id), label: c.subject || `Campaign ${c.odoo_campaign_id}` })),
  };
  // Per-condition counts belong to the rows that were counted, matched by their keys.
  const countOf = (key: string): number | undefined => {
    if (!count.data || !query.built) return undefined;
    const at = query.built.rows.indexOf(key);
    return at >= 0 ? count.data.conditions[at]?.count : undefined;
  };
  const change = (next: ConditionDraft) => setDrafts((all) => all.map((d) => (d.key === next.key ? next : d)));

  const submit = () => {
    if (!name.trim()) return setNameError('Name the segment to save it');
    if (!built || !listId) return;
    setNameError(null);
    save.mutate({ storeId, ...(editing ? { id: editing.id } : {}), name: name.trim(), list_id: Number(listId), rule: built.rule }, { onSuccess: (saved) => onDone(saved) });
  };

  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        <Title order={2} fz="lg">{editing ? `Change “${editing.name}”` : 'Build a segment'}</Title>
        <Group align="flex-end" gap="md" wrap="wrap">
          <Select label="Mailing list" data={choices.lists} value={listId} onChange={setListId} allowDeselect={false} w={280} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="segment-match-label">Subscribers who match</Text>
            <SegmentedControl aria-labelledby="segment-match-label" value={match} onChange={(v) => setMatch(v === 'any' ? 'any' : 'all')} data={[{ value: 'all', label: 'All conditions' }, { value: 'any', label: 'Any condition' }]} />
          </Stack>
        </Group>
        <Stack gap="xs">
          {drafts.map((d, i) => (
            <ConditionRow key={d.key} draft={d} position={i + 1} choices={choices} count={countOf(d.key)} counting={settling} onChange={change} onRemove={drafts.length > 1 ? () => setDrafts((all) => all.filter((x) => x.key !== d.key)) : undefined} />
          ))}
        </Stack>
        <Group>
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setDrafts((all) => [...all, newDraft()])} disabled={drafts.length >= 20}>
            Add a condition
          </Button>
        </Group>
        <Paper p="sm" bg="var(--mantine-color-default-hover)" aria-live="polite">
          {!listId ? (
            <Text size="sm">Pick a list to count who matches.</Text>
          ) : !built ? (
            <Text size="sm" c="dimmed">Complete a condition to see who matches.</Text>
          ) : count.error ? (
            <ErrorState error={count.error} title="Odoo could not count this segment" onRetry={() => void count.refetch()} />
          ) : count.data ? (
            <Text size="sm" style={{ opacity: settling ? 0.6 : 1 }}>
              <Text span fw={700} fz="lg" data-testid="segment-count">{formatNumber(count.data.count)}</Text>{' '}
              {count.data.count === 1 ? 'subscriber matches' : 'subscribers match'} on {lists.find((l) => String(l.id) === listId)?.name ?? 'the list'}, as Odoo counts them now — opted-out and blacklisted contacts left out.
            </Text>
          ) : (
            <Text size="sm" c="dimmed">Counting…</Text>
          )}
        </Paper>
        {/* ErrorState titles a refusal "Ask your Odoo administrator", as every other view does. */}
        {save.error && <ErrorState error={save.error} title="The segment was not saved" />}
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label="Segment name" placeholder="e.g. VIPs who open" value={name} onChange={(e) => setName(e.currentTarget.value)} error={nameError} maxLength={100} w={320} />
          <Button leftSection={<IconCheck size={16} />} onClick={submit} loading={save.isPending} disabled={!built || !listId}>
            {editing ? 'Save changes' : 'Save segment'}
          </Button>
          {editing && <Button variant="default" onClick={() => onDone(null)}>Cancel</Button>}
        </Group>
      </Stack>
    </Paper>
  );
}
