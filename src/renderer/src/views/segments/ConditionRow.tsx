import { ActionIcon, Autocomplete, Badge, Group, Loader, NumberInput, Paper, Select, TagsInput, Text, TextInput, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { formatNumber } from '../../components';
import { kindGroups, missing, type ConditionDraft, type ConditionKind } from './conditions';

export interface ConditionChoices {
  tags: { value: string; label: string }[];
  lists: { value: string; label: string }[];
  campaigns: { value: string; label: string }[];
}

export interface ConditionRowProps {
  draft: ConditionDraft;
  /** 1-based, for labels screen readers can tell apart ("Condition 2: tag"). */
  position: number;
  choices: ConditionChoices;
  /** Odoo's count of this condition alone on the list; undefined while not counted. */
  count: number | undefined;
  counting: boolean;
  onChange: (next: ConditionDraft) => void;
  onRemove: (() => void) | undefined;
}

/**
 * The server reads "in the last N days" over all the store's campaigns (audience/activity.ts), so a
 * reader of this list who opened a newsletter sent to another of the store's lists counts: say so
 * where the days are set (and read out with them).
 */
const DAYS_SCOPE = 'Every campaign this store sent counts, whichever of its lists it went to.';

/** The one input a condition needs besides its kind (none for "has bounced" and the buyer ones). */
function ValueInput({ draft, position, choices, onChange }: Pick<ConditionRowProps, 'draft' | 'position' | 'choices' | 'onChange'>) {
  const label = `Condition ${position}: value`;
  const set = <K extends keyof ConditionDraft>(key: K, value: ConditionDraft[K]) => onChange({ ...draft, [key]: value });
  switch (draft.kind) {
    case 'tag_has': case 'tag_not':
      return <Autocomplete aria-label={`Condition ${position}: tag`} placeholder="e.g. vip" data={choices.tags} value={draft.tag} onChange={(v) => set('tag', v)} style={{ flex: 1 }} />;
    case 'list':
      return <Select aria-label={`Condition ${position}: list`} placeholder="Pick a list" data={choices.lists} value={draft.listId} onChange={(v) => set('listId', v)} style={{ flex: 1 }} />;
    case 'subscribed_before': case 'subscribed_after':
      return <TextInput type="date" aria-label={`Condition ${position}: day`} value={draft.date} onChange={(e) => set('date', e.currentTarget.value)} style={{ flex: 1 }} />;
    case 'opened_campaign': case 'clicked_campaign': case 'not_opened_campaign':
      return <Select aria-label={`Condition ${position}: campaign`} placeholder={choices.campaigns.length ? 'Pick a sent campaign' : 'No campaign sent yet'} data={choices.campaigns} value={draft.campaignId} onChange={(v) => set('campaignId', v)} searchable style={{ flex: 1 }} />;
    case 'opened_days': case 'clicked_days': case 'not_opened_days':
      return <NumberInput aria-label={`Condition ${position}: days`} description={DAYS_SCOPE} inputWrapperOrder={['input', 'description']} min={1} max={3650} allowDecimal={false} value={draft.days} onChange={(v) => set('days', typeof v === 'number' ? v : Number(v))} rightSection={<Text size="xs" c="dimmed" pr="md">days</Text>} rightSectionWidth={56} style={{ flex: 1 }} />;
    case 'country':
      return <TagsInput aria-label={`Condition ${position}: countries`} placeholder="Two-letter codes, e.g. US, CA" value={draft.codes} onChange={(v) => set('codes', [...new Set(v.map((c) => c.trim().toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c)))])} style={{ flex: 1 }} />;
    case 'name_contains': case 'email_contains':
      return <TextInput aria-label={label} placeholder={draft.kind === 'email_contains' ? 'e.g. @gmail.com' : 'e.g. Smith'} value={draft.text} onChange={(e) => set('text', e.currentTarget.value)} style={{ flex: 1 }} />;
    case 'bounced': case 'buyer': case 'not_buyer':
      return <div style={{ flex: 1 }} />;
  }
}

/** One condition: what it tests, its value, and how many on the list it matches by itself. */
export function ConditionRow({ draft, position, choices, count, counting, onChange, onRemove }: ConditionRowProps) {
  const need = missing(draft);
  return (
    <Paper withBorder p="sm" role="group" aria-label={`Condition ${position}`}>
      <Group gap="sm" wrap="wrap" align="center">
        <Select
          aria-label={`Condition ${position}: kind`}
          data={kindGroups}
          value={draft.kind}
          onChange={(v) => v && onChange({ ...draft, kind: v as ConditionKind })}
          allowDeselect={false}
          w={270}
        />
        <ValueInput draft={draft} position={position} choices={choices} onChange={onChange} />
        <Group gap={6} w={150} justify="flex-end" wrap="nowrap" aria-live="polite">
          {need ? (
            <Text size="xs" c="dimmed">{need}</Text>
          ) : count !== undefined ? (
            <Badge variant="light" size="lg" data-testid={`condition-count-${position}`} style={{ opacity: counting ? 0.6 : 1 }}>
              {formatNumber(count)} {count === 1 ? 'match' : 'matches'}
            </Badge>
          ) : (
            <Loader size="xs" aria-label={`Counting condition ${position}`} />
          )}
        </Group>
        <Tooltip label={onRemove ? 'Remove this condition' : 'A segment needs at least one condition'}>
          <ActionIcon variant="subtle" color="gray" aria-label={`Remove condition ${position}`} onClick={onRemove} disabled={!onRemove}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Paper>
  );
}
