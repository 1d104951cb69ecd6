import { ColorInput, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { FONT_STACKS, usedValues, type EmailDocument } from '../../../../../shared/email';

const FONTS = Object.keys(FONT_STACKS).map((f) => ({ value: f, label: f[0]!.toUpperCase() + f.slice(1) }));

/** Brand colour and font, the campaign-wide values the text uses, and the footer. */
export function EmailSettingsFields({ doc, onChange }: { doc: EmailDocument; onChange: (doc: EmailDocument) => void }) {
  const settings = (patch: Partial<EmailDocument['settings']>) => onChange({ ...doc, settings: { ...doc.settings, ...patch } });
  const footer = (patch: Partial<EmailDocument['footer']>) => onChange({ ...doc, footer: { ...doc.footer, ...patch } });
  const keys = usedValues(doc);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={2}>
        <ColorInput label="Brand colour" value={doc.settings.brand_color} onChange={(c) => settings({ brand_color: c })} format="hex" />
        <Select label="Font" data={FONTS} value={doc.settings.font} onChange={(f) => f && settings({ font: f as EmailDocument['settings']['font'] })} allowDeselect={false} />
      </SimpleGrid>
      {keys.length > 0 && (
        <>
          <Title order={3} fz="sm">Campaign values</Title>
          <SimpleGrid cols={2}>
            {keys.map((key) => (
              <TextInput key={key} label={key} value={doc.settings.values[key] ?? ''} error={(doc.settings.values[key] ?? '').trim() ? undefined : 'Fill this in before sending'}
                onChange={(e) => settings({ values: { ...doc.settings.values, [key]: e.currentTarget.value } })} />
            ))}
          </SimpleGrid>
        </>
      )}
      <Title order={3} fz="sm">Footer</Title>
      <SimpleGrid cols={2}>
        <TextInput label="Store name" value={doc.footer.store_name} onChange={(e) => footer({ store_name: e.currentTarget.value })} />
        <TextInput label="Unsubscribe link text" description="The link itself is always there" value={doc.footer.unsubscribe_label} onChange={(e) => footer({ unsubscribe_label: e.currentTarget.value })} />
      </SimpleGrid>
      <Textarea label="Postal address" rows={2} value={doc.footer.postal_address} onChange={(e) => footer({ postal_address: e.currentTarget.value })} />
    </Stack>
  );
}
