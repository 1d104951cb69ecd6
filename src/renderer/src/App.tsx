import { lazy, Suspense } from 'react';
import { AppShell, Burger, Group, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useOp } from './api/hooks';
import { NavigationVisit, useNavigationCount, useRoute, type Route } from './router';
import { SkipLink } from './shell/SkipLink';
import { Brand } from './shell/Brand';
import { StorePicker } from './shell/StorePicker';
import { ColorSchemeToggle } from './shell/ColorSchemeToggle';
import { ProfileSlot } from './shell/ProfileSlot';
import { AppNavbar } from './shell/AppNavbar';
import { StoreGate } from './shell/StoreGate';
import { SessionGate } from './shell/SessionGate';
import { ConnectivityIndicator } from './shell/ConnectivityIndicator';
import { LoadingState } from './components';
import { OverviewView } from './views/overview/OverviewView';
import { CampaignsView } from './views/campaigns/CampaignsView';

// The first screen (overview) and the campaign list load with the app; every other screen is its
// own chunk, fetched when first opened, so the initial JavaScript stays small (issue 15).
const CampaignStatsView = lazy(() => import('./views/stats/CampaignStatsView').then((m) => ({ default: m.CampaignStatsView })));
const CampaignEditorView = lazy(() => import('./views/editor/CampaignEditorView').then((m) => ({ default: m.CampaignEditorView })));
const SubscribersView = lazy(() => import('./views/subscribers/SubscribersView').then((m) => ({ default: m.SubscribersView })));
const SegmentsView = lazy(() => import('./views/segments/SegmentsView').then((m) => ({ default: m.SegmentsView })));
const SettingsView = lazy(() => import('./views/settings/SettingsView').then((m) => ({ default: m.SettingsView })));
const CampaignCalendarView = lazy(() => import('./views/calendar/CampaignCalendarView').then((m) => ({ default: m.CampaignCalendarView })));
const WelcomeView = lazy(() => import('./views/settings/WelcomeView').then((m) => ({ default: m.WelcomeView })));

function Screen({ route, visit }: { route: Route; visit: number }) {
  switch (route.name) {
    case 'overview':
      return <StoreGate>{(storeId) => <OverviewView storeId={storeId} />}</StoreGate>;
    case 'campaigns':
      return <StoreGate>{(storeId) => <CampaignsView storeId={storeId} />}</StoreGate>;
    case 'campaign-calendar':
      return <StoreGate>{(storeId) => <CampaignCalendarView storeId={storeId} view={route.view ?? 'month'} date={route.date} />}</StoreGate>;
    case 'campaign-stats':
      return <StoreGate>{(storeId) => <CampaignStatsView storeId={storeId} campaignId={route.campaignId} />}</StoreGate>;
    case 'campaign-new':
      return <StoreGate>{(storeId) => <CampaignEditorView key={`new-${visit}`} storeId={storeId} draftId={route.draftId} />}</StoreGate>;
    case 'campaign-edit':
      return <StoreGate>{(storeId) => <CampaignEditorView key={route.campaignId} storeId={storeId} campaignId={route.campaignId} />}</StoreGate>;
    case 'subscribers':
      return <StoreGate>{(storeId) => <SubscribersView storeId={storeId} importOpen={route.import === true} />}</StoreGate>;
    case 'segments':
      return <StoreGate>{(storeId) => <SegmentsView storeId={storeId} />}</StoreGate>;
    case 'settings':
      return <SettingsView tab={route.tab} />;
    case 'welcome':
      return <WelcomeView />;
  }
}

export function App() {
  const route = useRoute();
  const visit = useNavigationCount();
  const [navOpened, nav] = useDisclosure(false);
  const active = useOp('profiles.active', {});
  // Nothing configured yet: offer the demo workspace or a connection before anything else.
  // Settings stays reachable so a user can add a profile the long way.
  if (active.data?.firstRun && route.name !== 'settings') return <Suspense fallback={<LoadingState />}><WelcomeView /></Suspense>;
  return (
    <SessionGate>
    <SkipLink />
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'md', md: 'xl' }}
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Brand />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ConnectivityIndicator />
            <StorePicker />
            <ProfileSlot />
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <AppNavbar current={route} onNavigate={nav.close} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <div style={{ maxWidth: 1440, margin: '0 auto' }}>
          <Suspense fallback={<LoadingState />}>
            <NavigationVisit.Provider value={visit}>
              <Screen route={route} visit={visit} />
            </NavigationVisit.Provider>
          </Suspense>
        </div>
      </AppShell.Main>
    </AppShell>
    </SessionGate>
  );
}
