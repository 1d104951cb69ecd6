import { useState } from 'react';
import { Button, Center, Paper, PasswordInput, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFingerprint, IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { opQueryKey, useOpMutation, type OpOutput } from '../api/hooks';
import { ErrorState } from '../components';
import { Brand } from './Brand';

/** Shown instead of the whole console while it is locked; nothing behind it is rendered. */
export function LockScreen({ status }: { status: OpOutput<'session.status'> }) {
  const queryClient = useQueryClient();
  const [passphrase, setPassphrase] = useState('');
  const unlock = useOpMutation('session.unlock', {
    invalidates: [],
    onSuccess: (s) => {
      setPassphrase('');
      queryClient.setQueryData(opQueryKey('session.status', {}), s);
      void queryClient.invalidateQueries();
    },
    onError: () => setPassphrase(''),
  });
  const unlockWithSystem = useOpMutation('session.unlockWithSystem', {
    invalidates: [],
    onSuccess: (s) => {
      queryClient.setQueryData(opQueryKey('session.status', {}), s);
      void queryClient.invalidateQueries();
    },
  });
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)" role="main" aria-label="Console locked">
      <Paper withBorder shadow="md" p="xl" w={420} maw="100%">
        <form noValidate onSubmit={(e) => { e.preventDefault(); if (passphrase) unlock.mutate({ passphrase }); }}>
          <Stack align="stretch" gap="md">
            <Center><Brand /></Center>
            <Center>
              <ThemeIcon size={56} radius="xl" variant="light"><IconLock size={28} /></ThemeIcon>
            </Center>
            <div>
              <Title order={1} fz="xl" ta="center">The console is locked</Title>
              <Text size="sm" c="dimmed" ta="center">
                {status.reason === 'manual' ? 'It was locked by hand.' : 'It locked itself after a period of inactivity.'} Subscriber data stays hidden until you unlock it.
              </Text>
            </div>
            {status.passphraseSet ? (
              <PasswordInput label="Passphrase" value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} autoComplete="current-password" data-autofocus autoFocus required />
            ) : (
              <Text size="sm">No passphrase is set for this profile. Ask the person who set up this computer.</Text>
            )}
            {unlock.error && <ErrorState error={unlock.error} title="Not unlocked" />}
            {unlockWithSystem.error && <ErrorState error={unlockWithSystem.error} title="Not unlocked" />}
            <Button type="submit" loading={unlock.isPending} disabled={!status.passphraseSet || passphrase === ''}>Unlock</Button>
            {status.systemUnlock && (
              <Button variant="light" leftSection={<IconFingerprint size={18} />} loading={unlockWithSystem.isPending} onClick={() => unlockWithSystem.mutate({})}>
                Unlock with {status.systemUnlock}
              </Button>
            )}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
