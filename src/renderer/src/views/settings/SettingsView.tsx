import { Stack } from '@mantine/core';
import { PageHeader } from '../../components';
import { ProfilesCard } from './ProfilesCard';
import { AppearanceCard } from './AppearanceCard';

export function SettingsView() {
  return (
    <Stack gap="lg">
      <PageHeader title="Settings" description="Connections and preferences for this computer" />
      <ProfilesCard />
      <AppearanceCard />
    </Stack>
  );
}
