import { Stack, Text, TextInput, Title } from '@mantine/core';

/** The id of a value's field, so the preview and the review can lead the person to it. */
export const templateValueFieldId = (name: string): string => `template-value-${name}`;

/** Moves focus to a value's field (scrolled into view); false when the editor does not show it. */
export function focusTemplateValue(name: string): boolean {
  const field = document.getElementById(templateValueFieldId(name));
  if (!field) return false;
  field.focus();
  field.scrollIntoView?.({ block: 'center' });
  return true;
}

/**
 * A field per campaign-wide value of the chosen SendGrid template (`discount_code`, `ends_on`): the
 * same for every recipient, so Odoo has nothing to fill them with. Each is required: one left empty
 * would reach subscribers as written, and the pre-send check refuses the send naming it.
 */
export function TemplateValueFields({ names, values, onChange, errors }: {
  names: readonly string[];
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  errors?: Record<string, string> | undefined;
}) {
  if (names.length === 0) return null;
  return (
    <Stack gap="xs" aria-label="Template values">
      <Title order={3} fz="sm">Template values</Title>
      <Text size="xs" c="dimmed">The template asks for {names.length === 1 ? 'this value' : 'these values'}; every subscriber gets the same.</Text>
      {names.map((name) => (
        <TextInput
          key={name}
          id={templateValueFieldId(name)}
          label={name}
          required
          maxLength={1000}
          value={values[name] ?? ''}
          error={errors?.[name]}
          onChange={(e) => onChange({ ...values, [name]: e.currentTarget.value })}
        />
      ))}
    </Stack>
  );
}
