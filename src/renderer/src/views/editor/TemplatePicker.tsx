import { useState } from 'react';
import { Card, Group, SimpleGrid, Skeleton, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconCheck, IconTemplate } from '@tabler/icons-react';
import { useOp, type OpOutput } from '../../api/hooks';
import { EmptyState, ErrorState, StaleBadge, formatDate } from '../../components';
import { TemplateThumbnail } from './TemplateThumbnail';

type Template = OpOutput<'sendgrid.templates.list'>['templates'][number];

export interface TemplatePickerProps {
  value: string;
  onChange: (templateId: string) => void;
  error?: string | undefined;
}

/**
 * The SendGrid dynamic templates as a grid of cards with thumbnails. When SendGrid cannot be read
 * (no key yet, offline) the user can still type a template id, so a draft is never blocked on it.
 */
export function TemplatePicker({ value, onChange, error }: TemplatePickerProps) {
  const templates = useOp('sendgrid.templates.list', {}, { staleTime: 5 * 60_000 });
  const [manual, setManual] = useState(false);

  if (templates.isPending)
    return (
      <SimpleGrid cols={{ base: 2, md: 3 }} aria-busy="true" aria-label="Loading templates">
        {[0, 1, 2].map((i) => <Skeleton key={i} height={190} radius="md" />)}
      </SimpleGrid>
    );

  const list = templates.data?.templates ?? [];
  const manualField = (
    <TextInput label="SendGrid template id" placeholder="d-…" description="The dynamic template's id, as shown in SendGrid" value={value} onChange={(e) => onChange(e.currentTarget.value.trim())} error={error} required />
  );
  if (templates.error)
    return (
      <Stack gap="sm">
        <ErrorState error={templates.error} title="Could not load your SendGrid templates" onRetry={() => void templates.refetch()} retrying={templates.isFetching} />
        {manualField}
      </Stack>
    );
  if (list.length === 0)
    return (
      <Stack gap="sm">
        <EmptyState icon={<IconTemplate size={28} />} title="No dynamic templates in SendGrid" description="Create a dynamic template in SendGrid (Email API → Dynamic Templates), then come back." />
        {manualField}
      </Stack>
    );

  return (
    <Stack gap="xs">
      <StaleBadge data={templates.data} what="These templates" />
      <div role="radiogroup" aria-label="SendGrid template" aria-invalid={error ? true : undefined}>
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm">
          {list.map((t) => (
            <TemplateCard key={t.id} template={t} selected={t.id === value} onSelect={() => onChange(t.id)} />
          ))}
        </SimpleGrid>
      </div>
      {error && <Text size="xs" c="red">{error}</Text>}
      {manual ? manualField : (
        <Text size="xs" c="dimmed">
          Template not listed?{' '}
          <UnstyledButton fz="xs" c="var(--mantine-color-anchor)" onClick={() => setManual(true)}>Enter its id</UnstyledButton>
        </Text>
      )}
    </Stack>
  );
}

function TemplateCard({ template, selected, onSelect }: { template: Template; selected: boolean; onSelect: () => void }) {
  const version = template.active_version;
  return (
    <UnstyledButton role="radio" aria-checked={selected} aria-label={template.name} onClick={onSelect} style={{ borderRadius: 'var(--mantine-radius-md)' }}>
      <Card
        p={0}
        withBorder
        style={{
          borderColor: selected ? 'var(--mantine-primary-color-filled)' : undefined,
          boxShadow: selected ? '0 0 0 1px var(--mantine-primary-color-filled)' : undefined,
          overflow: 'hidden',
        }}
      >
        <TemplateThumbnail templateId={template.id} thumbnailUrl={version?.thumbnail_url ?? null} height={120} />
        <Stack gap={2} p="xs">
          <Group justify="space-between" wrap="nowrap" gap={4}>
            <Text size="sm" fw={600} truncate>{template.name}</Text>
            {selected && <IconCheck size={16} color="var(--mantine-primary-color-filled)" aria-hidden="true" style={{ flexShrink: 0 }} />}
          </Group>
          <Text size="xs" c="dimmed" truncate>{version ? version.subject || version.name : 'No active version'}</Text>
          <Text size="xs" c="dimmed">Updated {formatDate(template.updated_at)}</Text>
        </Stack>
      </Card>
    </UnstyledButton>
  );
}
