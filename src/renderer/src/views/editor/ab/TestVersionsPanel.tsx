import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, NumberInput, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFlask, IconPlus, IconTrash } from '@tabler/icons-react';
import type { z } from 'zod';
import type { AbTest, WinnerSelection } from '../../../../../shared/schemas/ab';
import { useOp, useOpMutation } from '../../../api/hooks';
import { hrefFor } from '../../../router';

type Test = z.infer<typeof AbTest>;
type Kind = 'subject' | 'sender_name' | 'body';
interface VersionDraft { kind: Kind; text: string }

const KINDS: { value: Kind; label: string }[] = [
  { value: 'subject', label: 'Another subject' },
  { value: 'sender_name', label: 'Another sender name' },
  { value: 'body', label: 'Another email' },
];
const SELECTIONS: { value: z.infer<typeof WinnerSelection>; label: string }[] = [
  { value: 'opens', label: 'Most opens' },
  { value: 'clicks', label: 'Most clicks' },
  { value: 'manual', label: 'I pick' },
];
const DAY = 86_400_000;

/** `2026-11-25T12:00` in the person's time zone, as a datetime-local input shows it. */
function localInput(iso: string): string {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** What the saved test's versions B and C were made to differ in, so the form opens as it was saved. */
function draftsOf(test: Test): VersionDraft[] {
  const [a, ...others] = test.versions;
  return others.map((v) => (a && v.subject !== a.subject ? { kind: 'subject', text: v.subject } : a && v.sender !== a.sender ? { kind: 'sender_name', text: v.sender } : { kind: 'body', text: '' }));
}

/**
 * "Test versions" in the editor (issue 17): 2–3 versions of the campaign on Odoo's own A/B testing.
 * Each other version changes the subject, the sender name, or the email (edited under the
 * version's own id); the test share is split between versions, and Odoo's cron sends the winner
 * to everyone else at the chosen time, or the person picks it on the stats view.
 */
export function TestVersionsPanel({ storeId, campaignId }: { storeId: string; campaignId: string }) {
  const test = useOp('marketing.campaigns.ab.get', { storeId, campaignId });
  if (!test.data) return null;
  return <TestVersionsForm key={test.data.versions.map((v) => v.campaign_id).join()} storeId={storeId} campaignId={campaignId} test={test.data} />;
}

function TestVersionsForm({ storeId, campaignId, test }: { storeId: string; campaignId: string; test: Test }) {
  const [open, setOpen] = useState(test.enabled);
  const [versions, setVersions] = useState<VersionDraft[]>(test.enabled ? draftsOf(test) : [{ kind: 'subject', text: '' }]);
  const [share, setShare] = useState<number>(test.enabled ? test.test_share_pc : 30);
  const [selection, setSelection] = useState(test.winner_selection ?? 'opens');
  const [winnerAt, setWinnerAt] = useState(() => localInput(test.send_winner_at ?? new Date(Date.now() + DAY).toISOString()));
  const save = useOpMutation('marketing.campaigns.ab.save', { invalidates: ['marketing.campaigns.ab.get', 'marketing.campaigns.list', 'marketing.campaigns.precheck'] });
  const remove = useOpMutation('marketing.campaigns.ab.remove', { invalidates: ['marketing.campaigns.ab.get', 'marketing.campaigns.list', 'marketing.campaigns.precheck'] });
  const error = save.error ?? remove.error;

  if (!open) {
    return (
      <Card withBorder aria-label="Test versions">
        <Group justify="space-between">
          <Text size="sm">Send 2 or 3 versions to part of the list first, and the best one to everyone else.</Text>
          <Button variant="default" leftSection={<IconFlask size={16} />} onClick={() => setOpen(true)}>Test versions</Button>
        </Group>
      </Card>
    );
  }
  const setVersion = (i: number, change: Partial<VersionDraft>) => setVersions((vs) => vs.map((v, j) => (j === i ? { ...v, ...change } : v)));
  const submit = () => save.mutate({
    storeId, campaignId, test_share_pc: share, winner_selection: selection, send_winner_at: new Date(winnerAt).toISOString(),
    versions: versions.map((v) => (v.kind === 'subject' ? { subject: v.text } : v.kind === 'sender_name' ? { sender_name: v.text } : {})),
  });

  return (
    <Card withBorder aria-label="Test versions">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Test versions</Title>
          {test.enabled && <Badge variant="light">{test.versions.length} versions saved</Badge>}
        </Group>
        <Text size="sm" c="dimmed">Version A is the campaign as written above.</Text>
        {versions.map((v, i) => {
          const saved = test.versions[i + 1];
          const label = `Version ${'BC'[i]}`;
          return (
            <Group key={label} align="flex-end" gap="sm">
              <Select label={label} aria-label={`${label} changes`} data={KINDS} value={v.kind} allowDeselect={false} onChange={(kind) => setVersion(i, { kind: (kind ?? 'subject') as Kind })} w={200} />
              {v.kind === 'body'
                ? saved
                  ? <Anchor href={hrefFor({ name: 'campaign-edit', campaignId: saved.campaign_id })} size="sm">Edit version {saved.label}&apos;s email</Anchor>
                  : <Text size="sm" c="dimmed">Save the test, then edit this version&apos;s email.</Text>
                : <TextInput label={v.kind === 'subject' ? `${label} subject` : `${label} sender name`} value={v.text} onChange={(e) => setVersion(i, { text: e.currentTarget.value })} style={{ flex: 1 }} />}
              <Button variant="subtle" color="red" aria-label={`Remove ${label}`} onClick={() => setVersions((vs) => vs.filter((_, j) => j !== i))} disabled={versions.length === 1}><IconTrash size={16} /></Button>
            </Group>
          );
        })}
        {versions.length < 2 && <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => setVersions((vs) => [...vs, { kind: 'subject', text: '' }])} w="fit-content">Add version C</Button>}
        <Group align="flex-end" gap="md">
          <NumberInput label="Test share (%)" description={`${Math.floor(share / (versions.length + 1))} % per version`} min={versions.length + 1} max={100} value={share} onChange={(n) => setShare(typeof n === 'number' ? n : Number(n) || 0)} w={160} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>The winner is</Text>
            <SegmentedControl aria-label="How the winner is picked" data={SELECTIONS} value={selection} onChange={(s) => setSelection(s as typeof selection)} />
          </Stack>
          <TextInput type="datetime-local" label={selection === 'manual' ? 'Odoo reminds you at' : 'Send the winner at'} value={winnerAt} onChange={(e) => setWinnerAt(e.currentTarget.value)} />
        </Group>
        {error && <Alert color="red" title="The test was not saved">{error.message}</Alert>}
        <Group>
          <Button onClick={submit} loading={save.isPending}>{test.enabled ? 'Save the test' : 'Start the test'}</Button>
          {test.enabled
            ? <Button variant="default" color="red" onClick={() => remove.mutate({ storeId, campaignId }, { onSuccess: () => setOpen(false) })} loading={remove.isPending}>End the test</Button>
            : <Button variant="default" onClick={() => setOpen(false)}>Cancel</Button>}
          {save.isSuccess && !save.isPending && <Text size="sm" c="green">Saved to Odoo.</Text>}
        </Group>
      </Stack>
    </Card>
  );
}
