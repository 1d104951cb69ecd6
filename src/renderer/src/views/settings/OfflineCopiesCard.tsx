import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useOp, useOpMutation } from '../../api/hooks';
import { ErrorState, formatNumber } from '../../components';
import { OfflineLimitsForm } from './OfflineLimitsForm';

/** Sizes as a file manager writes them: "2.4 MB", "310 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} bytes`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${formatNumber(Math.round(kb))} KB`;
  return `${(kb / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}

const copies = (n: number) => `${formatNumber(n)} offline ${n === 1 ? 'copy' : 'copies'}`;

/**
 * What the profile keeps on this computer to show offline (lists, campaigns, reports, subscriber
 * pages seen), its size, limits the owner can change, and a way to remove it all, e.g. before
 * lending the computer.
 */
export function OfflineCopiesCard() {
  const size = useOp('offline.cacheSize', {});
  const clear = useOpMutation('offline.clearCache', {
    invalidates: ['offline.cacheSize', 'audit.list', 'audit.verify'],
    onSuccess: (r) => notifications.show({ color: 'teal', title: 'Offline copies cleared', message: `Removed ${copies(r.entries)} (${formatBytes(r.bytes)}). Views you open again are kept anew.` }),
    onError: (error) => notifications.show({ color: 'red', title: 'Offline copies not cleared', message: error.message }),
  });
  // No profile yet (nothing is kept per profile): nothing to show.
  if (size.error?.code === 'odoo.not_configured') return null;
  return (
    <Card component="section" aria-label="Offline copies">
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <Stack gap={2} maw={560}>
          <Text fw={600}>Offline copies</Text>
          <Text size="sm" c="dimmed">
            The lists, campaigns, reports and subscriber pages you opened, kept on this computer so they can be read
            while Odoo is out of reach{size.data ? `. At most ${formatNumber(size.data.limits.maxEntries)} copies or ${formatBytes(size.data.limits.maxBytes)}: the oldest go first.` : '.'}
          </Text>
          {size.error ? (
            <ErrorState error={size.error} />
          ) : (
            <Text size="sm" data-testid="offline-copies-size">
              {size.data ? `${copies(size.data.entries)} · ${formatBytes(size.data.bytes)}` : 'Counting…'}
            </Text>
          )}
          {size.data && <OfflineLimitsForm key={`${size.data.limits.maxEntries}-${size.data.limits.maxBytes}`} limits={size.data.limits} />}
        </Stack>
        <Button variant="default" leftSection={<IconTrash size={16} />} loading={clear.isPending} disabled={!size.data || size.data.entries === 0} onClick={() => clear.mutate({})}>
          Clear offline copies
        </Button>
      </Group>
    </Card>
  );
}
