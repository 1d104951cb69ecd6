import { Badge, Drawer, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { z } from 'zod';
import type { Subscriber } from '../../../../shared/schemas/marketing';
import { formatDateTime, formatNumber } from '../../components';
import { SubscriberStatusBadge } from './SubscriberStatusBadge';

type Row = z.infer<typeof Subscriber>;

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" mb={2}>
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </div>
  );
}

export function SubscriberDrawer({ subscriber, onClose }: { subscriber: Row | null; onClose: () => void }) {
  return (
    <Drawer opened={subscriber !== null} onClose={onClose} position="right" size="md" title="Subscriber" aria-label="Subscriber details">
      {subscriber && (
        <Stack gap="lg">
          <div>
            <Title order={3} fz="lg" style={{ wordBreak: 'break-all' }}>
              {subscriber.email}
            </Title>
            <Text c="dimmed" size="sm">
              {subscriber.name || 'No name on file'}
            </Text>
          </div>
          <SimpleGrid cols={2} spacing="lg">
            <Field label="Status">
              <SubscriberStatusBadge status={subscriber.status} />
            </Field>
            <Field label="Subscribed">{formatDateTime(subscriber.subscribed_date)}</Field>
            <Field label="Campaigns received">{formatNumber(subscriber.campaigns_received)}</Field>
            <Field label="Last opened">{subscriber.last_opened ? formatDateTime(subscriber.last_opened) : 'Never'}</Field>
          </SimpleGrid>
          <Field label="Tags">
            {subscriber.tags.length === 0 ? (
              <Text size="sm" c="dimmed">
                No tags
              </Text>
            ) : (
              <Group gap={6} mt={4}>
                {subscriber.tags.map((t) => (
                  <Badge key={t} variant="outline" color="gray">
                    {t}
                  </Badge>
                ))}
              </Group>
            )}
          </Field>
          <Text size="xs" c="dimmed">
            Odoo contact #{subscriber.id}
          </Text>
        </Stack>
      )}
    </Drawer>
  );
}
