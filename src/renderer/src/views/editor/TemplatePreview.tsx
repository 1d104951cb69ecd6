import { Anchor, Badge, Card, Code, Group, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useOp } from '../../api/hooks';
import { ErrorState } from '../../components';
import { RemoteImagesNotice } from '../../components/RemoteImagesNotice';
import { usePreviewImages } from '../../components/use-remote-images';
import { campaignValueNames, fillTemplateValues } from '../../../../shared/email/template-values';
import { focusTemplateValue } from './TemplateValueFields';

/**
 * The chosen template as the recipient will see it, in an `<iframe sandbox="">`: the template's
 * HTML comes from SendGrid, so no script in it may run and it gets no access to the console.
 * Below it, each Handlebars field and what Odoo fills in — an unmapped one would go out as written,
 * so the pre-send check refuses it (the same words here and there).
 */
const emailWidth = 640;
const frameHeight = 720;

export function TemplatePreview({ templateId, values = {} }: { templateId: string; values?: Record<string, string> }) {
  // Emails are laid out for about 600px: draw it at that width and scale it to the column.
  const { ref, width } = useElementSize();
  const scale = width > 0 ? Math.min(1, width / emailWidth) : 0.6;
  const detail = useOp('sendgrid.templates.get', { templateId }, { enabled: templateId !== '', staleTime: 5 * 60_000 });
  // The campaign-wide values typed in the editor, shown as subscribers will get them.
  const images = usePreviewImages(detail.data ? fillTemplateValues(detail.data.html, values) : null);
  const fillable = new Set(campaignValueNames(detail.data?.unmapped ?? []));
  if (templateId === '')
    return (
      <Card>
        <Text fw={600} mb={4}>Email preview</Text>
        <Text size="sm" c="dimmed">Pick a template to see the email here.</Text>
      </Card>
    );
  if (detail.error) return <ErrorState error={detail.error} title="Could not load this template" onRetry={() => void detail.refetch()} retrying={detail.isFetching} />;
  if (detail.isPending)
    return (
      <Card>
        <Skeleton height={16} width="40%" mb="sm" />
        <Skeleton height={420} />
      </Card>
    );
  const t = detail.data;
  return (
    <Card p={0}>
      <Group justify="space-between" p="md" pb="xs" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} truncate>Email preview · {t.name}</Text>
          <Text size="xs" c="dimmed" truncate>Template subject: {t.subject || '—'}</Text>
        </div>
        <Badge color="gray" variant="outline" style={{ textTransform: 'none' }}>{t.version_id.slice(0, 8)}</Badge>
      </Group>
      <div ref={ref} style={{ height: frameHeight * scale, overflow: 'hidden', background: 'white', borderTop: '1px solid var(--mantine-color-default-border)', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <iframe
          title={`Preview of ${t.name}`}
          sandbox=""
          srcDoc={images.html ?? ''}
          style={{ width: emailWidth, height: frameHeight, border: 0, background: 'white', transform: `scale(${scale})`, transformOrigin: '0 0' }}
        />
      </div>
      <Stack gap="xs" p="md">
        <RemoteImagesNotice images={images} />
        <Text size="sm" fw={600}>Template fields</Text>
        {t.mapped.length === 0 && t.unmapped.length === 0 ? (
          <Text size="sm" c="dimmed">This template has no personalised fields.</Text>
        ) : (
          <Table withRowBorders={false} verticalSpacing={4} highlightOnHover={false} aria-label="Template fields" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>Odoo fills in</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {t.mapped.map((m) => (
                <Table.Tr key={m.field}>
                  <Table.Td><Code>{`{{${m.field}}}`}</Code></Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <IconCheck size={14} color="var(--mantine-color-teal-6)" aria-label="mapped" />
                      <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>{m.odoo}</Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
              {t.unmapped.map((field) => values[field]?.trim() ? (
                <Table.Tr key={field}>
                  <Table.Td><Code>{`{{${field}}}`}</Code></Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <IconCheck size={14} color="var(--mantine-color-teal-6)" aria-label="filled" />
                      <Text size="xs" style={{ wordBreak: 'break-all' }}>{values[field]?.trim()} (template value)</Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ) : (
                <Table.Tr key={field}>
                  <Table.Td><Code>{`{{${field}}}`}</Code></Table.Td>
                  <Table.Td><UnfilledField field={field} fillable={fillable.has(field)} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

/**
 * A field Odoo cannot fill. A campaign-wide value points at its field under "Template values" (and
 * goes there); anything else (a loop, a path) cannot be typed in, so the template must change.
 */
function UnfilledField({ field, fillable }: { field: string; fillable: boolean }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" aria-label="unmapped" style={{ flexShrink: 0, marginTop: 2 }} />
      {fillable ? (
        <Text size="xs" c="red">
          Empty: fill{' '}
          <Anchor component="button" type="button" size="xs" onClick={() => focusTemplateValue(field)}>“{field}” under Template values</Anchor>
          . Until then it would reach subscribers as {`{{${field}}}`}, so the campaign cannot be sent.
        </Text>
      ) : (
        <Tooltip label="Odoo has nothing to fill it with: it would reach subscribers as written, so the campaign cannot be sent with it">
          <Text size="xs" c="red">Nothing — would show as written; choose another template or remove it from this one in SendGrid</Text>
        </Tooltip>
      )}
    </Group>
  );
}
