import { lazy, Suspense, useState } from 'react';
import { Card, Group, Select, Stack, Text, TextInput, Button } from '@mantine/core';
import { useDebouncedValue, useViewportSize } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { IconDownload, IconSearch, IconTag, IconUpload, IconUserPlus, IconUsers } from '@tabler/icons-react';
import type { z } from 'zod';
import type { Subscriber, SubscriberStatus } from '../../../../shared/schemas/marketing';
import { useOp } from '../../api/hooks';
import { EmptyState, ErrorState, FigureLabel, PageHeader, StaleBadge, TableSkeleton, formatNumber, Pager } from '../../components';
import { SubscriberTable, type Selection } from './SubscriberTable';
import { BulkActions } from './BulkActions';
import type { BulkTarget } from './bulk-run';
import { ExportDialog } from './ExportDialog';
import { SubscriberDrawer } from './SubscriberDrawer';
import { AddSubscriberModal } from './AddSubscriberModal';

// The import dialog (CSV parsing, column mapping) loads when first opened.
const ImportModal = lazy(() => import('./import/ImportModal').then((m) => ({ default: m.ImportModal })));
import { hrefFor, navigate } from '../../router';
import { subscriberStatusLook } from './SubscriberStatusBadge';

type Status = z.infer<typeof SubscriberStatus>;
const pageSize = 200;
const statusOptions = (Object.keys(subscriberStatusLook) as Status[]).map((s) => ({ value: s, label: subscriberStatusLook[s].label }));

