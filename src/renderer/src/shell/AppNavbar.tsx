import { NavLink, Stack, Text } from '@mantine/core';
import { IconChartPie, IconFilter, IconMail, IconSettings, IconUsers, type Icon } from '@tabler/icons-react';
import { hrefFor, type Route } from '../router';

interface NavItem {
  label: string;
  route: Route;
  icon: Icon;
  /** The routes that light this item up (a campaign's stats belong to Campaigns). */
  matches: Route['name'][];
}

const items: NavItem[] = [
  { label: 'Overview', route: { name: 'overview' }, icon: IconChartPie, matches: ['overview'] },
  { label: 'Campaigns', route: { name: 'campaigns' }, icon: IconMail, matches: ['campaigns', 'campaign-calendar', 'campaign-new', 'campaign-edit', 'campaign-stats'] },
  { label: 'Subscribers', route: { name: 'subscribers' }, icon: IconUsers, matches: ['subscribers'] },
  { label: 'Segments', route: { name: 'segments' }, icon: IconFilter, matches: ['segments'] },
  { label: 'Settings', route: { name: 'settings' }, icon: IconSettings, matches: ['settings', 'welcome'] },
];

export function AppNavbar({ current, onNavigate }: { current: Route; onNavigate?: () => void }) {
  return (
    <Stack gap={4} component="nav" aria-label="Main">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} px="sm" pb={4} style={{ letterSpacing: '0.05em' }}>
        Marketing
      </Text>
      {items.map((item) => {
        const active = item.matches.includes(current.name);
        return (
          <NavLink
            key={item.label}
            href={hrefFor(item.route)}
            label={item.label}
            leftSection={<item.icon size={18} stroke={1.7} />}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
            fw={active ? 600 : 500}
          />
        );
      })}
    </Stack>
  );
}
