import { SimpleGrid, Skeleton, Stack, Card } from '@mantine/core';

/** Skeletons shaped like what is coming, so the page does not jump when data lands. */
export function TableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <Stack gap="xs" role="status" aria-busy="true" aria-label="Loading">
      <Skeleton height={36} />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={28} opacity={1 - i * (0.6 / rows)} />
      ))}
    </Stack>
  );
}

export function StatCardsSkeleton({ count = 4 }: { count?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: count }} role="status" aria-busy="true" aria-label="Loading figures">
      {Array.from({ length: count }, (_, i) => (
        <Card key={i}>
          <Skeleton height={12} width="50%" mb="md" />
          <Skeleton height={28} width="70%" mb="sm" />
          <Skeleton height={10} width="40%" />
        </Card>
      ))}
    </SimpleGrid>
  );
}

export function LoadingState({ variant = 'table' }: { variant?: 'table' | 'cards' | 'page' }) {
  if (variant === 'cards') return <StatCardsSkeleton />;
  if (variant === 'page')
    return (
      <Stack>
        <StatCardsSkeleton />
        <TableSkeleton />
      </Stack>
    );
  return <TableSkeleton />;
}