export function SubscribersView({ storeId, importOpen = false }: { storeId: string; importOpen?: boolean }) {
  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [tag, setTag] = useState<string | null>(null);
  const debouncedTag = tag ?? '';
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  /** "Select all N matching": the bulk action then covers every page of the filter, not the rows in view. */
  const [allMatching, setAllMatching] = useState(false);
  const [exporting, setExporting] = useState(false);
  const tags = useOp('marketing.subscribers.tags', { storeId });
  const [status, setStatus] = useState<Status | null>(null);
  const [listId, setListId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<z.infer<typeof Subscriber> | null>(null);
  const { height: viewportHeight } = useViewportSize();

  const lists = useOp('marketing.lists', { storeId });
  const input = {
    storeId,
    limit: pageSize,
    offset: (page - 1) * pageSize,
    ...(listId ? { list_id: Number(listId) } : {}),
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(debouncedTag ? { tag: debouncedTag } : {}),
    ...(status ? { status } : {}),
  };
  const subscribers = useOp('marketing.subscribers.list', input, { placeholderData: keepPreviousData });
  const selection: Selection = {
    selected,
    toggle: (id) => { setAllMatching(false); setSelected((old) => { const next = new Set(old); if (next.has(id)) next.delete(id); else next.add(id); return next; }); },
    togglePage: (ids, on) => { setAllMatching(false); setSelected((old) => { const next = new Set(old); for (const id of ids) if (on) next.add(id); else next.delete(id); return next; }); },
  };
  const clearSelection = () => { setSelected(new Set()); setAllMatching(false); };
  const exportSelection = { ...(listId ? { list_id: Number(listId) } : {}), ...(debouncedSearch ? { search: debouncedSearch } : {}), ...(debouncedTag ? { tag: debouncedTag } : {}), ...(status ? { status } : {}) };
  const filtered = Boolean(debouncedSearch || debouncedTag || status || listId);
  // A new filter is a new set of people: a selection made under the old one never carries over.
  const resetPage = () => { setPage(1); clearSelection(); };
  const total = subscribers.data?.total ?? 0;
  const pageIds = subscribers.data?.subscribers.map((s) => s.id) ?? [];
  const wholePageSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const target: BulkTarget = allMatching
    ? { kind: 'filter', filter: exportSelection, count: total }
    : { kind: 'ids', ids: [...selected] };
  // The table fills the window below the header and filters; never shorter than a few rows.
  const tableHeight = Math.max(320, (viewportHeight || 800) - 330);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Subscribers"
        description={subscribers.data ? filtered ? `${formatNumber(subscribers.data.total)} matching` : <FigureLabel label="People on the store's lists" meaning="storeSubscribers">{`${formatNumber(subscribers.data.total)} on the store's lists, including opted-out and blacklisted contacts`}</FigureLabel> : "Everyone on your store's mailing lists"}
        actions={
          <>
            {/* The page shown is what matters; the lists' mark shows when only they came from the cache. */}
            {subscribers.data?.stale ? <StaleBadge data={subscribers.data} what="These subscribers" /> : <StaleBadge data={lists.data} what="Your lists" />}
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => setExporting(true)} disabled={!subscribers.data || subscribers.data.total === 0}>Export</Button>
            <Button component="a" href={hrefFor({ name: 'subscribers', import: true })} variant="default" leftSection={<IconUpload size={16} />}>Import CSV</Button>
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>Add subscriber</Button>
          </>
        }
      />
      <Card p={0}>
        <Group p="md" gap="sm" wrap="wrap">
          <TextInput aria-label="Search subscribers" placeholder="Search email or name" leftSection={<IconSearch size={16} />} value={search} onChange={(e) => { setSearch(e.currentTarget.value); resetPage(); }} w={280} />
          <Select aria-label="Filter by tag" placeholder={tags.error ? 'Tags unavailable' : 'Any tag'} leftSection={<IconTag size={16} />} data={(tags.data?.tags ?? []).map((t) => ({ value: t.name, label: `${t.name} (${formatNumber(t.count)})` }))} value={tag} onChange={(v) => { setTag(v); resetPage(); }} w={200} clearable searchable nothingFoundMessage="No such tag" />
          <Select aria-label="Filter by status" placeholder="Any status" data={statusOptions} value={status} onChange={(v) => { setStatus(v as Status | null); resetPage(); }} clearable w={160} />
          {lists.data && lists.data.lists.length > 1 && (
            <Select aria-label="Mailing list" placeholder="All lists" data={lists.data.lists.map((l) => ({ value: String(l.id), label: l.name }))} value={listId} onChange={(v) => { setListId(v); resetPage(); }} clearable w={220} />
          )}
        </Group>
        {(selected.size > 0 || allMatching) && (
          <Stack px="md" pb="sm" gap="xs">
            <BulkActions storeId={storeId} target={target} onClear={clearSelection} />
            {wholePageSelected && !allMatching && total > selected.size && (
              <Group gap="xs">
                <Text size="sm">All {formatNumber(selected.size)} on this page are selected.</Text>
                <Button size="compact-sm" variant="subtle" onClick={() => setAllMatching(true)}>Select all {formatNumber(total)} matching</Button>
              </Group>
            )}
          </Stack>
        )}
        {subscribers.error ? (
          <Stack p="md">
            <ErrorState error={subscribers.error} title="Could not load subscribers" onRetry={() => void subscribers.refetch()} retrying={subscribers.isFetching} />
          </Stack>
        ) : subscribers.isPending ? (
          <Stack p="md">
            <TableSkeleton rows={10} />
          </Stack>
        ) : subscribers.data.subscribers.length === 0 ? (
          <EmptyState
            framed={false}
            icon={<IconUsers size={28} />}
            title={filtered ? 'Nobody matches these filters' : 'No subscribers yet'}
            description={filtered ? 'Try another search, tag or status.' : 'Subscribers appear here as people sign up in your store.'}
            action={filtered ? <Button variant="default" onClick={() => { setSearch(''); setTag(null); setStatus(null); setListId(null); clearSelection(); }}>Clear filters</Button> : undefined}
          />
        ) : (
          <>
            {/* The pager comes before the rows: a keyboard user reaches the next page from the
                filters in a few Tab presses, not after every row and checkbox (issue 16). */}
            <Group justify="space-between" px="md" pb="sm">
              <Text size="sm" c="dimmed" aria-live="polite">
                {formatNumber(input.offset + 1)}–{formatNumber(input.offset + subscribers.data.subscribers.length)} of {formatNumber(subscribers.data.total)}
              </Text>
              <Pager total={subscribers.data.pages} value={page} onChange={setPage} of="Subscribers" />
            </Group>
            <SubscriberTable rows={subscribers.data.subscribers} onOpen={setOpen} selection={selection} height={Math.min(tableHeight, 48 + subscribers.data.subscribers.length * 52)} />
          </>
        )}
      </Card>
      <ExportDialog storeId={storeId} opened={exporting} onClose={() => setExporting(false)} selection={exportSelection} matching={subscribers.data?.total ?? null} />
      <SubscriberDrawer storeId={storeId} subscriber={open} onClose={() => setOpen(null)} />
      <AddSubscriberModal storeId={storeId} opened={adding} onClose={() => setAdding(false)} />
      {importOpen && (
        <Suspense fallback={null}>
          <ImportModal storeId={storeId} opened={importOpen} onClose={() => navigate({ name: 'subscribers' })} />
        </Suspense>
      )}
    </Stack>
  );
}
