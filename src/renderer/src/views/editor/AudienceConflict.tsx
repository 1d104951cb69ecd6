import { Alert, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import type { OpOutput } from '../../api/hooks';
import { formatNumber } from '../../components';
import { segmentOptions } from './AudienceFields';
import type { EditorValues } from './values';

type Audience = OpOutput<'marketing.campaigns.get'>['audience'];

function label(v: EditorValues): string {
  if (v.segment === 'tag') return `Has the tag “${v.tag.trim()}”`;
  return segmentOptions.find((o) => o.value === v.segment)?.label ?? v.segment;
}

function Side({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Text fw={600} size="sm" mb="xs">{title}</Text>
      {children}
    </Card>
  );
}

/**
 * The campaign's audience was changed in Odoo (or on another computer) after this editor opened
 * it. Both are shown; nothing is written until the person picks. `yours` is null when the person
 * has not touched the audience here: then there is only Odoo's to take.
 */
export function AudienceConflict({ odoo, yours, onTakeOdoo, onKeepMine }: { odoo: Audience; yours: EditorValues | null; onTakeOdoo: () => void; onKeepMine: (() => void) | undefined }) {
  return (
    <Alert color="orange" variant="light" icon={<IconGitCompare size={18} />} title="The audience of this campaign was changed in Odoo since you opened it" role="alert">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Side title="Odoo’s audience now">
            <Text size="sm" fw={500}>{odoo.label}</Text>
            <Text size="xs" c="dimmed">{formatNumber(odoo.recipients)} {odoo.recipients === 1 ? 'recipient' : 'recipients'}</Text>
          </Side>
          <Side title="Yours (this editor)">
            <Text size="sm" fw={500}>{yours ? label(yours) : 'Unchanged: you did not pick another audience'}</Text>
          </Side>
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onTakeOdoo}>Take Odoo’s</Button>
          {yours && onKeepMine && <Button onClick={onKeepMine}>Keep mine</Button>}
        </Group>
      </Stack>
    </Alert>
  );
}
