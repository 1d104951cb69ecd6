import { useState } from 'react';
import { Button, Card, Group, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { IconCalendarMonth, IconMail, IconPlus, IconSearch } from '@tabler/icons-react';
import type { CampaignStatus } from '../../../../shared/schemas/marketing';
import { useOp } from '../../api/hooks';
import { EmptyState, ErrorState, PageHeader, StaleBadge, TableSkeleton, formatNumber, Pager } from '../../components';
import { hrefFor } from '../../router';
import { CampaignsTable } from './CampaignsTable';
import { useCampaignActions } from './CampaignActions';
import { LocalDraftsCard } from './LocalDraftsCard';
import { draftsByCampaign } from './draft-rows';

const pageSize = 20;
const filters: { value: 'all' | CampaignStatus; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'draft', label: 'Drafts' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'sending', label: 'Sending' },
  { value: 'sent', label: 'Sent' },
  { value: 'failed', label: 'Failed' },
];

const sorts = [
  { value: 'date:desc', label: 'Newest first' },
  { value: 'date:asc', label: 'Oldest first' },
  { value: 'open_rate:desc', label: 'Highest open rate' },
  { value: 'click_rate:desc', label: 'Highest click rate' },
  { value: 'open_rate:asc', label: 'Lowest open rate' },
  { value: 'click_rate:asc', label: 'Lowest click rate' },
] as const;
type SortValue = (typeof sorts)[number]['value'];

/** A day typed in a date input (the person's own day) as the instant it starts. */
const dayStart = (day: string): string | undefined => (day ? new Date(`${day}T00:00`).toISOString() : undefined);

export function CampaignsView({ storeId }: { storeId: string }) {
  const [status, setStatus] = useState<'all' | CampaignStatus>('all');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<SortValue>('date:desc');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [minOpen, setMinOpen] = useState<number | ''>('');
  const [minClick, setMinClick] = useState<number | ''>('');
  const { actions, dialogs } = useCampaignActions(storeId);
  const [sortBy, direction] = sort.split(':') as ['date' | 'open_rate' | 'click_rate', 'asc' | 'desc'];
  const until = to ? new Date(new Date(`${to}T00:00`).getTime() + 86_400_000).toISOString() : undefined;

  const input = {
    storeId,
    limit: pageSize,
    offset: (page - 1) * pageSize,
    ...(status === 'all' ? {} : { status }),
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(sort === 'date:desc' ? {} : { sort: sortBy, direction }),
    ...(dayStart(from) ? { from: dayStart(from) } : {}),
    ...(until ? { to: until } : {}),
    ...(minOpen === '' ? {} : { min_open_rate: minOpen / 100 }),
    ...(minClick === '' ? {} : { min_click_rate: minClick / 100 }),
  };
  const campaigns = useOp('marketing.campaigns.list', input, { placeholderData: keepPreviousData });
  const drafts = useOp('drafts.list', { storeId });
  const linkedDrafts = draftsByCampaign(drafts.data?.drafts ?? []);
  const shownCampaignIds = new Set((campaigns.data?.campaigns ?? []).map((c) => c.campaign_id));
  const pages = campaigns.data ? Math.max(1, Math.ceil(campaigns.data.total / pageSize)) : 1;
  const filtered = status !== 'all' || debouncedSearch !== '' || from !== '' || to !== '' || minOpen !== '' || minClick !== '';

  return (
    <Stack gap="lg">
      <PageHeader
        title="Campaigns"
        description="Create, send and follow your email campaigns"
        actions={
          <>
            <StaleBadge data={campaigns.data} what="These campaigns" />
            <Button component="a" href={hrefFor({ name: 'campaign-calendar' })} variant="default" leftSection={<IconCalendarMonth size={16} />}>
              Calendar
            </Button>
            <Button component="a" href={hrefFor({ name: 'campaign-new' })} leftSection={<IconPlus size={16} />}>
              New campaign
            </Button>
          </>
        }
      />
      <LocalDraftsCard storeId={storeId} shownCampaignIds={shownCampaignIds} />
      <Card p={0}>
        <Group justify="space-between" p="md" gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label="Filter by status"
            value={status}
            onChange={(v) => {
              setStatus(v as 'all' | CampaignStatus);
              setPage(1);
            }}
            data={filters}
          />
          <TextInput
            aria-label="Search campaigns"
            placeholder="Search by subject"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={280}
          />
        </Group>
        <Group px="md" pb="md" gap="sm" wrap="wrap" align="flex-end">
          <Select label="Sort by" aria-label="Sort campaigns" data={sorts.map((o) => ({ ...o }))} value={sort} allowDeselect={false} onChange={(v) => { setSort((v ?? 'date:desc') as SortValue); setPage(1); }} w={200} />
          <TextInput type="date" label="Sent or scheduled from" value={from} onChange={(e) => { setFrom(e.currentTarget.value); setPage(1); }} />
          <TextInput type="date" label="Until" value={to} onChange={(e) => { setTo(e.currentTarget.value); setPage(1); }} />
          <NumberInput label="Open rate at least (%)" min={0} max={100} value={minOpen} onChange={(n) => { setMinOpen(n === '' ? '' : Number(n)); setPage(1); }} w={180} />
          <NumberInput label="Click rate at least (%)" min={0} max={100} value={minClick} onChange={(n) => { setMinClick(n === '' ? '' : Number(n)); setPage(1); }} w={180} />
        </Group>
        {campaigns.error ? (
          <Stack p="md">
            <ErrorState error={campaigns.error} title="Could not load campaigns" onRetry={() => void campaigns.refetch()} retrying={campaigns.isFetching} />
          </Stack>
        ) : campaigns.isPending ? (
          <Stack p="md">
            <TableSkeleton rows={8} />
          </Stack>
        ) : campaigns.data.campaigns.length === 0 ? (
          <EmptyState
            framed={false}
            icon={<IconMail size={28} />}
            title={filtered ? 'No campaign matches' : 'No campaigns yet'}
            description={filtered ? 'Try another status, search term, date or rate.' : 'Create a campaign to reach your subscribers.'}
            action={
              filtered ? (
                <Button variant="default" onClick={() => { setStatus('all'); setSearch(''); setFrom(''); setTo(''); setMinOpen(''); }}>
                  Clear filters
                </Button>
              ) : (
                <Button component="a" href={hrefFor({ name: 'campaign-new' })}>
                  New campaign
                </Button>
              )
            }
          />
        ) : (
          <>
            <CampaignsTable campaigns={campaigns.data.campaigns} actions={actions} drafts={linkedDrafts} />
            <Group justify="space-between" p="md">
              <Text size="sm" c="dimmed">
                {formatNumber(campaigns.data.total)} {campaigns.data.total === 1 ? 'campaign' : 'campaigns'}
              </Text>
              <Pager total={pages} value={page} onChange={setPage} of="Campaigns" />
            </Group>
          </>
        )}
      </Card>
      {dialogs}
    </Stack>
  );
}
