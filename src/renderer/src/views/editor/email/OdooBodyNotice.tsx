import { useState } from 'react';
import { Alert, Button, Collapse, Group, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { OpOutput } from '../../../api/hooks';

type Body = OpOutput<'marketing.campaigns.body.get'>;

/** Odoo's version of the email goes out unless the person chooses to replace it with one written here. */
export function needsOdooNotice(body: Body | undefined): body is Body {
  return body !== undefined && (body.edited_in_odoo || (body.kind === 'html' && body.html.trim() !== ''));
}

function replaceLabel(body: Body): string {
  if (!body.edited_in_odoo) return 'Write it here instead (replaces Odoo’s email)';
  // A SendGrid template's rendering changed in Odoo: the next template or email chosen here replaces it.
  if (body.kind === 'sendgrid_template') return 'Let my next change replace Odoo’s version';
  return 'Edit the version saved here (replaces Odoo’s changes)';
}

/**
 * Said when the email in Odoo is not the one last saved here: changed in Odoo's editor since, or
 * written there. Nothing replaces it until the person asks; the server refuses otherwise too.
 */
export function OdooBodyNotice({ body, onReplace }: { body: Body; onReplace: () => void }) {
  const [showing, setShowing] = useState(false);
  const edited = body.edited_in_odoo;
  return (
    <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} title={edited ? 'This email was changed in Odoo' : 'This email was written in Odoo'}>
      <Stack gap="xs">
        <Text size="sm">
          {edited
            ? 'Someone changed it in Odoo’s editor after it was last saved here. Odoo’s version is the one that will be sent.'
            : 'It was written in Odoo’s editor. It is sent as it is unless you write it here instead.'}
        </Text>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setShowing((s) => !s)}>{showing ? 'Hide Odoo’s version' : 'Show Odoo’s version'}</Button>
          <Button size="xs" color="yellow" onClick={onReplace}>{replaceLabel(body)}</Button>
        </Group>
        <Collapse expanded={showing}>
          <iframe title="Odoo’s version of the email" sandbox="" srcDoc={body.html} style={{ width: '100%', height: 480, border: '1px solid var(--mantine-color-default-border)', background: 'white' }} />
        </Collapse>
      </Stack>
    </Alert>
  );
}
