import { Alert, Card, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { formatDateTime } from '../../components';
import { TemplatePreview } from './TemplatePreview';
import type { EditorValues } from './values';

/** The editor's right-hand column: how the mail shows in an inbox, the template's preview, and how sending works. */
export function InboxPreviewColumn({ values: v, schedule }: { values: EditorValues; schedule: string | null }) {
  return (
    <Stack>
      <Card>
        <Text fw={600} mb="xs">Inbox preview</Text>
        <Stack gap={2} p="sm" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}>
          <Text size="sm" fw={600} truncate>{v.emailFrom.trim() || 'Your store'}</Text>
          <Text size="sm" truncate>{v.subject.trim() || 'Your subject line'}</Text>
          <Text size="xs" c="dimmed" truncate>{v.previewText.trim() || 'Preview text appears here'}</Text>
        </Stack>
        {schedule && <Text size="xs" c="dimmed" mt="xs">Goes out {formatDateTime(schedule)}</Text>}
      </Card>
      {!v.document && !v.favorite && <TemplatePreview templateId={v.templateId} values={v.templateValues} />}
      <Alert variant="light" icon={<IconInfoCircle size={18} />} title="How sending works">
        A new campaign is saved on this computer as you type, and goes to Odoo when you save it there or review it; after that your edits follow it to Odoo when it is reachable. Review runs the pre-send check; nothing is sent until you confirm. Opted-out and blacklisted contacts are always left out.
      </Alert>
    </Stack>
  );
}
