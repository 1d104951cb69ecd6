import { useState } from 'react';
import { Badge, Button, Card, Divider, Group, NumberInput, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconLock } from '@tabler/icons-react';
import { opQueryKey, useOp, useOpMutation, type OpOutput } from '../../api/hooks';
import { ErrorState, LoadingState } from '../../components';
import { useRefreshProfiles } from './use-profile-actions';
import { DeliveryStep } from './DeliveryStep';

type Profile = NonNullable<OpOutput<'profiles.active'>['profile']>;

function PassphraseForm({ passphraseSet }: { passphraseSet: boolean }) {
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const save = useOpMutation('session.setPassphrase', {
    invalidates: [],
    onSuccess: (s) => {
      queryClient.setQueryData(opQueryKey('session.status', {}), s);
      setCurrent('');
      setNext('');
      setConfirm('');
      setSubmitted(false);
      notifications.show({ color: 'teal', title: 'Passphrase saved', message: 'It unlocks the console after it locks itself.' });
    },
  });
  const errors = {
    next: next.length < 8 ? 'At least 8 characters' : undefined,
    confirm: confirm !== next ? 'The two entries differ' : undefined,
    current: passphraseSet && current === '' ? 'Enter the current passphrase' : undefined,
  };
  const valid = !errors.next && !errors.confirm && !errors.current;
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); setSubmitted(true); if (valid) save.mutate({ passphrase: next, ...(passphraseSet ? { current } : {}) }); }} aria-label="App passphrase">
      <Stack gap="sm">
        <Group gap="xs">
          <Text size="sm" fw={500}>App passphrase</Text>
          <Badge color={passphraseSet ? 'teal' : 'orange'}>{passphraseSet ? 'Set' : 'Not set'}</Badge>
        </Group>
        {!passphraseSet && <Text size="xs" c="orange">Auto-lock engages once a passphrase is set, so you can unlock.</Text>}
        <Group grow align="flex-start">
          {passphraseSet && <PasswordInput label="Current passphrase" value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={submitted ? errors.current : undefined} autoComplete="current-password" />}
          <PasswordInput label={passphraseSet ? 'New passphrase' : 'Passphrase'} value={next} onChange={(e) => setNext(e.currentTarget.value)} error={submitted ? errors.next : undefined} autoComplete="new-password" />
          <PasswordInput label="Repeat it" value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} error={submitted ? errors.confirm : undefined} autoComplete="new-password" />
        </Group>
        {save.error && <ErrorState error={save.error} title="The passphrase was not saved" />}
        <Group justify="flex-end"><Button type="submit" variant="light" loading={save.isPending}>{passphraseSet ? 'Change passphrase' : 'Set passphrase'}</Button></Group>
      </Stack>
    </form>
  );
}

function LockSettings({ profile }: { profile: Profile }) {
  const refresh = useRefreshProfiles();
  const [minutes, setMinutes] = useState<number>(profile.hipaa.idleLockMinutes);
  const update = useOpMutation('profiles.update', { invalidates: ['session.status'], onSuccess: () => { refresh(); notifications.show({ color: 'teal', title: 'Saved', message: `The console locks after ${minutes} idle minutes.` }); } });
  const lock = useOpMutation('session.lock', { invalidates: ['session.status'] });
  const valid = Number.isInteger(minutes) && minutes >= 1 && minutes <= 240;
  return (
    <Stack gap="sm">
      <Group align="flex-end" wrap="wrap">
        <NumberInput label="Lock after idle (minutes)" min={1} max={240} value={minutes} onChange={(v) => setMinutes(typeof v === 'number' ? v : Number(v) || 0)} error={valid ? undefined : 'Between 1 and 240 minutes'} w={220} disabled={!profile.hipaa.enabled} />
        <Button variant="light" disabled={!valid || minutes === profile.hipaa.idleLockMinutes || !profile.hipaa.enabled} loading={update.isPending} onClick={() => update.mutate({ id: profile.id, hipaa: { idleLockMinutes: minutes } })}>Save</Button>
        <Button variant="default" leftSection={<IconLock size={16} />} loading={lock.isPending} onClick={() => lock.mutate({})}>Lock now</Button>
      </Group>
      {!profile.hipaa.enabled && <Text size="xs" c="dimmed">Auto-lock is part of HIPAA mode; turn it on in the profile (General → Profiles → Edit).</Text>}
      {update.error && <ErrorState error={update.error} title="Not saved" />}
    </Stack>
  );
}

/** HIPAA controls of the active profile: passphrase, auto-lock, and the delivery choice. */
export function SecurityCard() {
  const active = useOp('profiles.active', {});
  const session = useOp('session.status', {});
  if (active.error) return <ErrorState error={active.error} title="Could not read the active profile" onRetry={() => void active.refetch()} />;
  if (active.isPending || session.isPending) return <LoadingState variant="cards" />;
  const profile = active.data.profile;
  if (!profile) return <Text c="dimmed">No active profile.</Text>;
  return (
    <Card component="section" aria-label="Security">
      <Group gap="xs" mb={4}>
        <Text fw={600}>Security</Text>
        <Badge color={profile.hipaa.enabled ? 'orange' : 'gray'}>{profile.hipaa.enabled ? 'HIPAA mode on' : 'HIPAA mode off'}</Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {profile.hipaa.enabled ? 'Local data of this profile is encrypted at rest, actions are audited and the console locks when idle.' : 'Turn on HIPAA mode in the profile to encrypt local data, audit actions and lock when idle.'}
      </Text>
      <Stack gap="lg">
        {session.data && <PassphraseForm passphraseSet={session.data.passphraseSet} />}
        <Divider />
        <LockSettings key={`${profile.id}-${profile.hipaa.idleLockMinutes}`} profile={profile} />
        <Divider />
        <DeliveryStep key={`${profile.id}-${profile.sendgrid.delivery}-${profile.hipaa.sendgridAcknowledgedAt ?? ''}`} profile={profile} label="Deliver mail through" />
      </Stack>
    </Card>
  );
}
