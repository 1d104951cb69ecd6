import { useContext, useState } from 'react';
import { Stack, Tabs } from '@mantine/core';
import { IconAdjustments, IconMailForward, IconDatabaseCog, IconPlugConnected, IconShieldLock } from '@tabler/icons-react';
import { PageHeader } from '../../components';
import { useStore } from '../../store-context';
import { ProfilesCard } from './ProfilesCard';
import { AppearanceCard } from './AppearanceCard';
import { OfflineCopiesCard } from './OfflineCopiesCard';
import { OdooSetupCard } from './OdooSetupCard';
import { StoreOwnersCard } from './StoreOwnersCard';
import { ExtensionsCard } from './ExtensionsCard';
import { SendgridCard } from './SendgridCard';
import { SecurityCard } from './SecurityCard';
import { AuditLogCard } from './AuditLogCard';
import { NavigationVisit, hrefFor, isSettingsTab, type SettingsTab } from '../../router';

/**
 * Settings in tabs. A link may name the tab (`#/settings?tab=odoo`, e.g. "Open Settings → Odoo
 * setup" on a store view before setup); picking a tab rewrites the address without a navigation,
 * so a reload stays on it.
 */
export function SettingsView({ tab }: { tab?: SettingsTab }) {
  const { storeId } = useStore();
  const [picked, setPicked] = useState<SettingsTab>(tab ?? 'general');
  // A link followed while Settings is already open (another tab, or "Manage profiles" to General)
  // is a navigation, not a new mount: it picks its tab again.
  // (React's "adjust state when a prop changes", done while rendering rather than in an effect.)
  const navigation = `${useContext(NavigationVisit)}:${tab ?? 'general'}`;
  const [followed, setFollowed] = useState(navigation);
  if (followed !== navigation) {
    setFollowed(navigation);
    setPicked(tab ?? 'general');
  }
  // Extensions and SendGrid belong to a store: before the first one, a link to them shows General.
  const shown = !storeId && (picked === 'extensions' || picked === 'sendgrid') ? 'general' : picked;
  const pick = (value: string | null) => {
    if (!isSettingsTab(value)) return;
    setPicked(value);
    window.history.replaceState(null, '', hrefFor({ name: 'settings', tab: value }));
  };
  return (
    <Stack gap="lg">
      <PageHeader title="Settings" description="Connections and preferences for this computer" />
      <Tabs value={shown} onChange={pick} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="general" leftSection={<IconAdjustments size={16} />}>General</Tabs.Tab>
          <Tabs.Tab value="odoo" leftSection={<IconDatabaseCog size={16} />}>Odoo setup</Tabs.Tab>
          {storeId && <Tabs.Tab value="extensions" leftSection={<IconPlugConnected size={16} />}>Extensions</Tabs.Tab>}
          {storeId && <Tabs.Tab value="sendgrid" leftSection={<IconMailForward size={16} />}>SendGrid</Tabs.Tab>}
          <Tabs.Tab value="security" leftSection={<IconShieldLock size={16} />}>Security</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="general">
          <Stack gap="lg">
            <ProfilesCard />
            <AppearanceCard />
            <OfflineCopiesCard />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="security">
          <Stack gap="lg">
            <SecurityCard />
            <AuditLogCard />
          </Stack>
        </Tabs.Panel>
        {/* Before the first setup there is no store yet: the setup is how the first one is made. */}
        <Tabs.Panel value="odoo">
          <Stack gap="lg">
            <OdooSetupCard storeId={storeId} />
            {storeId && <StoreOwnersCard storeId={storeId} />}
          </Stack>
        </Tabs.Panel>
        {storeId && (
          <>
            <Tabs.Panel value="extensions"><ExtensionsCard storeId={storeId} /></Tabs.Panel>
            <Tabs.Panel value="sendgrid"><SendgridCard storeId={storeId} /></Tabs.Panel>
          </>
        )}
      </Tabs>
    </Stack>
  );
}
