import { useMemo } from 'react';
import { Alert, Card, Grid, Stack, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { describePlace, EmailDocument, type Block } from '../../../../../shared/email';
import { BlockList } from './BlockList';
import { EmailPreview } from './EmailPreview';
import { EmailSettingsFields } from './EmailSettingsFields';

export interface EmailEditorProps {
  value: EmailDocument;
  onChange: (doc: EmailDocument) => void;
  storeId: string;
  listId: number | null;
}

/**
 * The email editor: blocks, brand settings and footer on the left, the preview on the right.
 * Loaded only when a campaign's email is written here (React.lazy), so MJML and the editor never
 * weigh on the console's first screen.
 */
export default function EmailEditor({ value, onChange, storeId, listId }: EmailEditorProps) {
  const checked = useMemo(() => EmailDocument.safeParse(value), [value]);
  const problems = checked.success ? [] : checked.error.issues.slice(0, 5).map((i) => `${describePlace(value, i.path).where}: ${i.message}`);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack>
          <Card aria-label="Email blocks">
            <Title order={2} fz="md" mb="sm">Email</Title>
            <BlockList blocks={value.blocks} onChange={(blocks: Block[]) => onChange({ ...value, blocks })} />
          </Card>
          <Card aria-label="Email settings">
            <Title order={2} fz="md" mb="sm">Look and footer</Title>
            <EmailSettingsFields doc={value} onChange={onChange} />
          </Card>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack>
          {problems.length > 0 && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Not ready yet">
              {problems.map((p) => <div key={p}>{p}</div>)}
            </Alert>
          )}
          <EmailPreview doc={checked.success ? checked.data : null} storeId={storeId} listId={listId} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
